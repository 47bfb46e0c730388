using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>
/// Sends due outbox emails every few seconds. Each email is claimed with <c>FOR UPDATE SKIP LOCKED</c> in its own short
/// transaction, so several app instances can run this at once without sending an email twice, and a crash mid-batch
/// re-sends at most the one email whose send was not yet recorded.
/// </summary>
public sealed partial class OutboxSender(
    IDbContextFactory<AppDbContext> contexts,
    IEmailTransport transport,
    TimeProvider clock,
    IOptions<OutboxSenderOptions> options,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private readonly OutboxSenderOptions _options = options.Value;

    /// <summary>One batch: sends up to BatchSize due emails and returns how many it attempted (sent or failed).</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
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
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        // ToListAsync, not FirstOrDefaultAsync: composing would wrap the locking query in a subquery.
        var claimed = await db.Outbox.FromSql($"""
            SELECT * FROM "OutboxEmails"
            WHERE "SentAt" IS NULL AND "Attempts" < {OutboxEmail.MaxAttempts} AND "NextAttemptAt" <= {now}
            ORDER BY "NextAttemptAt"
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (claimed is not [var email]) return false;

        try
        {
            await transport.SendAsync(email, ct);
            email.MarkSent(clock.GetUtcNow());
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            email.MarkFailed(clock.GetUtcNow(), $"{ex.GetType().Name}: {ex.Message}");
            if (email.GaveUp)
            {
                LogGaveUp(ex, email.Id, email.Attempts);
            }
            else
            {
                LogFailed(ex, email.Id, email.Attempts, email.NextAttemptAt);
            }
        }

        // Not the caller's token: once the server has the email, record that even if shutdown has begun.
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return true;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending outbox emails failed")]
    private partial void LogBatchFailed(Exception exception);
}
