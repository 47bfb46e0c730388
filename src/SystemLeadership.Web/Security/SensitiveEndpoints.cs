using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SystemLeadership.Web.Security;

/// <summary>
/// Rate limits on sign-in and on every endpoint reached from an emailed link, per client address: guessing passwords
/// or tokens costs time. Other traffic is not limited.
/// </summary>
public static class SensitiveEndpoints
{
    private static readonly string[] LimitedPrefixes =
    [
        "/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/ForgotPassword",
        "/Account/ResetPassword", "/Account/ResendEmailConfirmation", "/Account/ConfirmEmail", "/Account/Register",
        "/reference/",
    ];

    public static bool IsLimited(PathString path) =>
        LimitedPrefixes.Any(p => path.StartsWithSegments(p.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    public static void Configure(RateLimiterOptions options, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimiting:SensitivePermitsPerMinute", 30);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, ct) =>
        {
            context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
            await context.HttpContext.Response.WriteAsync("Too many attempts from your address. Wait a minute, then try again.", ct);
        };
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsLimited(context.Request.Path)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("unlimited"));
    }
}
