using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SystemLeadership.Web.Security;

/// <summary>
/// Rate limits per client address on what could guess a password or a token: a posted account form (sign-in, two-factor
/// and recovery codes, registration, password reset, asking for support from the directory) and the opening of a link
/// that carries a token (references, confirmation and reset links, a directory request's confirmation). Loading the sign-in page, or any other page, costs nothing from the budget.
/// Per-account limits on sign-in are SignInThrottle's.
/// </summary>
public static class SensitiveEndpoints
{
    private static readonly string[] PostedForms =
    [
        "/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/ForgotPassword",
        "/Account/ResetPassword", "/Account/ResendEmailConfirmation", "/Account/Register",
        // "Ask for support" from a directory entry: it sends an email to the address typed.
        "/directory",
    ];

    // Links whose token is in the query (Identity's) and links whose token is in the path (references).
    private static readonly string[] QueryTokenLinks = ["/Account/ConfirmEmail", "/Account/ConfirmEmailChange", "/Account/ResetPassword"];
    /// <summary>Links with a secret in the path: rate limited here, and kept out of traces (TelemetrySetup).</summary>
    public static readonly IReadOnlyList<string> PathTokenLinks = ["/reference", "/directory/confirm", "/partnership-evaluation"];

    /// <summary>The link's prefix when the path carries a token, else null.</summary>
    public static string? TokenLinkPrefix(PathString path) =>
        PathTokenLinks.FirstOrDefault(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    public static bool IsLimited(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) && StartsWithAny(request.Path, PostedForms))
        || (request.QueryString.HasValue && StartsWithAny(request.Path, QueryTokenLinks))
        || TokenLinkPrefix(request.Path) is not null;

    private static bool StartsWithAny(PathString path, string[] prefixes) =>
        prefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

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
            IsLimited(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("unlimited"));
    }
}
