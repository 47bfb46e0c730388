using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Telemetry;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>
/// Sends due outbox emails every few seconds, each at most once. An email goes out in two short transactions:
/// <list type="number">
/// <item>claim it with <c>FOR UPDATE SKIP LOCKED</c> (so several app instances can run this at once) and commit
/// "sending started" before the mail server sees anything;</item>
/// <item>lock it again, hand it to the mail server, and record sent (or failed, to be retried after a back-off).</item>
/// </list>
/// If the process or the database dies between the server accepting an email and step 2 committing, the email is left
/// "sending" with no sender holding its lock. It is not sent again: the next run marks it in doubt (see
/// <see cref="OutboxEmail.InDoubt"/>) for a person to decide (<see cref="OutboxReader.SendAgainAsync"/>).
/// Each outcome is counted in the product meter once it is committed (<see cref="ProductMetrics"/>). The sender works
/// as the mailer role (<see cref="MailerRole"/>), the only role that sees every tenant's emails; once an email is sent
/// its links are taken out of the stored body once a transport that delivers has it (<see cref="OutboxEmail.MarkSent"/>).
/// </summary>
public sealed partial class OutboxSender(
    IDbContextFactory<AppDbContext> contexts,
    IEmailTransport transport,
    TimeProvider clock,
    IOptions<OutboxSenderOptions> options,
    ILogger<OutboxSender> logger,
    ProductMetrics? metrics = null) : BackgroundService
{
    private readonly OutboxSenderOptions _options = options.Value;

    /// <summary>One batch: sends up to BatchSize due emails and returns how many it attempted (sent or failed).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await MarkAbandonedInDoubtAsync(db, ct);
        db.ChangeTracker.Clear();
        var attempted = 0;
        while (attempted < _options.BatchSize && await SendNextAsync(db, ct))
        {
            attempted++;
            db.ChangeTracker.Clear();
        }
        return attempted;
    }

    private async Task<bool> SendNextAsync(AppDbContext db, CancellationToken ct)
    {
        // Step 1: claim and commit "sending started". Nothing has reached the mail server yet.
        Guid id;
        await using (var claim = await db.BeginAsMailerAsync(_options.MailerRole, ct))
        {
            var now = clock.GetUtcNow();
            // ToListAsync, not FirstOrDefaultAsync: composing would wrap the locking query in a subquery.
            var claimed = await db.Outbox.FromSql($"""
                SELECT * FROM "OutboxEmails"
                WHERE "SentAt" IS NULL AND "SendingStartedAt" IS NULL AND "DeliveryInDoubtAt" IS NULL
                  AND "Attempts" < {OutboxEmail.MaxAttempts} AND "NextAttemptAt" <= {now}
                ORDER BY "NextAttemptAt"
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct);
            if (claimed is not [var email]) return false;
            id = email.Id;
            email.MarkSending(now);
            await db.SaveChangesAsync(ct);
            await claim.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();

        // Step 2: hold the row's lock while the mail server has it, so a live send is never taken for an abandoned one.
        // From here on, not the caller's token: an email handed over is seen through and recorded even if shutdown has begun.
        await using var send = await db.BeginAsMailerAsync(_options.MailerRole, CancellationToken.None);
        var locked = await db.Outbox.FromSql($"""
            SELECT * FROM "OutboxEmails" WHERE "Id" = {id} FOR UPDATE
            """).ToListAsync(CancellationToken.None);
        // Marked in doubt in the moment between the two steps (only after InDoubtAfter): leave it to a person.
        if (locked is not [{ Sending: true } sending]) return true;

        try
        {
            await transport.SendAsync(sending, CancellationToken.None);
            sending.MarkSent(clock.GetUtcNow(), transport.Delivers);
        }
        catch (Exception ex)
        {
            sending.MarkFailed(clock.GetUtcNow(), $"{ex.GetType().Name}: {ex.Message}");
            if (sending.GaveUp)
            {
                LogGaveUp(ex, sending.Id, sending.Attempts);
            }
            else
            {
                LogFailed(ex, sending.Id, sending.Attempts, sending.NextAttemptAt);
            }
        }

        // If this fails (the database went away) the email stays "sending" and is marked in doubt later: never resent.
        await db.SaveChangesAsync(CancellationToken.None);
        await send.CommitAsync(CancellationToken.None);
        var counter = sending.SentAt is not null ? metrics?.EmailsSent : sending.GaveUp ? metrics?.EmailsGivenUp : metrics?.EmailsFailed;
        counter?.Add(1);
        return true;
    }

    /// <summary>
    /// Emails left "sending" by a sender that is gone: its row lock went with its connection, so SKIP LOCKED passes over
    /// every email a live sender is still sending. Marked in doubt, not sent again.
    /// </summary>
    private async Task MarkAbandonedInDoubtAsync(AppDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.BeginAsMailerAsync(_options.MailerRole, ct);
        var now = clock.GetUtcNow();
        var startedBefore = now - _options.InDoubtAfter;
        var abandoned = await db.Outbox.FromSql($"""
            SELECT * FROM "OutboxEmails"
            WHERE "SentAt" IS NULL AND "DeliveryInDoubtAt" IS NULL AND "SendingStartedAt" <= {startedBefore}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        foreach (var email in abandoned)
        {
            email.MarkInDoubt(now);
            LogInDoubt(email.Id, email.MessageId, email.SendingStartedAt!.Value);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (abandoned.Count > 0) metrics?.EmailsInDoubt.Add(abandoned.Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, clock);
        do
        {
            try
            {
                // A full batch suggests more are waiting: keep going rather than wait for the next tick.
                while (await SendDueAsync(stoppingToken) >= _options.BatchSize) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be down; the loop must outlive that and try again next tick.
                LogBatchFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {EmailId} failed on attempt {Attempts}; next attempt at {NextAttemptAt}")]
    private partial void LogFailed(Exception exception, Guid emailId, int attempts, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {EmailId} failed on attempt {Attempts}; giving up")]
    private partial void LogGaveUp(Exception exception, Guid emailId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {EmailId} (Message-Id {MessageId}) may or may not have been delivered: its sender stopped after starting to send it at {SendingStartedAt}. It will not be sent again unless someone decides to")]
    private partial void LogInDoubt(Guid emailId, string messageId, DateTimeOffset sendingStartedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending outbox emails failed")]
    private partial void LogBatchFailed(Exception exception);
}
