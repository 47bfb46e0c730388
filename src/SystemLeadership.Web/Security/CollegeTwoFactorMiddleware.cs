using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Web.Security;

/// <summary>
/// College administrators act across every tenant, so they must use two-factor sign-in: until they have set it up,
/// every page sends them to the authenticator set-up.
/// </summary>
public sealed class CollegeTwoFactorMiddleware(RequestDelegate next)
{
    public const string SetUpPath = "/Account/Manage/EnableAuthenticator";

    public Task InvokeAsync(HttpContext context)
    {
        if (MustSetUpTwoFactor(context.User) && !IsAllowedBeforeSetUp(context.Request.Path))
        {
            context.Response.Redirect(SetUpPath);
            return Task.CompletedTask;
        }
        return next(context);
    }

    public static bool MustSetUpTwoFactor(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && user.IsInRole(GlobalRoles.CollegeAdministrator)
        && user.FindFirst(TwoFactorClaimsPrincipalFactory.TwoFactorEnabledClaim)?.Value != "true";

    private static bool IsAllowedBeforeSetUp(PathString path) =>
        path.StartsWithSegments("/Account") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/health") || Path.HasExtension(path.Value);
}
