using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Data;

namespace SystemLeadership.Infrastructure.Reports;

/// <summary>
/// What needs a person in one alliance, for the counts beside the menu's links: <see cref="NeedsYou"/>, kept for
/// <see cref="Fresh"/> per person and alliance on this node so a page costs no statements for them most of the time.
/// A person's own change forgets theirs at once (<see cref="Forget"/>); someone else's shows within <see cref="Fresh"/>.
/// </summary>
public sealed class MenuCounts(IMemoryCache cache, TenantDbContextFactory contexts, TimeProvider clock)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);

    // A person's generation: forgetting moves it on, so every alliance's counts for them are read again.
    private static readonly ConcurrentDictionary<string, int> Generations = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<NeedsItem>> ForAsync(Actor actor, Guid tenantId, CancellationToken ct = default)
    {
        var key = (nameof(MenuCounts), tenantId, actor.UserId, actor.Roles, Generation(actor.UserId));
        return await cache.GetOrCreateAsync(key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Fresh;
            entry.Size = 1;
            var tenant = contexts.For(tenantId);
            return await new NeedsYou(tenant, new BrokerageViews(tenant, clock), clock).ForAsync(actor, ct);
        }) ?? [];
    }

    /// <summary>
    /// The emails waiting for a College administrator's decision (in doubt or given up), for the count beside the
    /// College's link to them: one number for every administrator, kept for <see cref="Fresh"/> on this node.
    /// </summary>
    public async Task<int> EmailsNeedingDecisionAsync(Email.OutboxReader outbox, CancellationToken ct = default) =>
        await cache.GetOrCreateAsync(EmailsKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Fresh;
            entry.Size = 1;
            return await outbox.NeedingAttentionCountAsync(ct);
        });

    /// <summary>After an administrator's decision on an email: the count is read again on this node's next page.</summary>
    public void ForgetEmailsNeedingDecision() => cache.Remove(EmailsKey);

    private static readonly (string, string) EmailsKey = (nameof(MenuCounts), nameof(EmailsNeedingDecisionAsync));

    /// <summary>The person's generation, part of the key of whatever is kept for them until they change something.</summary>
    public static int Generation(string userId) => Generations.GetValueOrDefault(userId);

    /// <summary>After this person changed something: their counts are read again on their next page.</summary>
    public static void Forget(string userId) => Generations.AddOrUpdate(userId, 1, (_, g) => g + 1);
}
