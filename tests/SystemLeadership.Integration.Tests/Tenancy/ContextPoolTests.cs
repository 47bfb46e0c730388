using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Tenancy;

/// <summary>
/// The app's contexts come from a pool (AppDbContextPool): a context given back is handed to the next person with their
/// tenant, never with the last one's, and with nothing of the last one's work left in it.
/// </summary>
public class ContextPoolTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_context_given_back_is_rented_next_with_the_next_persons_tenant_and_nothing_of_the_last_ones()
    {
        var a = await db.TenantWithApplicationsAsync("Swaledale Alliance", 2);
        var b = await db.TenantWithApplicationsAsync("Learners First", 3);
        // A pool of its own: each rent below gets back the one context the rent before gave back.
        var pool = AppDbContextPool.For(DatabaseSetup.Options(db.Connections.App));

        var first = pool.Rent(TenantContext.For(a.Id, "manager-a"));
        await using (first)
        {
            Assert.Equal(2, await first.Applications.CountAsync());
            await first.Database.ExecuteSqlAsync($"SELECT 1");
            Assert.True(WritesNeverRetried.HasWritten(first));
        }
        // Given back, it keeps no one.
        Assert.Equal((null, null), (first.TenantId, first.UserId));

        await using (var nobody = pool.Rent(new TenantContext()))
        {
            Assert.Same(first, nobody);
            Assert.Equal((null, null, false), (nobody.TenantId, nobody.UserId, nobody.NationalRead));
            Assert.Equal(0, await nobody.Applications.CountAsync());
            // Lock 1 switched off: row-level security, set from the context, shows nothing either.
            Assert.Empty(await nobody.Applications.IgnoreQueryFilters().ToListAsync());
            // Its reads may be retried again: the last user's write is not held against it.
            Assert.False(WritesNeverRetried.HasWritten(nobody));
        }

        await using (var asB = pool.Rent(TenantContext.For(b.Id, "manager-b")))
        {
            Assert.Same(first, asB);
            Assert.Equal([b.Id, b.Id, b.Id], await asB.Applications.Select(x => x.TenantId).ToListAsync());
            Assert.Equal([b.Id, b.Id, b.Id], await asB.Applications.IgnoreQueryFilters().Select(x => x.TenantId).ToListAsync());
            // A write for A from B's rent is refused, and left unsaved in the context...
            asB.Applications.Add(new DesignationApplication(a.Id, "user-" + Guid.NewGuid(), "Slipped in", "s@example.org", Presets.Sle));
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => asB.SaveChangesAsync());
        }

        await using (var asA = pool.Rent(TenantContext.For(a.Id, "manager-a")))
        {
            // ...and the next rent, as A, does not find it waiting to be saved.
            Assert.Same(first, asA);
            Assert.Empty(asA.ChangeTracker.Entries());
            Assert.Equal(0, await asA.SaveChangesAsync());
            Assert.Equal(2, await asA.Applications.CountAsync());
        }
    }

    [Fact]
    public async Task A_context_given_back_after_the_national_register_is_rented_next_for_one_tenant_only()
    {
        var a = await db.TenantWithApplicationsAsync("Swaledale Alliance", 1);
        var b = await db.TenantWithApplicationsAsync("Learners First", 2);
        var pool = AppDbContextPool.For(DatabaseSetup.Options(db.Connections.App));

        var national = pool.Rent(TenantContext.NationalRegister("college-admin"));
        await using (national)
        {
            Assert.True(national.NationalRead);
        }

        await using var asB = pool.Rent(TenantContext.For(b.Id, "manager-b"));
        Assert.Same(national, asB);
        Assert.False(asB.NationalRead);
        Assert.Equal([b.Id, b.Id], await asB.Applications.IgnoreQueryFilters().Where(x => x.TenantId == a.Id || x.TenantId == b.Id).Select(x => x.TenantId).ToListAsync());
    }

    [Fact]
    public async Task A_step_in_another_tenant_on_a_borrowed_connection_is_refused_a_pooled_context()
    {
        var a = await db.TenantWithApplicationsAsync("Swaledale Alliance", 1);
        var b = await db.TenantWithApplicationsAsync("Learners First", 1);
        var pool = AppDbContextPool.For(DatabaseSetup.Options(db.Connections.App));

        // Given back, a pooled context would keep the first's connection and hand it to its next renter.
        await using var first = pool.Rent(TenantContext.For(a.Id, "college-admin"));
        await using var transaction = await first.Database.BeginTransactionAsync();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CrossTenantWrite.InTenantAsync(first, pool.Rent(TenantContext.For(b.Id, "college-admin")), _ => Task.CompletedTask, CancellationToken.None));
        Assert.Contains("ForStepIn", refused.Message, StringComparison.Ordinal);

        // Made afresh, the step runs in B's tenant on A's connection.
        await CrossTenantWrite.InTenantAsync(first, pool.MakeUnpooled(TenantContext.For(b.Id, "college-admin")), async second =>
            Assert.Equal([b.Id], await second.Applications.Select(x => x.TenantId).ToListAsync()), CancellationToken.None);
        Assert.Equal([a.Id], await first.Applications.Select(x => x.TenantId).ToListAsync());
    }

    [Fact]
    public async Task A_context_disposed_twice_is_given_back_once_and_never_handed_to_two_renters_at_once()
    {
        var a = await db.TenantWithApplicationsAsync("Swaledale Alliance", 1);
        var b = await db.TenantWithApplicationsAsync("Learners First", 1);
        var pool = AppDbContextPool.For(DatabaseSetup.Options(db.Connections.App));

        var once = pool.Rent(TenantContext.For(a.Id, "manager-a"));
        await once.DisposeAsync();
        await using (once) { }

        await using var first = pool.Rent(TenantContext.For(a.Id, "manager-a"));
        await using var second = pool.Rent(TenantContext.For(b.Id, "manager-b"));
        Assert.NotSame(first, second);
        Assert.Equal([a.Id], await first.Applications.Select(x => x.TenantId).ToListAsync());
        Assert.Equal([b.Id], await second.Applications.Select(x => x.TenantId).ToListAsync());
    }
}
