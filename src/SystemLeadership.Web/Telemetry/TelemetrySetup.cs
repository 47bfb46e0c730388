using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SystemLeadership.Infrastructure.Telemetry;

namespace SystemLeadership.Web.Telemetry;

/// <summary>
/// OpenTelemetry: traces and metrics of ASP.NET Core and Npgsql, .NET runtime metrics and the product's own meter.
/// Metrics are always scrapeable at /metrics (see <see cref="MetricsScrapeAccess"/>); traces, metrics and logs go
/// out over OTLP only when an endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or Telemetry:OtlpEndpoint).
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "SystemLeadership";

    public static void AddSystemLeadershipTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration["Telemetry:OtlpEndpoint"];
        var otlp = !string.IsNullOrWhiteSpace(configured) || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        void Endpoint(OpenTelemetry.Exporter.OtlpExporterOptions o)
        {
            if (!string.IsNullOrWhiteSpace(configured)) o.Endpoint = new Uri(configured);
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(ProductMetrics.MeterName)
                    // Blazor's own: circuits active and connected, and how long they last.
                    .AddMeter("Microsoft.AspNetCore.Components.Server.Circuits")
                    .AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter(Endpoint);
            });
        if (!otlp) return;

        telemetry.WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation(o =>
            {
                o.Filter = http => !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(MetricsScrapeAccess.Path);
                // A referee's, enquirer's or new head's link carries its token in the path: keep it out of traces.
                o.EnrichWithHttpRequest = (activity, request) =>
                {
                    if (Security.SensitiveEndpoints.TokenLinkPrefix(request.Path) is { } link) activity.SetTag("url.path", link + "/{slug}/{token}");
                };
            })
            .AddNpgsql()
            .AddOtlpExporter(Endpoint));
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.AddOtlpExporter(Endpoint);
        });
    }

    /// <summary>/metrics for those <see cref="MetricsScrapeAccess"/> allows; for anyone else the request goes on, to "not found".</summary>
    public static void UseProtectedMetricsEndpoint(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var token = app.Configuration["Telemetry:ScrapeToken"];
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsScrapeAccess.Path && MetricsScrapeAccess.Allows(context, token));
    }
}
