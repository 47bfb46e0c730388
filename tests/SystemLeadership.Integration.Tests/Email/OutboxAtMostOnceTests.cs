using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Email;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Email;

/// <summary>
/// Issue 13: after a database crash one confirmation email was delivered twice. An email the mail server may have
/// accepted is never sent again by the sender on its own: it is marked in doubt for a person to decide.
/// </summary>
public class OutboxAtMostOnceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly TimeSpan InDoubtAfter = new OutboxSenderOptions().InDoubtAfter;

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public async Task InitializeAsync()
    {
        await using var context = db.NewAdminContext();
        await context.Outbox.ExecuteDeleteAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<OutboxEmail> CommittedEmailAsync(string to = "ada@example.org")
    {
        await using var context = db.NewAdminContext();
        var email = Outbox.Enqueue(context, to, "Confirm your SystemLeadership account", "Please confirm.", clock: _clock);
        await context.SaveChangesAsync();
        return email;
    }

    private async Task<OutboxEmail> ReloadAsync(Guid id)
    {
        await using var context = db.NewAdminContext();
        return await context.Outbox.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    private OutboxReader Reader() =>
        new(new TenantDbContextFactory(DatabaseSetup.Options(db.Connections.App), new TenantContext()), _clock, Options.Create(new OutboxSenderOptions()));

    [Fact]
    public async Task A_crash_between_the_server_accepting_an_email_and_recording_it_does_not_send_it_again()
    {
        var email = await CommittedEmailAsync();
        // The mail server accepts the email; then the sender's database connection dies before "sent" is committed.
        var crashing = new ConnectionKillingTransport(db.Connections.App);

        await Assert.ThrowsAnyAsync<Exception>(() => Senders.New(db, crashing, _clock).SendDueAsync(default));
        Assert.Equal(1, crashing.Accepted[email.Id]);
        var afterCrash = await ReloadAsync(email.Id);
        Assert.Null(afterCrash.SentAt);
        Assert.True(afterCrash.Sending);

        // The restarted process: nothing is sent, at once or later.
        var transport = new RecordingTransport();
        var restarted = Senders.New(db, transport, _clock);
        Assert.Equal(0, await restarted.SendDueAsync(default));
        _clock.Advance(InDoubtAfter);
        Assert.Equal(0, await restarted.SendDueAsync(default));
        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(0, await restarted.SendDueAsync(default));

        Assert.Equal(0, transport.TotalCalls);
        var inDoubt = await ReloadAsync(email.Id);
        Assert.True(inDoubt.InDoubt);
        Assert.False(inDoubt.GaveUp);
        Assert.Null(inDoubt.SentAt);
        Assert.Equal(1, inDoubt.Attempts);
        Assert.Equal(OutboxEmail.InDoubtError, inDoubt.LastError);
        Assert.Equal([email.Id], (await Reader().NeedingAttentionAsync()).Select(e => e.Id));
        Assert.Equal(1, await Reader().NeedingAttentionCountAsync());
    }

    [Fact]
    public async Task The_send_is_committed_as_started_before_the_mail_server_sees_the_email()
    {
        var email = await CommittedEmailAsync();
        bool? startedWhenHandedOver = null;
        var transport = new RecordingTransport
        {
            // Another connection's view, i.e. what survives if this process dies now.
            OnSend = async _ => startedWhenHandedOver = (await ReloadAsync(email.Id)).SendingStartedAt is not null,
        };

        await Senders.New(db, transport, _clock).SendDueAsync(default);

        Assert.True(startedWhenHandedOver);
        var sent = await ReloadAsync(email.Id);
        Assert.NotNull(sent.SentAt);
        Assert.False(sent.Sending);
        Assert.False(sent.InDoubt);
    }

    [Fact]
    public async Task An_email_a_live_sender_is_still_sending_is_not_taken_for_an_abandoned_one()
    {
        var email = await CommittedEmailAsync();
        var handedOver = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new RecordingTransport
        {
            OnSend = async _ =>
            {
                handedOver.SetResult();
                await release.Task;
            },
        };
        var first = Task.Run(() => Senders.New(db, slow, _clock).SendDueAsync(default));
        await handedOver.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // A second instance, long after the send started (a very slow mail server): the row's lock shows it is live.
        _clock.Advance(InDoubtAfter + TimeSpan.FromMinutes(10));
        var other = new RecordingTransport();
        Assert.Equal(0, await Senders.New(db, other, _clock).SendDueAsync(default));
        Assert.False((await ReloadAsync(email.Id)).InDoubt);

        release.SetResult();
        Assert.Equal(1, await first);
        Assert.Equal(0, other.TotalCalls);
        Assert.Equal(1, slow.Calls[email.Id]);
        var sent = await ReloadAsync(email.Id);
        Assert.NotNull(sent.SentAt);
        Assert.False(sent.InDoubt);
    }

    [Fact]
    public async Task Two_senders_long_after_each_send_started_still_send_each_email_once()
    {
        var ids = new List<Guid>();
        await using (var context = db.NewAdminContext())
        {
            for (var i = 0; i < 30; i++) ids.Add(Outbox.Enqueue(context, $"person{i}@example.org", "Hello", "Body", clock: _clock).Id);
            await context.SaveChangesAsync();
        }
        _clock.Advance(InDoubtAfter * 3); // every send is "old": only the lock tells a live one from an abandoned one
        var transport = new RecordingTransport { Delay = TimeSpan.FromMilliseconds(5) };
        static async Task<int> DrainAsync(OutboxSender sender)
        {
            var total = 0;
            int sent;
            while ((sent = await sender.SendDueAsync(default)) > 0) total += sent;
            return total;
        }

        var counts = await Task.WhenAll(
            Task.Run(() => DrainAsync(Senders.New(db, transport, _clock, batchSize: 4))),
            Task.Run(() => DrainAsync(Senders.New(db, transport, _clock, batchSize: 4))));

        Assert.Equal(30, counts.Sum());
        Assert.All(ids, id => Assert.Equal(1, transport.Calls[id]));
        await using var check = db.NewAdminContext();
        Assert.Equal(30, await check.Outbox.CountAsync(e => e.SentAt != null && e.DeliveryInDoubtAt == null && e.Attempts == 1));
    }

    [Fact]
    public async Task A_refused_send_is_not_in_doubt_and_is_retried_after_its_back_off()
    {
        var email = await CommittedEmailAsync();
        var transport = new RecordingTransport { Fail = true };
        var sender = Senders.New(db, transport, _clock);

        Assert.Equal(1, await sender.SendDueAsync(default));
        var failed = await ReloadAsync(email.Id);
        Assert.False(failed.Sending);
        Assert.False(failed.InDoubt);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("451", failed.LastError);

        // Past the back-off and past InDoubtAfter: retried, not marked in doubt.
        _clock.Advance(TimeSpan.FromMinutes(1) + InDoubtAfter);
        transport.Fail = false;
        Assert.Equal(1, await sender.SendDueAsync(default));
        Assert.Equal(2, transport.Calls[email.Id]);
        var sent = await ReloadAsync(email.Id);
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LastError);
        Assert.Equal(2, sent.Attempts);
    }

    [Fact]
    public async Task Sending_an_email_in_doubt_again_sends_it_once_more_with_the_same_message_id()
    {
        var email = await CommittedEmailAsync();
        var crashing = new ConnectionKillingTransport(db.Connections.App);
        await Assert.ThrowsAnyAsync<Exception>(() => Senders.New(db, crashing, _clock).SendDueAsync(default));
        _clock.Advance(InDoubtAfter);
        var transport = new RecordingTransport();
        var sender = Senders.New(db, transport, _clock);
        await sender.SendDueAsync(default);
        Assert.True((await ReloadAsync(email.Id)).InDoubt);

        Assert.True(await Reader().SendAgainAsync(email.Id));
        Assert.False(await Reader().SendAgainAsync(email.Id)); // a second click: already waiting, nothing more

        Assert.Equal(1, await sender.SendDueAsync(default));
        Assert.Equal(0, await sender.SendDueAsync(default));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await sender.SendDueAsync(default));

        Assert.Equal(1, transport.Calls[email.Id]);
        Assert.Equal([$"{email.Id:N}@systemleadership.local"], transport.MessageIds[email.Id]);
        Assert.Equal(crashing.MessageIds[email.Id], transport.MessageIds[email.Id]);
        var sent = await ReloadAsync(email.Id);
        Assert.NotNull(sent.SentAt);
        Assert.False(sent.InDoubt);
        Assert.Null(sent.LastError);
        Assert.Equal(2, sent.Attempts);
        Assert.False(await Reader().SendAgainAsync(email.Id)); // sent: nothing to send again
        Assert.Empty(await Reader().NeedingAttentionAsync());
        Assert.Equal(0, await Reader().NeedingAttentionCountAsync());
    }

    [Fact]
    public async Task Only_an_email_in_doubt_or_given_up_can_be_sent_again()
    {
        var waiting = await CommittedEmailAsync("waiting@example.org");
        Assert.False(await Reader().SendAgainAsync(waiting.Id));
        Assert.False(await Reader().SendAgainAsync(Guid.NewGuid()));

        var transport = new RecordingTransport { Fail = true };
        var sender = Senders.New(db, transport, _clock);
        for (var i = 0; i < OutboxEmail.MaxAttempts; i++)
        {
            await sender.SendDueAsync(default);
            _clock.Advance(TimeSpan.FromDays(7));
        }
        Assert.True((await ReloadAsync(waiting.Id)).GaveUp);

        Assert.True(await Reader().SendAgainAsync(waiting.Id));
        transport.Fail = false;
        Assert.Equal(1, await sender.SendDueAsync(default));
        Assert.Equal(OutboxEmail.MaxAttempts + 1, transport.Calls[waiting.Id]);
        Assert.NotNull((await ReloadAsync(waiting.Id)).SentAt);
    }

    /// <summary>
    /// The mail server accepts the email; then the sender's database session is killed (as by a database crash) while
    /// it holds the email's lock, before it can record the send.
    /// </summary>
    private sealed class ConnectionKillingTransport(string connectionString) : IEmailTransport
    {
        public Dictionary<Guid, int> Accepted { get; } = [];
        public Dictionary<Guid, List<string>> MessageIds { get; } = [];

        public async Task SendAsync(OutboxEmail email, CancellationToken ct)
        {
            Accepted[email.Id] = Accepted.GetValueOrDefault(email.Id) + 1;
            (MessageIds.TryGetValue(email.Id, out var ids) ? ids : MessageIds[email.Id] = []).Add(email.MessageId);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
            await using var kill = new NpgsqlCommand("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'
                """, connection);
            var killed = (long)(await kill.ExecuteScalarAsync(ct))!;
            if (killed != 1) throw new InvalidOperationException($"Expected to kill the sender's session, killed {killed}.");
        }
    }
}
