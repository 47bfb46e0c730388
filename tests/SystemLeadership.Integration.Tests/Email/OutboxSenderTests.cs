using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Email;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Email;

public class OutboxSenderTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    // Whole seconds: PostgreSQL keeps microseconds, so a clock with ticks would not round-trip exactly.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    // Tests in a class share its database: start each from an empty outbox so one test's emails are not another's.
    public async Task InitializeAsync()
    {
        await using var context = db.NewAdminContext();
        await context.Outbox.ExecuteDeleteAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<OutboxEmail> CommittedEmailAsync(string to = "ada@example.org")
    {
        await using var context = db.NewAdminContext();
        var email = Outbox.Enqueue(context, to, "Your reference request", "Please follow the link.", clock: _clock);
        await context.SaveChangesAsync();
        return email;
    }

    private async Task<OutboxEmail> ReloadAsync(Guid id)
    {
        await using var context = db.NewAdminContext();
        return await context.Outbox.SingleAsync(e => e.Id == id);
    }

    [Fact]
    public async Task An_email_written_with_the_change_that_causes_it_is_sent_once()
    {
        OutboxEmail email;
        Tenant tenant;
        await using (var context = db.NewAdminContext())
        {
            tenant = new Tenant("Swaledale Alliance", "swaledale-" + Guid.NewGuid().ToString("N")[..6], 100001);
            context.Tenants.Add(tenant);
            email = Outbox.Enqueue(context, "ada@example.org", "Welcome", "Your alliance is set up.", tenant.Id, _clock);
            await context.SaveChangesAsync();
        }
        var transport = new RecordingTransport();
        var sender = Senders.New(db, transport, _clock);

        Assert.Equal(1, await sender.SendDueAsync(default));
        Assert.Equal(0, await sender.SendDueAsync(default));

        Assert.Equal(1, transport.Calls[email.Id]);
        Assert.Equal(1, transport.TotalCalls);
        var sent = await ReloadAsync(email.Id);
        Assert.Equal(_clock.GetUtcNow(), sent.SentAt);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(tenant.Id, sent.TenantId);
    }

    [Fact]
    public async Task An_email_committed_before_a_crash_is_sent_by_the_next_sender_after_restart()
    {
        var email = await CommittedEmailAsync();
        // The first process dies before its sender runs; nothing in memory survives.
        _ = Senders.New(db, new RecordingTransport(), _clock);

        var transport = new RecordingTransport();
        await Senders.New(db, transport, _clock).SendDueAsync(default);

        Assert.Equal(1, transport.Calls[email.Id]);
        Assert.NotNull((await ReloadAsync(email.Id)).SentAt);
    }

    [Fact]
    public async Task A_change_that_rolls_back_leaves_no_email()
    {
        Guid emailId;
        await using (var context = db.NewAdminContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            context.Tenants.Add(new Tenant("Learners First", "learners-" + Guid.NewGuid().ToString("N")[..6], 100002));
            emailId = Outbox.Enqueue(context, "ada@example.org", "Welcome", "Your alliance is set up.", clock: _clock).Id;
            await context.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using (var context = db.NewAdminContext())
        {
            Assert.False(await context.Outbox.AnyAsync(e => e.Id == emailId));
        }
        var transport = new RecordingTransport();
        Assert.Equal(0, await Senders.New(db, transport, _clock).SendDueAsync(default));
        Assert.Equal(0, transport.TotalCalls);
    }

    [Fact]
    public async Task A_failed_send_is_recorded_and_retried_only_after_its_back_off()
    {
        var email = await CommittedEmailAsync();
        var transport = new RecordingTransport { Fail = true };
        var sender = Senders.New(db, transport, _clock);

        Assert.Equal(1, await sender.SendDueAsync(default));
        var failed = await ReloadAsync(email.Id);
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("451 try again later", failed.LastError);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(1), failed.NextAttemptAt);

        // Inside the back-off: not touched.
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await sender.SendDueAsync(default));
        Assert.Equal(1, transport.Calls[email.Id]);

        // Back-off over and the server is back: sent.
        _clock.Advance(TimeSpan.FromSeconds(1));
        transport.Fail = false;
        Assert.Equal(1, await sender.SendDueAsync(default));
        Assert.Equal(2, transport.Calls[email.Id]);
        var sent = await ReloadAsync(email.Id);
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LastError);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task The_back_off_doubles_after_each_failure()
    {
        var email = await CommittedEmailAsync();
        var sender = Senders.New(db, new RecordingTransport { Fail = true }, _clock);

        await sender.SendDueAsync(default);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await sender.SendDueAsync(default);

        var failed = await ReloadAsync(email.Id);
        Assert.Equal(2, failed.Attempts);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(2), failed.NextAttemptAt);
    }

    [Fact]
    public async Task After_the_maximum_attempts_an_email_is_no_longer_retried()
    {
        var email = await CommittedEmailAsync();
        var transport = new RecordingTransport { Fail = true };
        var sender = Senders.New(db, transport, _clock);

        for (var i = 0; i < OutboxEmail.MaxAttempts + 3; i++)
        {
            await sender.SendDueAsync(default);
            _clock.Advance(TimeSpan.FromDays(7)); // past any back-off
        }

        Assert.Equal(OutboxEmail.MaxAttempts, transport.Calls[email.Id]);
        var gaveUp = await ReloadAsync(email.Id);
        Assert.True(gaveUp.GaveUp);
        Assert.Null(gaveUp.SentAt);
        Assert.NotNull(gaveUp.LastError);
    }

    [Fact]
    public async Task Two_senders_running_at_once_send_each_of_fifty_emails_exactly_once()
    {
        var ids = new List<Guid>();
        await using (var context = db.NewAdminContext())
        {
            for (var i = 0; i < 50; i++) ids.Add(Outbox.Enqueue(context, $"person{i}@example.org", "Hello", "Body", clock: _clock).Id);
            await context.SaveChangesAsync();
        }
        // One transport shared by both, so a double send shows as a count of 2; the delay makes the senders overlap.
        var transport = new RecordingTransport { Delay = TimeSpan.FromMilliseconds(5) };
        var first = Senders.New(db, transport, _clock, batchSize: 10);
        var second = Senders.New(db, transport, _clock, batchSize: 10);

        static async Task<int> DrainAsync(OutboxSender sender)
        {
            var total = 0;
            int sent;
            while ((sent = await sender.SendDueAsync(default)) > 0) total += sent;
            return total;
        }
        var counts = await Task.WhenAll(Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)));

        Assert.Equal(50, counts.Sum());
        Assert.Equal(ids.Order(), transport.Calls.Keys.Order());
        Assert.All(ids, id => Assert.Equal(1, transport.Calls[id]));
        await using (var context = db.NewAdminContext())
        {
            Assert.Equal(50, await context.Outbox.CountAsync(e => e.SentAt != null && e.Attempts == 1));
        }
    }

    [Fact]
    public async Task A_batch_sends_no_more_than_the_batch_size()
    {
        await using (var context = db.NewAdminContext())
        {
            for (var i = 0; i < 5; i++) Outbox.Enqueue(context, $"person{i}@example.org", "Hello", "Body", clock: _clock);
            await context.SaveChangesAsync();
        }
        var sender = Senders.New(db, new RecordingTransport(), _clock, batchSize: 3);

        Assert.Equal(3, await sender.SendDueAsync(default));
        Assert.Equal(2, await sender.SendDueAsync(default));
    }

    [Fact]
    public async Task An_email_due_later_is_not_sent_early()
    {
        var later = new FakeTimeProvider(_clock.GetUtcNow().AddMinutes(10));
        Guid id;
        await using (var context = db.NewAdminContext())
        {
            id = Outbox.Enqueue(context, "ada@example.org", "Hello", "Body", clock: later).Id;
            await context.SaveChangesAsync();
        }
        var transport = new RecordingTransport();

        Assert.Equal(0, await Senders.New(db, transport, _clock).SendDueAsync(default));
        Assert.False(transport.Calls.ContainsKey(id));
    }

    [Fact]
    public async Task The_development_mailbox_marks_emails_sent_and_leaves_them_readable()
    {
        var email = await CommittedEmailAsync("grace@example.org");

        await Senders.New(db, new DevelopmentMailbox(), _clock).SendDueAsync(default);

        var kept = await ReloadAsync(email.Id);
        Assert.NotNull(kept.SentAt);
        Assert.Equal("grace@example.org", kept.To);
        Assert.Equal("Please follow the link.", kept.TextBody);
    }

    [Fact]
    public async Task The_hosted_sender_sends_on_its_own_once_started()
    {
        var email = await CommittedEmailAsync();
        var transport = new RecordingTransport();
        using var sender = new OutboxSender(new FixtureContexts(db), transport, _clock,
            Options.Create(new OutboxSenderOptions()), NullLogger<OutboxSender>.Instance);

        await sender.StartAsync(default);
        try
        {
            // The first pass runs at start, without waiting for the timer.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!transport.Calls.ContainsKey(email.Id) && DateTime.UtcNow < deadline) await Task.Delay(50);
        }
        finally
        {
            await sender.StopAsync(default);
        }

        Assert.Equal(1, transport.Calls[email.Id]);
        Assert.NotNull((await ReloadAsync(email.Id)).SentAt);
    }
}
