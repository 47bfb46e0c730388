using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evidence;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>
/// Both locks for every designation entity: a tenant-A context neither reads nor writes tenant B's rows (query filter and
/// the context's own check), and the database refuses B's rows to A even with the filter off (row-level security).
/// </summary>
public class DesignationTenantIsolationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);
    private static readonly DateTimeOffset Now = DesignationWorld.Start;

    public static TheoryData<string> Tables() =>
        ["Applications", "References", "Designations", "Schemes", "Interviews", "Panellists", "EvidenceFiles"];

    private sealed record Seeded(Tenant Tenant, Dictionary<string, Guid> Ids, DesignationApplication Application, Interview Interview);

    /// <summary>One row of every designation table in a tenant.</summary>
    private async Task<Seeded> SeedAsync(string name)
    {
        var tenant = await _world.TenantAsync(name);
        var application = new DesignationApplication(tenant.Id, "applicant-" + name, "Ada Lovelace", "ada@example.org", Presets.AllianceSystemLeader);
        application.UpdateAnswers(new ApplicationAnswers(LeadershipRole.MiddleLeader, 30, ["Maths"], TrackRecord: "Track record."), null, null, Now);
        var reference = Reference.Request(tenant.Id, application.Id, "Jo Head", "jo@school.org", Now).Reference;
        var designation = new Designation(application, DateOnly.FromDateTime(Now.UtcDateTime), "Margaret Thompson");
        var scheme = new Scheme(tenant.Id, new SchemeDefinition(DesignationType.TenantScheme, "Moderator", "MOD", [RuleSpec.MinimumMonths(12)], 24, [], null, null, DesignatedBy.Tenant), Now);
        var interview = new Interview(tenant.Id, application.Id, Now.AddDays(7), "Hall", Now);
        var panellist = new Panellist(tenant.Id, interview.Id, "head-" + name, "Hugh Head");
        var evidence = EvidenceFile.Accept(tenant.Id, application.Id, "impact.pdf", "%PDF-1.7 evidence"u8.ToArray(), application.ApplicantUserId, Now);
        await using (var context = db.NewContext(tenant.Id))
        {
            context.Applications.Add(application);
            context.References.Add(reference);
            context.Designations.Add(designation);
            context.Schemes.Add(scheme);
            context.Interviews.Add(interview);
            context.Panellists.Add(panellist);
            context.EvidenceFiles.Add(evidence);
            await context.SaveChangesAsync();
        }
        var ids = new Dictionary<string, Guid>
        {
            ["Applications"] = application.Id, ["References"] = reference.Id, ["Designations"] = designation.Id, ["Schemes"] = scheme.Id,
            ["Interviews"] = interview.Id, ["Panellists"] = panellist.Id, ["EvidenceFiles"] = evidence.Id,
        };
        return new Seeded(tenant, ids, application, interview);
    }

    private static Task<int> CountAsync(AppDbContext c, string table, Guid tenantId, bool filtered) => table switch
    {
        "Applications" => (filtered ? c.Applications : c.Applications.IgnoreQueryFilters()).CountAsync(x => x.TenantId == tenantId),
        "References" => (filtered ? c.References : c.References.IgnoreQueryFilters()).CountAsync(x => x.TenantId == tenantId),
        "Designations" => (filtered ? c.Designations : c.Designations.IgnoreQueryFilters()).CountAsync(x => x.TenantId == tenantId),
        "Schemes" => (filtered ? c.Schemes : c.Schemes.IgnoreQueryFilters()).CountAsync(x => x.TenantId == tenantId),
        "Interviews" => (filtered ? c.Interviews : c.Interviews.IgnoreQueryFilters()).CountAsync(x => x.TenantId == tenantId),
        "Panellists" => (filtered ? c.Panellists : c.Panellists.IgnoreQueryFilters()).CountAsync(x => x.TenantId == tenantId),
        "EvidenceFiles" => (filtered ? c.EvidenceFiles : c.EvidenceFiles.IgnoreQueryFilters()).CountAsync(x => x.TenantId == tenantId),
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    /// <summary>A new row of this table that belongs to the seeded tenant.</summary>
    private static object NewRowFor(string table, Seeded b) => table switch
    {
        "Applications" => new DesignationApplication(b.Tenant.Id, "mallory", "Mallory", "m@example.org", Presets.Sle),
        "References" => Reference.Request(b.Tenant.Id, b.Application.Id, "Mallory", "m@example.org", Now).Reference,
        "Designations" => new Designation(b.Application, DateOnly.FromDateTime(Now.UtcDateTime), "Mallory"),
        "Schemes" => new Scheme(b.Tenant.Id, new SchemeDefinition(DesignationType.TenantScheme, "Forged", "FGD", [RuleSpec.MinimumMonths(1)], 12, [], null, null, DesignatedBy.Tenant), Now),
        "Interviews" => new Interview(b.Tenant.Id, b.Application.Id, Now.AddDays(8), "Elsewhere", Now),
        "Panellists" => new Panellist(b.Tenant.Id, b.Interview.Id, "mallory", "Mallory"),
        "EvidenceFiles" => EvidenceFile.Accept(b.Tenant.Id, b.Application.Id, "forged.pdf", "%PDF-1.7 forged"u8.ToArray(), "mallory", Now),
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task A_tenant_cannot_read_another_tenants_rows_even_with_the_filter_off(string table)
    {
        var a = await SeedAsync("Swaledale Alliance");
        var b = await SeedAsync("Learners First");

        await using var context = db.NewContext(a.Tenant.Id);
        Assert.Equal(1, await CountAsync(context, table, a.Tenant.Id, filtered: true));
        Assert.Equal(0, await CountAsync(context, table, b.Tenant.Id, filtered: true));
        Assert.Equal(0, await CountAsync(context, table, b.Tenant.Id, filtered: false));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task A_tenant_context_refuses_to_write_another_tenants_row(string table)
    {
        var a = await SeedAsync("Swaledale Alliance");
        var b = await SeedAsync("Learners First");
        var before = await _world.CountAsync(table, $"\"TenantId\" = '{b.Tenant.Id}'");

        await using (var context = db.NewContext(a.Tenant.Id))
        {
            context.Add(NewRowFor(table, b));
            var refused = await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());
            Assert.StartsWith("Refused to write a", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(before, await _world.CountAsync(table, $"\"TenantId\" = '{b.Tenant.Id}'"));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task The_database_refuses_a_raw_insert_update_or_delete_of_another_tenants_row(string table)
    {
        var a = await SeedAsync("Swaledale Alliance");
        var b = await SeedAsync("Learners First");
        var id = b.Ids[table];

        await using var connection = new NpgsqlConnection(db.Connections.App);
        await connection.OpenAsync();
        var copy = "copy_" + Guid.NewGuid().ToString("N")[..8];
        // Copy B's row as B (so every column is right), give it a new id, then try to insert it while acting as A.
        await ExecuteAsync(connection, "SELECT set_config('app.tenant_id', @p, false)", b.Tenant.Id.ToString());
        await ExecuteAsync(connection, $"CREATE TEMP TABLE {copy} AS SELECT * FROM \"{table}\" WHERE \"Id\" = @p", id);
        await ExecuteAsync(connection, $"UPDATE {copy} SET \"Id\" = gen_random_uuid()");
        await ExecuteAsync(connection, "SELECT set_config('app.tenant_id', @p, false)", a.Tenant.Id.ToString());

        var columns = await WritableColumns.OfAsync(connection, table);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, $"INSERT INTO \"{table}\" ({columns}) SELECT {columns} FROM {copy}"));
        Assert.Equal("42501", refused.SqlState);
        Assert.Contains("row-level security", refused.MessageText, StringComparison.Ordinal);
        Assert.Equal(0, await ExecuteAsync(connection, $"UPDATE \"{table}\" SET \"TenantId\" = \"TenantId\" WHERE \"Id\" = @p", id));
        Assert.Equal(0, await ExecuteAsync(connection, $"DELETE FROM \"{table}\" WHERE \"Id\" = @p", id));
        // Moving one of A's own rows into B is refused too.
        var refusedMove = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(connection, $"UPDATE \"{table}\" SET \"TenantId\" = @p WHERE \"Id\" = '{a.Ids[table]}'", b.Tenant.Id));
        Assert.Equal("42501", refusedMove.SqlState);

        Assert.Equal(1, await _world.CountAsync(table, $"\"TenantId\" = '{b.Tenant.Id}'"));
        Assert.Equal(1, await _world.CountAsync(table, $"\"TenantId\" = '{a.Tenant.Id}'"));
    }

    [Fact]
    public async Task The_national_register_reads_every_tenants_designations()
    {
        var a = await SeedAsync("Swaledale Alliance");
        var b = await SeedAsync("Learners First");
        var register = new TenantDbContextFactory(_world.Options, TenantContext.For(a.Tenant.Id, "college-admin"));

        await using (var context = register.NationalRegister())
        {
            var ids = await context.Designations.IgnoreQueryFilters().Select(d => d.Id).ToListAsync();
            Assert.Contains(a.Ids["Designations"], ids);
            Assert.Contains(b.Ids["Designations"], ids);
            // Not applications or their evidence: the national read opens designations and the dashboard's brokerage tables only.
            Assert.Equal(0, await context.Applications.IgnoreQueryFilters().CountAsync());
            Assert.Equal(0, await context.EvidenceFiles.IgnoreQueryFilters().CountAsync());
        }

        var rows = (await new NationalRegister(register, _world.Changes).PageAsync(new RegisterFilter(), new PageRequest(Size: 100))).Rows;
        Assert.Contains(rows, r => r.Id == a.Ids["Designations"] && r.Alliance == "Swaledale Alliance");
        Assert.Contains(rows, r => r.Id == b.Ids["Designations"] && r.Alliance == "Learners First");
    }

    [Fact]
    public async Task The_national_register_cannot_change_or_add_a_designation()
    {
        var a = await SeedAsync("Swaledale Alliance");
        var register = new TenantDbContextFactory(_world.Options, TenantContext.For(a.Tenant.Id, "college-admin"));

        await using (var context = register.NationalRegister())
        {
            var designation = await context.Designations.IgnoreQueryFilters().SingleAsync(d => d.Id == a.Ids["Designations"]);
            designation.FlagForReview("Edited from the register", Now);
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());
        }
        await using (var context = register.NationalRegister())
        {
            context.Designations.Add(new Designation(a.Application, DateOnly.FromDateTime(Now.UtcDateTime), "Register"));
            await Assert.ThrowsAsync<CrossTenantWriteException>(() => context.SaveChangesAsync());
        }
        await using (var context = register.NationalRegister())
        {
            // Lock 2 alone, on the register's own connection, in a transaction that carries the register's settings.
            await using var transaction = await context.Database.BeginTransactionAsync();
            var connection = context.Database.GetDbConnection();
            Assert.Equal(0, await ExecuteAsync(connection, "UPDATE \"Designations\" SET \"HolderName\" = 'Changed by the register'"));
            Assert.Equal(0, await ExecuteAsync(connection, "DELETE FROM \"Designations\""));
            var copy = "copy_" + Guid.NewGuid().ToString("N")[..8];
            await ExecuteAsync(connection, $"CREATE TEMP TABLE {copy} AS SELECT * FROM \"Designations\" WHERE \"Id\" = @p", a.Ids["Designations"]);
            await ExecuteAsync(connection, $"UPDATE {copy} SET \"Id\" = gen_random_uuid()");
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, $"INSERT INTO \"Designations\" SELECT * FROM {copy}"));
            Assert.Equal("42501", refused.SqlState);
        }

        var stored = await _world.DesignationAsync(a.Tenant, a.Ids["Designations"]);
        Assert.Equal(("Ada Lovelace", (string?)null), (stored.HolderName, stored.ReviewFlag));
        Assert.Equal(1, await _world.CountAsync("Designations", $"\"TenantId\" = '{a.Tenant.Id}'"));
    }

    [Fact]
    public async Task Services_in_one_tenant_do_not_find_another_tenants_records()
    {
        var a = await SeedAsync("Swaledale Alliance");
        var b = await SeedAsync("Learners First");
        var manager = await _world.PersonAsync(a.Tenant, "Margaret Thompson", TenantRoles.AllianceManager);

        Assert.Null(await _world.ApplicationViews(a.Tenant, manager).ForAsync(b.Application.Id, manager));
        Assert.Null(await _world.DesignationViews(a.Tenant, manager).ForAsync(b.Ids["Designations"], manager));
        Assert.Null(await _world.Schemes(a.Tenant, manager).FindAsync(b.Ids["Schemes"]));
        Assert.Null(await _world.ApplicationViews(a.Tenant, manager).DownloadAsync(b.Application.Id, b.Ids["EvidenceFiles"], manager));
        await Assert.ThrowsAsync<Domain.Common.NotFoundException>(() =>
            _world.Applications(a.Tenant, manager).MoveAsync(b.Application.Id, b.Application.Version, ApplicationMove.Withdraw, manager));
        await Assert.ThrowsAsync<Domain.Common.NotFoundException>(() =>
            _world.Designations(a.Tenant, manager).MoveAsync(b.Ids["Designations"], 0, DesignationMove.Suspend, manager, note: "x"));
        await Assert.ThrowsAsync<Domain.Common.NotFoundException>(() =>
            _world.Interviews(a.Tenant, manager).ScoreAsync(b.Application.Id, b.Ids["Panellists"], 0, [4, 4, 4, 4], null, manager));
        Assert.Equal(0, await _world.CountAsync("AuditEntries", $"\"TenantId\" = '{a.Tenant.Id}'"));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "SQL written by the tests.")]
    private static async Task<int> ExecuteAsync(DbConnection connection, string sql, object? parameter = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null) command.Parameters.Add(new NpgsqlParameter("p", parameter));
        return await command.ExecuteNonQueryAsync();
    }
}
