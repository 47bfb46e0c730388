using System.Collections;
using System.Security.Claims;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Web.Telemetry;

/// <summary>
/// After authentication: every log line written for the request carries the user's id and, once the tenant has been
/// checked against the user's memberships (TenantAccess), the tenant's id. Ids only: never names, emails, tokens or
/// passwords. The tenant is read when a line is written, so lines before the check simply have none.
/// </summary>
public sealed class RequestLogScopeMiddleware(RequestDelegate next, ILogger<RequestLogScopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using (logger.BeginScope(new RequestScope(context.User.FindFirstValue(ClaimTypes.NameIdentifier), context.RequestServices.GetService<TenantContext>())))
        {
            await next(context);
        }
    }

    private sealed class RequestScope(string? userId, TenantContext? tenant) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private KeyValuePair<string, object?>[] Items() =>
        [
            new("UserId", userId),
            new("TenantId", tenant?.TenantId),
        ];

        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => Items()[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)Items()).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"UserId:{userId ?? "-"} TenantId:{tenant?.TenantId?.ToString() ?? "-"}";
    }
}
