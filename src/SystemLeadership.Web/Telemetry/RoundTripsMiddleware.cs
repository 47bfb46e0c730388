using SystemLeadership.Infrastructure.Telemetry;

namespace SystemLeadership.Web.Telemetry;

/// <summary>
/// Counts the database round trips each request makes (<see cref="DatabaseRoundTrips"/>) and records them on the product
/// meter by endpoint. With <c>Diagnostics:ServerTiming</c> on (the default in Development), the count so far also goes
/// out as a Server-Timing entry, <c>db;desc="N round trips"</c>, when the response starts: browsers' developer tools show
/// it, and the page-cost tests and bench/pages.sh read it. Off in Production, so the figure is not told to the world.
/// </summary>
public sealed class RoundTripsMiddleware(RequestDelegate next, ProductMetrics metrics, IConfiguration configuration, IHostEnvironment environment)
{
    private readonly bool serverTiming = configuration.GetValue("Diagnostics:ServerTiming", environment.IsDevelopment());

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trips = DatabaseRoundTrips.Begin();
        if (serverTiming)
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.Append("Server-Timing", DatabaseRoundTrips.ServerTimingEntry(trips.Count));
                return Task.CompletedTask;
            });
        }
        await next(context);
        // Circuits' own traffic (/_blazor) is long-lived and not a page, and static files never reach the database: a
        // request is recorded when it made a round trip, so the route tag names pages and endpoints, not every asset.
        if (trips.Count > 0 && !context.Request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal))
        {
            metrics.RequestRoundTrips.Record(trips.Count, new KeyValuePair<string, object?>("http.route", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(none)"));
        }
    }
}
