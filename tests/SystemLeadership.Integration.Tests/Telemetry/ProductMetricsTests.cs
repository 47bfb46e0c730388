using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SystemLeadership.Infrastructure.Email;
using SystemLeadership.Infrastructure.Telemetry;
using SystemLeadership.Integration.Tests.Email;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Telemetry;

/// <summary>The product meter counts what the outbox sender committed: sent, failed, given up, in doubt.</summary>
public sealed class ProductMetricsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private MeterListener? _listener;

    public async Task InitializeAsync()
    {
        await using var context = db.NewAdminContext();
        await context.Outbox.ExecuteDeleteAsync();
        // Only this test's meter (other tests run in parallel with instruments of the same name).
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ProductMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory)) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _counts.AddOrUpdate(instrument.Name, value, (_, n) => n + value));
        _listener.Start();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _listener?.Dispose();
        _services.Dispose();
    }

    private long Count(string name) => _counts.GetValueOrDefault(name);

    private OutboxSender Sender(IEmailTransport transport, TimeSpan? inDoubtAfter = null) =>
        new(new FixtureContexts(db), transport, _clock, Options.Create(new OutboxSenderOptions { InDoubtAfter = inDoubtAfter ?? new OutboxSenderOptions().InDoubtAfter }),
            NullLogger<OutboxSender>.Instance, new ProductMetrics(_services.GetRequiredService<IMeterFactory>()));

    private async Task EnqueueAsync(int count)
    {
        await using var context = db.NewAdminContext();
        for (var i = 0; i < count; i++) Outbox.Enqueue(context, $"person{i}@example.org", "Subject", "Body", clock: _clock);
        await context.SaveChangesAsync();
    }

    [Fact]
    public async Task Sent_failed_and_given_up_emails_move_their_counters()
    {
        await EnqueueAsync(2);
        await Sender(new RecordingTransport()).SendDueAsync(default);
        Assert.Equal(2, Count("systemleadership.outbox.sent"));
        Assert.Equal(0, Count("systemleadership.outbox.failed"));

        await EnqueueAsync(1);
        var failing = Sender(new RecordingTransport { Fail = true });
        for (var i = 0; i < Domain.Messaging.OutboxEmail.MaxAttempts; i++)
        {
            await failing.SendDueAsync(default);
            _clock.Advance(TimeSpan.FromDays(2));
        }
        Assert.Equal(Domain.Messaging.OutboxEmail.MaxAttempts - 1, Count("systemleadership.outbox.failed"));
        Assert.Equal(1, Count("systemleadership.outbox.given_up"));
        Assert.Equal(2, Count("systemleadership.outbox.sent"));
    }

    [Fact]
    public async Task An_email_abandoned_mid_send_counts_as_in_doubt()
    {
        await EnqueueAsync(1);
        await using (var context = db.NewAdminContext())
        {
            var email = await context.Outbox.SingleAsync();
            email.MarkSending(_clock.GetUtcNow()); // a sender that died after committing "sending"
            await context.SaveChangesAsync();
        }
        _clock.Advance(TimeSpan.FromHours(1));
        await Sender(new RecordingTransport(), inDoubtAfter: TimeSpan.FromMinutes(10)).SendDueAsync(default);
        Assert.Equal(1, Count("systemleadership.outbox.in_doubt"));
        Assert.Equal(0, Count("systemleadership.outbox.sent"));
    }
}
