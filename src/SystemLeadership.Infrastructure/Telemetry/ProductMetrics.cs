using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SystemLeadership.Infrastructure.Telemetry;

/// <summary>
/// The product's own meter, <c>SystemLeadership</c>: what the outbox and the scheduler did. Made through
/// <see cref="IMeterFactory"/>, so each host (and each test) has its own instruments.
/// </summary>
public sealed class ProductMetrics
{
    public const string MeterName = "SystemLeadership";

    public ProductMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        EmailsSent = meter.CreateCounter<long>("systemleadership.outbox.sent", "{email}", "Emails the mail server accepted.");
        EmailsFailed = meter.CreateCounter<long>("systemleadership.outbox.failed", "{email}", "Send attempts that failed and will be retried.");
        EmailsGivenUp = meter.CreateCounter<long>("systemleadership.outbox.given_up", "{email}", "Emails that failed their last allowed attempt.");
        EmailsInDoubt = meter.CreateCounter<long>("systemleadership.outbox.in_doubt", "{email}", "Emails whose sender stopped between sending and recording: left for a person.");
        SchedulerRuns = meter.CreateCounter<long>("systemleadership.scheduler.runs", "{run}", "Designation scheduler runs, by outcome.");
        RequestRoundTrips = meter.CreateHistogram<int>("systemleadership.request.db_round_trips", "{round_trip}",
            "Database round trips made for one HTTP request (DatabaseRoundTrips).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 2, 3, 5, 8, 13, 21, 34] });
    }

    public Counter<long> EmailsSent { get; }
    public Counter<long> EmailsFailed { get; }
    public Counter<long> EmailsGivenUp { get; }
    public Counter<long> EmailsInDoubt { get; }
    public Counter<long> SchedulerRuns { get; }
    public Histogram<int> RequestRoundTrips { get; }

    public void SchedulerRan(bool completed) => SchedulerRuns.Add(1, new KeyValuePair<string, object?>("outcome", completed ? "completed" : "failed"));

    public static void AddTo(IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<ProductMetrics>();
    }
}
