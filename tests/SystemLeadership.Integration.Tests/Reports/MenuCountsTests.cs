using Microsoft.Extensions.Caching.Memory;
using SystemLeadership.Infrastructure.Reports;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Reports;

/// <summary>The menu's counts: what needs the person, kept briefly per person and alliance, and read again after their own change.</summary>
public class MenuCountsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_count_is_kept_for_a_short_while_and_read_again_once_the_person_has_changed_something()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var counts = new MenuCounts(cache, w.Factory(), w.Clock);
        Assert.DoesNotContain(await counts.ForAsync(w.Broker, w.Tenant.Id), i => i.Id == "needs-triage");

        await w.Commissions.RaiseCommissionAsync(w.Contact, w.Request());
        // Someone else's change shows once the kept counts are stale (MenuCounts.Fresh)...
        Assert.DoesNotContain(await counts.ForAsync(w.Broker, w.Tenant.Id), i => i.Id == "needs-triage");
        // ...or at once after the person's own change.
        MenuCounts.Forget(w.Broker.UserId);
        Assert.Equal(1, Assert.Single(await counts.ForAsync(w.Broker, w.Tenant.Id), i => i.Id == "needs-triage").Count);
    }

    [Fact]
    public async Task Counts_are_kept_apart_for_each_alliance()
    {
        var mine = await BrokerageWorld.CreateAsync(db);
        var other = await BrokerageWorld.CreateAsync(db);
        await other.Commissions.RaiseCommissionAsync(other.Contact, other.Request());
        using var cache = new MemoryCache(new MemoryCacheOptions());

        // The same person asked about two alliances: each alliance's own records count, read in its own tenant.
        Assert.DoesNotContain(await new MenuCounts(cache, mine.Factory(), mine.Clock).ForAsync(mine.Broker, mine.Tenant.Id), i => i.Id == "needs-triage");
        Assert.Contains(await new MenuCounts(cache, mine.Factory(), mine.Clock).ForAsync(mine.Broker, other.Tenant.Id), i => i.Id == "needs-triage");
    }
}
