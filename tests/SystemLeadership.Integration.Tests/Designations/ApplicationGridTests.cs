using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>
/// The managers' grid of every application: paged, sorted and filtered in SQL (the scheme by the name PostgreSQL keeps
/// beside its definition), those waiting on a manager first, the alliance's own only, and nothing for anyone else.
/// </summary>
public class ApplicationGridTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private sealed record World(DesignationWorld W, Tenant Tenant, Actor Manager, Actor Applicant, Guid Submitted);

    /// <summary>
    /// One SLE application submitted through the use case, and <paramref name="copies"/> more like it copied in SQL
    /// (applicants "Applicant 0001"…, submitted a day apart before it), the first <paramref name="designated"/> of them
    /// designated and the first submitted with an unmet rule; another applicant's draft, and another alliance's submitted
    /// application.
    /// </summary>
    private async Task<World> ApplicationsAsync(int copies, int designated)
    {
        var w = new DesignationWorld(db);
        var tenant = await w.TenantAsync();
        var manager = await w.PersonAsync(tenant, "Mo Manager", TenantRoles.AllianceManager);
        var applicant = await w.PersonAsync(tenant, "Ann Applicant", TenantRoles.Applicant);
        var school = await w.SchoolAsync("Reeth Community Primary School", "Good");
        var submitted = await w.SubmittedAsync(tenant, applicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.SeniorLeader, 30, school.Urn));
        var drafter = await w.PersonAsync(tenant, "Dee Drafter", TenantRoles.Applicant);
        await w.Applications(tenant, drafter).StartAsync(drafter, nameof(DesignationType.SpecialistLeaderOfEducation));
        await using (var admin = db.NewAdminContext())
        {
            await admin.Database.OpenConnectionAsync();
            var columns = await WritableColumns.OfAsync(admin.Database.GetDbConnection(), "Applications");
#pragma warning disable EF1002 // The column list comes from the catalogue; the values are parameters.
            await admin.Database.ExecuteSqlRawAsync($$"""
                INSERT INTO "Applications" ({{columns}})
                SELECT {{columns}} FROM (
                    SELECT (jsonb_populate_record(a, jsonb_build_object(
                        'Id', gen_random_uuid(), 'ApplicantName', 'Applicant ' || lpad(n.i::text, 4, '0'),
                        'SubmittedAt', a."SubmittedAt" - make_interval(days => n.i),
                        'State', CASE WHEN n.i <= {0} THEN 'Designated' ELSE a."State" END,
                        'UnmetRulesAtSubmission', CASE WHEN n.i = 1 THEN '["Two years in a leadership role"]'::jsonb ELSE to_jsonb(a."UnmetRulesAtSubmission") END))).*
                    FROM "Applications" a, generate_series(1, {1}) AS n(i) WHERE a."Id" = {2}) copies
                """, designated, copies, submitted);
#pragma warning restore EF1002
        }
        var other = await w.TenantAsync("Other Alliance");
        var otherApplicant = await w.PersonAsync(other, "Oli Other", TenantRoles.Applicant);
        await w.SubmittedAsync(other, otherApplicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.SeniorLeader, 30, school.Urn));
        return new World(w, tenant, manager, applicant, submitted);
    }

    private static ApplicationGrid Grid(World world) => new(world.W.Contexts(world.Tenant, world.Manager));

    [Fact]
    public async Task A_page_of_twenty_five_of_ten_thousand_comes_back_with_the_right_count_and_the_undecided_first()
    {
        var world = await ApplicationsAsync(copies: 9_999, designated: 5_000);
        var grid = Grid(world);

        var first = (await grid.PageAsync(world.Manager, new ApplicationFilter(), new PageRequest()))!;
        Assert.Equal(10_000, first.Total);
        Assert.Equal(25, first.Rows.Count);
        // The draft is its applicant's alone; the undecided (the one submitted and its undecided copies) come first, latest submitted first.
        Assert.Equal(world.Submitted, first.Rows[0].Id);
        Assert.All(first.Rows, r => Assert.Equal(ApplicationState.Submitted, r.State));
        Assert.Equal(("SLE", 0), (first.Rows[0].SchemeShortName, first.Rows[0].UnmetRules));

        var last = (await grid.PageAsync(world.Manager, new ApplicationFilter(), new PageRequest(Page: 400)))!;
        Assert.Equal(25, last.Rows.Count);
        Assert.All(last.Rows, r => Assert.Equal(ApplicationState.Designated, r.State));
        Assert.Equal("Applicant 5000", last.Rows[^1].ApplicantName);
    }

    [Fact]
    public async Task The_state_the_scheme_the_search_and_the_unmet_rules_filter_in_sql()
    {
        var world = await ApplicationsAsync(copies: 30, designated: 10);
        var grid = Grid(world);

        Assert.Equal(10, (await grid.PageAsync(world.Manager, new ApplicationFilter(State: ApplicationState.Designated), new PageRequest()))!.Total);
        var sle = Presets.Sle.Name;
        Assert.Equal(31, (await grid.PageAsync(world.Manager, new ApplicationFilter(SchemeName: sle), new PageRequest(Size: 50)))!.Total);
        Assert.Equal(0, (await grid.PageAsync(world.Manager, new ApplicationFilter(SchemeName: "No such scheme"), new PageRequest()))!.Total);
        Assert.Equal(10, (await grid.PageAsync(world.Manager, new ApplicationFilter(Search: "applicant 001"), new PageRequest()))!.Total);
        var unmet = (await grid.PageAsync(world.Manager, new ApplicationFilter(UnmetOnly: true), new PageRequest()))!;
        Assert.Equal(("Applicant 0001", 1), (Assert.Single(unmet.Rows).ApplicantName, unmet.Rows[0].UnmetRules));
        Assert.Equal([sle], await grid.SchemeNamesAsync(world.Manager));

        var byName = (await grid.PageAsync(world.Manager, new ApplicationFilter(), new PageRequest(Size: 10, Sort: "applicant")))!;
        Assert.Equal("Ann Applicant", byName.Rows[0].ApplicantName);
        Assert.Equal("Applicant 0001", byName.Rows[1].ApplicantName);

        // The download holds every row the filter matches (not a page), in the grid's order, and reads back as CSV.
        var designated = (await grid.ExportAsync(world.Manager, new ApplicationFilter(State: ApplicationState.Designated), "applicant", descending: false))!;
        Assert.Equal(10, designated.Count);
        using var file = new MemoryStream();
        await TableExport.WriteCsvAsync(file, ApplicationGrid.Columns, designated);
        var lines = System.Text.Encoding.UTF8.GetString(file.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\uFEFFApplicant,Designation,Renewal,State,Submitted (UK time),Rules unmet at submission", lines[0]);
        Assert.Equal(11, lines.Length);
        Assert.StartsWith($"{designated[0].ApplicantName},SLE,No,Designated,", lines[1]);
    }

    [Fact]
    public async Task Nobody_but_a_manager_gets_the_grid_and_another_alliances_manager_sees_only_their_own()
    {
        var world = await ApplicationsAsync(copies: 3, designated: 0);
        var grid = Grid(world);
        Assert.Null(await grid.PageAsync(world.Applicant, new ApplicationFilter(), new PageRequest()));
        Assert.Null(await grid.SchemeNamesAsync(world.Applicant));
        Assert.Null(await grid.ExportAsync(world.Applicant, new ApplicationFilter(), null, false));

        var other = await world.W.TenantAsync("Third Alliance");
        var theirManager = await world.W.PersonAsync(other, "Tia Third", TenantRoles.AllianceManager);
        var theirs = (await new ApplicationGrid(world.W.Contexts(other, theirManager)).PageAsync(theirManager, new ApplicationFilter(), new PageRequest()))!;
        Assert.Equal(0, theirs.Total);
    }
}
