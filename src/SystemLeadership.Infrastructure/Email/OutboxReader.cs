using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Email;

/// <summary>
/// The outbox for the host's own needs: account emails that belong to no tenant and no other change (Identity's
/// confirmation and reset links), the emails a College administrator must decide about, and the newest emails for the
/// development mailbox page (Development only). Reading across tenants is done as the mailer role (<see cref="MailerRole"/>).
/// </summary>
public sealed class OutboxReader(TenantDbContextFactory contexts, TimeProvider clock, IOptions<OutboxSenderOptions> options)
{
    private readonly string _mailer = options.Value.MailerRole;

    /// <summary>An email of its own, outside any tenant, saved at once.</summary>
    public async Task EnqueueAccountEmailAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        await using var db = contexts.WithoutTenant();
        Outbox.Enqueue(db, to, subject, body, tenantId: null, clock);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Emails a person must decide about: in doubt (the sender stopped between handing them over and recording it) or
    /// given up after every attempt failed. Oldest first.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEmail>> NeedingAttentionAsync(CancellationToken ct = default)
    {
        await using var db = contexts.WithoutTenant();
        await using var transaction = await db.BeginAsMailerAsync(_mailer, ct);
        return await Attention(db).OrderBy(e => e.CreatedAt).ToListAsync(ct);
    }

    /// <summary>How many emails <see cref="NeedingAttentionAsync"/> lists, for the count beside the College's menu link.</summary>
    public async Task<int> NeedingAttentionCountAsync(CancellationToken ct = default)
    {
        await using var db = contexts.WithoutTenant();
        await using var transaction = await db.BeginAsMailerAsync(_mailer, ct);
        return await Attention(db).CountAsync(ct);
    }

    private static IQueryable<OutboxEmail> Attention(AppDbContext db) => db.Outbox.AsNoTracking()
        .Where(e => e.SentAt == null && (e.DeliveryInDoubtAt != null || e.Attempts >= OutboxEmail.MaxAttempts));

    /// <summary>
    /// A College administrator's decision to send an email in doubt (or given up) once more; the sender picks it up on
    /// its next pass. False when there is no such email or it is not in doubt or given up (already sent, waiting, or
    /// being sent right now), so a second click or a stale screen cannot send it twice.
    /// </summary>
    public async Task<bool> SendAgainAsync(Guid emailId, CancellationToken ct = default)
    {
        await using var db = contexts.WithoutTenant();
        await using var transaction = await db.BeginAsMailerAsync(_mailer, ct);
        // The row's lock: a sender mid-send holds it, and the check below then sees the outcome it recorded.
        var found = await db.Outbox.FromSql($"""SELECT * FROM "OutboxEmails" WHERE "Id" = {emailId} FOR UPDATE""").ToListAsync(ct);
        if (found is not [{ CanSendAgain: true } email]) return false;
        email.SendAgain(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<OutboxEmail>> NewestAsync(int count, CancellationToken ct = default)
    {
        await using var db = contexts.WithoutTenant();
        await using var transaction = await db.BeginAsMailerAsync(_mailer, ct);
        return await db.Outbox.AsNoTracking().OrderByDescending(e => e.CreatedAt).Take(count).ToListAsync(ct);
    }
}
