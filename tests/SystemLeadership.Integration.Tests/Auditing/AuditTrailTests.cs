using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Integration.Tests.Designations;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Auditing;

/// <summary>
/// The managers' audit trail: every change to the alliance's records, paged, sorted and filtered in SQL, the alliance's
/// own only, and nothing for anyone else.
/// </summary>
public class AuditTrailTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private sealed record World(DesignationWorld W, Tenant Tenant, Actor Manager, Actor Applicant, Tenant Other, Actor OtherManager);

    /// <summary>
    /// An application started and submitted through the use case (its own entries), then 1,000 changes copied in SQL by
    /// "Person 0001"… a minute apart before its first, half to deployments and half to claims, each with a numbered note; and
    /// another alliance with its own application.
    /// </summary>
    private async Task<World> TrailAsync()
    {
        var w = new DesignationWorld(db);
        var tenant = await w.TenantAsync();
        var manager = await w.PersonAsync(tenant, "Mo Manager", TenantRoles.AllianceManager);
        var applicant = await w.PersonAsync(tenant, "Ann Applicant", TenantRoles.Applicant);
        var school = await w.SchoolAsync("Reeth Community Primary School", "Good");
        await w.SubmittedAsync(tenant, applicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.SeniorLeader, 30, school.Urn));
        await using (var admin = db.NewAdminContext())
        {
            await admin.Database.ExecuteSqlAsync($"""
                INSERT INTO "AuditEntries" ("TenantId", "Id", "EntityType", "EntityId", "Action", "FromState", "ToState", "ActorUserId", "ActorName", "At", "Detail")
                SELECT {tenant.Id}, gen_random_uuid(), CASE WHEN n.i % 2 = 0 THEN 'Deployment' ELSE 'Claim' END, gen_random_uuid(), 'Change',
                       NULL, NULL, 'user-' || n.i, 'Person ' || lpad(n.i::text, 4, '0'), (SELECT min("At") FROM "AuditEntries" WHERE "TenantId" = {tenant.Id}) - make_interval(mins => n.i), 'note ' || lpad(n.i::text, 4, '0')
                FROM generate_series(1, 1000) AS n(i)
                """);
        }
        var other = await w.TenantAsync("Other Alliance");
        var otherManager = await w.PersonAsync(other, "Oli Other", TenantRoles.AllianceManager);
        var otherApplicant = await w.PersonAsync(other, "Ola Other", TenantRoles.Applicant);
        await w.SubmittedAsync(other, otherApplicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.SeniorLeader, 30, school.Urn));
        return new World(w, tenant, manager, applicant, other, otherManager);
    }

    private async Task<int> StoredAsync(Tenant tenant)
    {
        await using var admin = db.NewAdminContext();
        return await admin.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.TenantId == tenant.Id);
    }

    [Fact]
    public async Task A_page_of_twenty_five_comes_back_latest_first_with_the_alliances_own_count()
    {
        var world = await TrailAsync();
        var trail = new AuditTrail(world.W.Contexts(world.Tenant, world.Manager));

        var first = (await trail.PageAsync(world.Manager, new AuditFilter(), new PageRequest()))!;

        var stored = await StoredAsync(world.Tenant);
        Assert.True(stored > 1_000, "the application's own changes are in the trail too");
        Assert.Equal((stored, 25), (first.Total, first.Rows.Count));
        Assert.Equal(first.Rows.OrderByDescending(r => r.At).Select(r => r.Id), first.Rows.Select(r => r.Id));
        Assert.Contains(first.Rows, r => r.EntityType == "Application" && r.ActorName == "Ann Applicant");
        var last = (await trail.PageAsync(world.Manager, new AuditFilter(), new PageRequest(Page: first.Pages)))!;
        Assert.Equal("Person 1000", last.Rows[^1].ActorName);
    }

    [Fact]
    public async Task The_kind_the_search_and_the_order_work_in_sql_and_the_download_holds_every_filtered_row()
    {
        var world = await TrailAsync();
        var trail = new AuditTrail(world.W.Contexts(world.Tenant, world.Manager));

        var claims = (await trail.PageAsync(world.Manager, new AuditFilter(Kind: "Claim"), new PageRequest(Size: 100)))!;
        Assert.Equal(500, claims.Total);
        Assert.All(claims.Rows, r => Assert.Equal("Claim", r.EntityType));
        var note = (await trail.PageAsync(world.Manager, new AuditFilter(Search: "NOTE 0042"), new PageRequest()))!;
        Assert.Equal("Person 0042", Assert.Single(note.Rows).ActorName);
        var byWho = (await trail.PageAsync(world.Manager, new AuditFilter(), new PageRequest(Size: 10, Sort: "who", Descending: true)))!;
        Assert.Equal("Person 1000", byWho.Rows[0].ActorName);

        var download = (await trail.ExportAsync(world.Manager, new AuditFilter(Kind: "Deployment"), "at", descending: false))!;
        Assert.Equal(500, download.Count);
        Assert.Equal("Person 1000", download[0].ActorName);
        using var file = new MemoryStream();
        await TableExport.WriteCsvAsync(file, AuditTrail.Columns, download);
        var lines = System.Text.Encoding.UTF8.GetString(file.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(501, lines.Length);
        Assert.Equal("\uFEFFWhen (UK time),Who,Record,Record id,What,From,To,Detail", lines[0]);
        // The time in UK time, written as the UK's spreadsheets read it.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2},Person 1000,Deployment,", lines[1]);
    }

    [Fact]
    public async Task A_draft_applications_changes_are_its_applicants_alone_and_left_out()
    {
        var world = await TrailAsync();
        var drafter = await world.W.PersonAsync(world.Tenant, "Dee Drafter", TenantRoles.Applicant);
        var draft = await world.W.Applications(world.Tenant, drafter).StartAsync(drafter, nameof(DesignationType.SpecialistLeaderOfEducation));
        var trail = new AuditTrail(world.W.Contexts(world.Tenant, world.Manager));

        var applications = (await trail.ExportAsync(world.Manager, new AuditFilter(Kind: "Application"), null, false))!;

        Assert.NotEmpty(applications);
        Assert.DoesNotContain(applications, r => r.EntityId == draft.Id);
    }

    [Fact]
    public async Task Nobody_but_a_manager_gets_the_trail_and_another_alliances_manager_sees_only_their_own()
    {
        var world = await TrailAsync();

        var asApplicant = new AuditTrail(world.W.Contexts(world.Tenant, world.Applicant));
        Assert.Null(await asApplicant.PageAsync(world.Applicant, new AuditFilter(), new PageRequest()));
        Assert.Null(await asApplicant.ExportAsync(world.Applicant, new AuditFilter(), null, false));

        var theirs = (await new AuditTrail(world.W.Contexts(world.Other, world.OtherManager)).PageAsync(world.OtherManager, new AuditFilter(), new PageRequest(Size: 100)))!;
        Assert.Equal(await StoredAsync(world.Other), theirs.Total);
        Assert.DoesNotContain(theirs.Rows, r => r.ActorName.StartsWith("Person ", StringComparison.Ordinal) || r.ActorName == "Ann Applicant");
    }
}
