using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Tenancy;

public class TenantIsolationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private async Task<(Tenant A, Tenant B)> TwoTenantsAsync()
    {
        var a = new Tenant("Swaledale Alliance", "swaledale-" + Guid.NewGuid().ToString("N")[..6], 100001);
        var b = new Tenant("Learners First", "learners-" + Guid.NewGuid().ToString("N")[..6], 100002);
        await using var context = db.NewContext();
        context.Tenants.AddRange(a, b);
        await context.SaveChangesAsync();
        return (a, b);
    }

    private async Task<DesignationApplication> ApplicationInAsync(Tenant tenant)
    {
        var application = new DesignationApplication(tenant.Id, "user-" + Guid.NewGuid(), "Ada Lovelace", "ada@example.org", Presets.Sle);
        await using var context = db.NewContext(tenant.Id);
        context.Applications.Add(application);
        await context.SaveChangesAsync();
        return application;
    }

    [Fact]
    public void Every_tenant_owned_entity_has_a_query_filter()
    {
        using var context = db.NewContext();
        var owned = context.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).ToList();
        Assert.NotEmpty(owned);
        Assert.All(owned, t => Assert.NotEmpty(t.GetDeclaredQueryFilters()));
    }

    [Fact]
    public async Task Every_tenant_owned_table_has_a_forced_row_level_security_policy()
    {
        await using var context = db.NewContext();
        var tables = context.Model.GetEntityTypes()
            .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType))
            .Select(t => t.GetTableName()!)
            .ToList();

        await using var connection = new NpgsqlConnection(db.Connections.Owner);
        await connection.OpenAsync();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand("""
                SELECT c.relrowsecurity AND c.relforcerowsecurity
                       AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname)
                FROM pg_class c WHERE c.relname = @table
                """, connection);
            command.Parameters.AddWithValue("table", table);
            Assert.True((bool?)await command.ExecuteScalarAsync() == true, $"{table} is not behind a forced row-level-security policy");
        }
    }

    [Fact]
    public async Task Every_table_with_a_tenant_column_is_behind_a_forced_row_level_security_policy()
    {
        // Catches tables that carry a TenantId without being ITenantOwned entities (network memberships, the outbox).
        await using var connection = new NpgsqlConnection(db.Connections.Owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM information_schema.columns col
            JOIN pg_class c ON c.relname = col.table_name AND c.relkind = 'r'
            WHERE col.table_schema = 'public' AND col.column_name = 'TenantId'
              AND NOT (c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname))
            """, connection);
        var unguarded = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) unguarded.Add(reader.GetString(0));
        }
        Assert.Empty(unguarded);
    }

    [Fact]
    public async Task Every_policy_reads_the_tenant_person_and_national_flag_once_per_statement_not_once_per_row()
    {
        // A bare current_setting() in a policy is called for each row a scan filters; inside a scalar SELECT it is an
        // InitPlan, run once per statement (migration PoliciesReadSettingsOnce). Same rows either way, so this is the
        // policies' cost, which the national figures feel most: they scan every alliance's rows.
        await using var connection = new NpgsqlConnection(db.Connections.Owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT tablename || '.' || policyname FROM pg_policies p,
                   LATERAL (SELECT coalesce(p.qual, '') || ' ' || coalesce(p.with_check, '') AS expression) e
            WHERE p.schemaname = 'public'
              AND regexp_count(e.expression, 'current_setting\(') <> regexp_count(e.expression, 'SELECT \(?(NULLIF\()?current_setting\(')
            ORDER BY 1
            """, connection);
        var perRow = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) perRow.Add(reader.GetString(0));
        }
        Assert.Empty(perRow);

        // And the planner does take it once: the College's count over every alliance's designations filters rows
        // against an InitPlan's value, with no call to current_setting left in the scan's filter.
        await using var app = new NpgsqlConnection(db.Connections.App);
        await app.OpenAsync();
        await using var transaction = await app.BeginTransactionAsync();
        await using (var enter = new NpgsqlCommand("SELECT set_config('app.national_read', 'on', true)", app, transaction)) await enter.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("""EXPLAIN (COSTS OFF) SELECT count(*) FROM "Designations" WHERE "State" = 'Active'""", app, transaction);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        }
        Assert.Contains(plan, line => line.Contains("InitPlan", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Filter", StringComparison.Ordinal) && line.Contains("current_setting", StringComparison.Ordinal));
    }

    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The SQL is the test's own and the migration's, with a table name it made.")]
    public async Task The_policy_rewrite_wraps_each_bare_setting_once_and_leaves_a_wrapped_one_alone()
    {
        // Policies in the form the first migrations wrote (a bare call per row), on a table of the test's own.
        var table = "RewriteProbe" + Guid.NewGuid().ToString("N")[..8];
        await using var connection = new NpgsqlConnection(db.Connections.Owner);
        await connection.OpenAsync();
        async Task RunAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        await RunAsync($"""
            CREATE TABLE "{table}" ("TenantId" uuid, "UserId" text);
            ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON "{table}"
                USING ("TenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid OR "UserId" = NULLIF(current_setting('app.user_id', true), ''))
                WITH CHECK ("TenantId" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
            CREATE POLICY national_register ON "{table}" FOR SELECT USING (current_setting('app.national_read', true) = 'on');
            CREATE POLICY written_once ON "{table}" FOR INSERT WITH CHECK ("TenantId" = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid));
            """);
        try
        {
            // Twice: the second finds nothing bare left and changes nothing.
            await RunAsync(SystemLeadership.Infrastructure.Data.Migrations.PoliciesReadSettingsOnce.Rewrite);
            await RunAsync(SystemLeadership.Infrastructure.Data.Migrations.PoliciesReadSettingsOnce.Rewrite);
            await using var read = new NpgsqlCommand("SELECT policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') FROM pg_policies WHERE tablename = @table ORDER BY 1", connection);
            read.Parameters.AddWithValue("table", table);
            var policies = new Dictionary<string, string>();
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) policies[reader.GetString(0)] = reader.GetString(1);
            }
            Assert.Equal(["national_register", "tenant_isolation", "written_once"], policies.Keys);
            foreach (var (name, expression) in policies)
            {
                var calls = System.Text.RegularExpressions.Regex.Count(expression, @"current_setting\(");
                var wrapped = System.Text.RegularExpressions.Regex.Count(expression, @"SELECT \(?(NULLIF\()?current_setting\(");
                Assert.True(calls > 0 && calls == wrapped, $"{name}: {expression}");
                Assert.DoesNotContain("SELECT ( SELECT", expression, StringComparison.Ordinal);
                Assert.DoesNotContain("SELECT (SELECT", expression, StringComparison.Ordinal);
            }
            // Three calls in the tenant policy (two read, one checked), one national, one in the insert-only check.
            Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(policies["tenant_isolation"], @"current_setting\("));
        }
        finally
        {
            await RunAsync($"DROP TABLE \"{table}\"");
        }
    }

    /// <summary>
    /// The tables outside row-level security, named one by one: each is global by design (national data, Identity,
    /// the networks alliances share leaders through, the data-protection key ring), never a tenant's. A new table must either get a policy or be added
    /// here on purpose.
    /// </summary>
    private static readonly string[] GlobalTables =
    [
        "AspNetRoleClaims", "AspNetRoles", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles", "AspNetUserTokens", "AspNetUsers",
        "DataProtectionKeys", "LeaderNetworks", "Schools", "Tenants", "__EFMigrationsHistory",
    ];

    [Fact]
    public async Task The_only_tables_outside_row_level_security_are_the_known_global_ones()
    {
        await using var connection = new NpgsqlConnection(db.Connections.Owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND NOT (c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname))
            ORDER BY c.relname
            """, connection);
        var open = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) open.Add(reader.GetString(0));
        }
        Assert.Equal(GlobalTables.Order(StringComparer.Ordinal), open.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_application_role_may_read_and_add_data_protection_keys()
    {
        // Global like AspNetUsers: no tenant set, and still the key ring must load and grow (cookies, antiforgery).
        await using var context = db.NewContext();
        context.DataProtectionKeys.Add(new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey { FriendlyName = "test", Xml = "<key />" });
        await context.SaveChangesAsync();
        await using var again = db.NewContext();
        Assert.Contains(await again.DataProtectionKeys.AsNoTracking().ToListAsync(), k => k.FriendlyName == "test");
    }

    [Fact]
    public async Task The_application_connects_as_a_role_that_owns_nothing_and_cannot_bypass_security()
    {
        await using var connection = new NpgsqlConnection(db.Connections.App);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r.rolsuper OR r.rolbypassrls OR EXISTS (SELECT 1 FROM pg_tables t WHERE t.tableowner = current_user)
            FROM pg_roles r WHERE r.rolname = current_user
            """, connection);
        Assert.False((bool?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task With_no_tenant_set_a_query_sees_no_rows()
    {
        var (a, _) = await TwoTenantsAsync();
        await ApplicationInAsync(a);

        await using var context = db.NewContext();
        Assert.Equal(0, await context.Applications.CountAsync());
        // Lock 2 alone: with the EF filter switched off, the database still shows nothing.
        Assert.Equal(0, await context.Applications.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task A_tenant_sees_its_own_rows_and_none_of_another_tenants()
    {
        var (a, b) = await TwoTenantsAsync();
        var mine = await ApplicationInAsync(a);
        var theirs = await ApplicationInAsync(b);

        await using var context = db.NewContext(a.Id);
        var seen = await context.Applications.IgnoreQueryFilters().Select(x => x.Id).ToListAsync();
        Assert.Contains(mine.Id, seen);
        Assert.DoesNotContain(theirs.Id, seen);
    }

    [Fact]
    public async Task Inserting_a_row_for_another_tenant_is_refused_by_the_context()
    {
        var (a, b) = await TwoTenantsAsync();
        await using var context = db.NewContext(a.Id);
        context.Applications.Add(new DesignationApplication(b.Id, "user-x", "Mallory", "m@example.org", Presets.Sle));
        await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());
    }

    [Fact]
    public async Task Inserting_a_row_for_another_tenant_is_refused_by_the_database()
    {
        var (a, b) = await TwoTenantsAsync();
        await using var connection = new NpgsqlConnection(db.Connections.App);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false)", connection))
        {
            set.Parameters.AddWithValue("t", a.Id.ToString());
            await set.ExecuteNonQueryAsync();
        }
        await using var insert = new NpgsqlCommand("""
            INSERT INTO "Applications" ("TenantId","Id","ApplicantUserId","ApplicantName","ApplicantEmail","Type","State","MonthsInRole","Specialisms","UnmetRulesAtDecision","Scheme")
            VALUES (@tenant, gen_random_uuid(), 'u', 'Mallory', 'm@example.org', 'SpecialistLeaderOfEducation', 'Draft', 0, '{}', '{}', '{}')
            """, connection);
        insert.Parameters.AddWithValue("tenant", b.Id);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal("42501", refused.SqlState); // insufficient_privilege: the row-level-security policy said no.
    }

    [Fact]
    public async Task A_person_reads_their_own_memberships_in_every_tenant_but_not_other_peoples()
    {
        var (a, b) = await TwoTenantsAsync();
        const string me = "user-me";
        await using (var ca = db.NewContext(a.Id))
        {
            ca.Memberships.Add(new Membership(a.Id, me, TenantRoles.Applicant));
            ca.Memberships.Add(new Membership(a.Id, "someone-else", TenantRoles.AllianceManager));
            await ca.SaveChangesAsync();
        }
        await using (var cb = db.NewContext(b.Id))
        {
            cb.Memberships.Add(new Membership(b.Id, me, TenantRoles.Headteacher));
            await cb.SaveChangesAsync();
        }

        await using var context = db.NewContext(tenantId: null, userId: me);
        var mine = await context.Memberships.IgnoreQueryFilters().ToListAsync();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, m => Assert.Equal(me, m.UserId));
    }
}
