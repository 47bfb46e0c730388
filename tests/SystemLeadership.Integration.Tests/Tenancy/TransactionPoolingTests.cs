using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Tenancy;

/// <summary>
/// The tenant lives exactly as long as the transaction that uses it, so connections can be shared between tenants by
/// a pool or by PgBouncer in transaction mode without one tenant's setting reaching another's query.
/// </summary>
public class TransactionPoolingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task One_pooled_connection_given_back_without_a_reset_carries_no_tenant_to_its_next_user_even_in_a_prepared_statement()
    {
        var a = await db.TenantWithApplicationsAsync("Swaledale Alliance", 2);
        var b = await db.TenantWithApplicationsAsync("Learners First", 3);
        // As the app connects (DatabaseConnections.Pooled: no DISCARD ALL, statements prepared after their fifth use),
        // with a pool of one: every context below gets the same server connection straight after the one before.
        var one = new NpgsqlConnectionStringBuilder(db.Connections.App)
        {
            NoResetOnClose = true, MaxAutoPrepare = 100, MaxPoolSize = 1, ApplicationName = "pooled-" + Guid.NewGuid().ToString("N")[..8],
        }.ConnectionString;

        var backends = new HashSet<int>();
        // Enough rounds for the tenants' one query to be prepared on the connection, then run from its plan for both.
        for (var round = 0; round < 8; round++)
        {
            // Lock 1 is switched off: what each sees here, only row-level security decides.
            await using (var asA = DatabaseSetup.CreateContext(one, TenantContext.For(a.Id, "manager-a")))
            {
                Assert.Equal([a.Id, a.Id], await asA.Applications.IgnoreQueryFilters().Select(x => x.TenantId).ToListAsync());
                backends.Add(await asA.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync());
            }
            await using (var asB = DatabaseSetup.CreateContext(one, TenantContext.For(b.Id, "manager-b")))
            {
                Assert.Equal([b.Id, b.Id, b.Id], await asB.Applications.IgnoreQueryFilters().Select(x => x.TenantId).ToListAsync());
            }
            await using (var nobody = DatabaseSetup.CreateContext(one))
            {
                Assert.Empty(await nobody.Applications.IgnoreQueryFilters().Select(x => x.TenantId).ToListAsync());
            }
        }
        Assert.Single(backends);
        await using (var asA = DatabaseSetup.CreateContext(one, TenantContext.For(a.Id, "manager-a")))
        {
            // The query both tenants sent is one prepared statement on the connection they shared.
            Assert.Equal(1, await asA.Database.SqlQuery<int>(
                $"SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%FROM \"Applications\"%'").SingleAsync());
        }
    }

    [Fact]
    public async Task Two_tenants_interleaved_through_one_PgBouncer_server_connection_never_see_each_others_rows()
    {
        var a = await db.TenantWithApplicationsAsync("Swaledale Alliance", 2);
        var b = await db.TenantWithApplicationsAsync("Learners First", 3);
        using var bouncer = LocalPgBouncer.Start(db.Connections.Admin, DatabaseSetup.AppRole);
        var through = bouncer.Through(db.Connections.App);

        // Each context keeps its own client connection open; the pooler has one server connection for both.
        await using var asA = DatabaseSetup.CreateContext(through, TenantContext.For(a.Id, "manager-a"));
        await using var asB = DatabaseSetup.CreateContext(through, TenantContext.For(b.Id, "manager-b"));
        await asA.Database.OpenConnectionAsync();
        await asB.Database.OpenConnectionAsync();

        var serverConnections = new HashSet<int>();
        for (var round = 1; round <= 10; round++)
        {
            // Lock 1 is switched off: what each sees here, only row-level security decides.
            var seenByA = await asA.Applications.IgnoreQueryFilters().Select(x => x.TenantId).ToListAsync();
            var seenByB = await asB.Applications.IgnoreQueryFilters().Select(x => x.TenantId).ToListAsync();
            Assert.All(seenByA, t => Assert.Equal(a.Id, t));
            Assert.All(seenByB, t => Assert.Equal(b.Id, t));
            Assert.Equal(2 + round - 1, seenByA.Count);
            Assert.Equal(3, seenByB.Count);

            // A writes in a transaction of its own; B asks for A's rows by id straight after, on the same server connection.
            asA.Applications.Add(new DesignationApplication(a.Id, "user-" + Guid.NewGuid(), $"Round {round}", "r@example.org", Presets.Sle));
            await asA.SaveChangesAsync();
            Assert.Equal(0, await asB.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM \"Applications\" WHERE \"TenantId\" = {a.Id}").SingleAsync());

            serverConnections.Add(await asA.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync());
            serverConnections.Add(await asB.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync());
        }
        Assert.Single(serverConnections);

        // And the shared server connection is left with no tenant for whoever comes next.
        var left = await CountWithNoTenantAsync(through);
        Assert.Equal((0, ""), left);
    }

    [Fact]
    public async Task A_pooled_connection_keeps_no_tenant_after_the_context_that_used_it()
    {
        var a = await db.TenantWithApplicationsAsync("Swaledale Alliance", 2);
        // One physical connection, handed on without Npgsql's DISCARD ALL: only the transaction can have cleared it.
        var single = new NpgsqlConnectionStringBuilder(db.Connections.App) { MaxPoolSize = 1, NoResetOnClose = true, ApplicationName = "pool-" + Guid.NewGuid().ToString("N")[..8] }.ConnectionString;
        await using (var asA = DatabaseSetup.CreateContext(single, TenantContext.For(a.Id, "manager-a")))
        {
            Assert.Equal(2, await asA.Applications.CountAsync());
            asA.Applications.Add(new DesignationApplication(a.Id, "user-" + Guid.NewGuid(), "Saved", "s@example.org", Presets.Sle));
            await asA.SaveChangesAsync();
        }

        Assert.Equal((0, ""), await CountWithNoTenantAsync(single));
    }

    [Fact]
    public async Task A_change_across_two_tenants_sets_each_tenant_for_its_own_step_and_gives_the_first_back()
    {
        var a = await db.TenantWithApplicationsAsync("Swaledale Alliance", 1);
        var b = await db.TenantWithApplicationsAsync("Learners First", 1);
        await using var first = db.NewContext(a.Id, "college-admin");
        await using var transaction = await first.Database.BeginTransactionAsync();
        await CrossTenantWrite.InTenantAsync(first, db.NewContext(b.Id, "college-admin"), async second =>
        {
            second.Applications.Add(new DesignationApplication(b.Id, "user-" + Guid.NewGuid(), "Written as B", "b@example.org", Presets.Sle));
            Assert.Equal(1, await second.Applications.IgnoreQueryFilters().CountAsync());
        }, CancellationToken.None);
        Assert.Equal([a.Id], await first.Applications.IgnoreQueryFilters().Select(x => x.TenantId).ToListAsync());
        await transaction.CommitAsync();

        await using var asB = db.NewContext(b.Id);
        Assert.Equal(2, await asB.Applications.CountAsync());
    }

    /// <summary>What a connection with no context sees: the applications it can read and the tenant setting it carries.</summary>
    private static async Task<(int Applications, string Tenant)> CountWithNoTenantAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT (SELECT count(*)::int FROM \"Applications\"), coalesce(current_setting('app.tenant_id', true), '')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetString(1));
    }
}
