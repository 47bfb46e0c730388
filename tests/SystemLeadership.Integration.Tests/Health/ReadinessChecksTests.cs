using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Email;
using SystemLeadership.Infrastructure.Health;
using SystemLeadership.Integration.Tests.Email;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Health;

public class ReadinessChecksTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public async Task InitializeAsync()
    {
        await using var context = db.NewAdminContext();
        await context.Outbox.ExecuteDeleteAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private OutboxBacklogHealthCheck Outbox(int threshold) =>
        new(new FixtureContexts(db), _clock, Options.Create(new ReadinessOptions { OutboxBacklogThreshold = threshold, OutboxBacklogAge = TimeSpan.FromMinutes(15) }),
            Options.Create(new Infrastructure.Email.OutboxSenderOptions()));

    private static Task<HealthCheckResult> CheckAsync(IHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext());

    private async Task EnqueueAsync(int count)
    {
        await using var context = db.NewAdminContext();
        for (var i = 0; i < count; i++) Infrastructure.Email.Outbox.Enqueue(context, $"person{i}@example.org", "Subject", "Body", clock: _clock);
        await context.SaveChangesAsync();
    }

    [Fact]
    public async Task The_outbox_is_degraded_only_when_more_than_the_threshold_of_emails_are_late()
    {
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(Outbox(threshold: 2))).Status);

        await EnqueueAsync(3);
        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(Outbox(threshold: 2))).Status); // due, but not late yet

        _clock.Advance(TimeSpan.FromMinutes(2));
        var late = await CheckAsync(Outbox(threshold: 2));
        Assert.Equal(HealthStatus.Degraded, late.Status);
        Assert.Equal(3, late.Data["late"]);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(Outbox(threshold: 3))).Status);

        // Once sent, they are no backlog.
        var sender = Senders.New(db, new RecordingTransport(), _clock);
        await sender.SendDueAsync(default);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(Outbox(threshold: 0))).Status);
    }

    [Fact]
    public async Task Emails_waiting_for_a_person_are_reported_but_do_not_degrade()
    {
        await EnqueueAsync(1);
        var sender = Senders.New(db, new RecordingTransport { Fail = true }, _clock);
        // Fail every allowed attempt: the sender gives up and the email waits for a person.
        for (var i = 0; i < Domain.Messaging.OutboxEmail.MaxAttempts; i++)
        {
            await sender.SendDueAsync(default);
            _clock.Advance(TimeSpan.FromDays(2));
        }
        var result = await CheckAsync(Outbox(threshold: 0));
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(1, result.Data["waitingForAPerson"]);
    }

    [Fact]
    public async Task The_scheduler_is_degraded_after_three_silent_intervals_and_ready_again_after_a_run()
    {
        var heartbeat = new SchedulerHeartbeat(_clock);
        var check = new SchedulerHealthCheck(heartbeat, _clock, Options.Create(new ReadinessOptions()));
        _clock.Advance(DesignationScheduler.Interval * 3);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Degraded, (await CheckAsync(check)).Status);

        var scheduler = new DesignationScheduler(DatabaseSetup.Options(db.Connections.App), new Changes(_clock), new AppLinks("http://test"),
            NullLogger<DesignationScheduler>.Instance, heartbeat);
        await scheduler.RunOnceAsync();
        Assert.True(heartbeat.HasRun);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);
    }
}
