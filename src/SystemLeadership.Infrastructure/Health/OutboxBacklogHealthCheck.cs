using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SystemLeadership.Domain.Messaging;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Health;

/// <summary>
/// Degraded when more than <see cref="ReadinessOptions.OutboxBacklogThreshold"/> emails still due to be sent are older
/// than <see cref="ReadinessOptions.OutboxBacklogAge"/>: the mail server or the sender is not keeping up. Emails given
/// up or in doubt wait for a person, not the sender, and are reported but do not degrade.
/// </summary>
public sealed class OutboxBacklogHealthCheck(
    IDbContextFactory<AppDbContext> contexts, TimeProvider clock, IOptions<ReadinessOptions> options, IOptions<OutboxSenderOptions> outbox) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var before = clock.GetUtcNow() - settings.OutboxBacklogAge;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Every tenant's emails: only the mailer role sees them all.
        await using var transaction = await db.BeginAsMailerAsync(outbox.Value.MailerRole, cancellationToken);
        var unsent = db.Outbox.AsNoTracking().Where(o => o.SentAt == null);
        var late = await unsent.CountAsync(o => o.DeliveryInDoubtAt == null && o.Attempts < OutboxEmail.MaxAttempts && o.CreatedAt <= before, cancellationToken);
        var waitingForAPerson = await unsent.CountAsync(o => o.DeliveryInDoubtAt != null || o.Attempts >= OutboxEmail.MaxAttempts, cancellationToken);
        var data = new Dictionary<string, object> { ["late"] = late, ["waitingForAPerson"] = waitingForAPerson };
        return late > settings.OutboxBacklogThreshold
            ? HealthCheckResult.Degraded($"{late} emails unsent for more than {settings.OutboxBacklogAge.TotalMinutes:0} minutes", data: data)
            : HealthCheckResult.Healthy($"{late} emails late", data);
    }
}
