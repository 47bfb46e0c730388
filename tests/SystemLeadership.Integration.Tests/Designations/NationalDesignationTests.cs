using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>The College's designations (003 §3–§6), decided in the College tenant by a College administrator.</summary>
public class NationalDesignationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);

    private async Task<(Tenant College, Actor Administrator)> CollegeAsync()
    {
        var college = await _world.CollegeAsync();
        return (college, await _world.PersonAsync(college, "Colette College", TenantRoles.AllianceManager));
    }

    [Fact]
    public async Task The_College_offers_its_own_designations_and_an_alliance_does_not()
    {
        var (college, _) = await CollegeAsync();
        var applicant = await _world.PersonAsync(college, "Gerald Governor", TenantRoles.Applicant);
        var offered = await _world.Applications(college, applicant).AvailableSchemesAsync();
        Assert.Equal(["LLE", "NLE", "NLG", "TS"], offered.Select(s => s.Definition.ShortName));
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() =>
            _world.Applications(college, applicant).StartAsync(applicant, nameof(DesignationType.AllianceSystemLeader)));
        Assert.Equal("That designation is not offered here.", refused.Message);

        var alliance = await _world.TenantAsync();
        var member = await _world.PersonAsync(alliance, "Gerald Governor", TenantRoles.Applicant);
        await Assert.ThrowsAsync<NotAllowedException>(() =>
            _world.Applications(alliance, member).StartAsync(member, nameof(DesignationType.NationalLeaderOfGovernance)));
    }

    [Fact]
    public async Task An_NLG_is_designated_for_two_years_by_a_College_administrator()
    {
        var (college, administrator) = await CollegeAsync();
        var chair = await _world.PersonAsync(college, "Gerald Governor", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Askrigg Primary", "Good");

        var id = await _world.SubmittedAsync(college, chair, nameof(DesignationType.NationalLeaderOfGovernance),
            DesignationWorld.Answers(LeadershipRole.ChairOfGovernors, 40, school.Urn, specialisms: []));
        var application = await _world.ApplicationAsync(college, id);
        Assert.Equal("the headteacher of the school whose governing board you chair", application.RefereeDescription);
        await _world.ReferenceAsync(college, id, chair, DesignationWorld.Unique("head") + "@askrigg.example.org");
        await _world.MoveAsync(college, id, ApplicationMove.Designate, administrator);

        await using var context = db.NewContext(college.Id);
        var designation = await context.Designations.AsNoTracking().SingleAsync(d => d.ApplicationId == id);
        Assert.Equal(DesignationType.NationalLeaderOfGovernance, designation.Type);
        Assert.Equal(_world.Today.AddYears(2).AddDays(-1), designation.EndDate);
        Assert.Equal("Colette College", designation.DesignatedByName);
        Assert.Null(designation.DayRatePence);
        Assert.Equal(["24-hour induction"], designation.Training.Select(t => t.Name));
        Assert.Contains(await _world.EmailsToAsync(chair.Email), e => e.Subject == "You have been designated: National leader of governance"
            && e.TextBody.Contains("National College has designated you", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chair_with_under_three_years_cannot_submit_an_NLG_application()
    {
        var (college, _) = await CollegeAsync();
        var chair = await _world.PersonAsync(college, "Nina New", TenantRoles.Applicant);
        var applications = _world.Applications(college, chair);
        var draft = await applications.StartAsync(chair, nameof(DesignationType.NationalLeaderOfGovernance));
        await applications.SaveAnswersAsync(draft.Id, draft.Version, DesignationWorld.Answers(LeadershipRole.ChairOfGovernors, 35, null, []), chair);
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => _world.MoveAsync(college, draft.Id, ApplicationMove.Submit, chair));
        Assert.Contains("NLGs need at least 3 years as a chair of governors within the last 5 years; you have 2 years 11 months.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ApplicationState.Draft, (await _world.ApplicationAsync(college, draft.Id)).State);
    }

    [Fact]
    public async Task Designating_an_NLE_designates_their_school_a_national_support_school()
    {
        var (college, administrator) = await CollegeAsync();
        var head = await _world.PersonAsync(college, "Nell Leader", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Hawes Outstanding Primary", "Outstanding");

        var id = await _world.SubmittedAsync(college, head, nameof(DesignationType.NationalLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.Headteacher, 60, school.Urn, []));
        await _world.ReferenceAsync(college, id, head, DesignationWorld.Unique("chair") + "@hawes.example.org");
        await _world.MoveAsync(college, id, ApplicationMove.Designate, administrator);

        await using var context = db.NewContext(college.Id);
        var both = await context.Designations.AsNoTracking().Where(d => d.ApplicationId == id).ToListAsync();
        Assert.Equal(2, both.Count);
        var nle = both.Single(d => d.Type == DesignationType.NationalLeaderOfEducation);
        var nss = both.Single(d => d.Type == DesignationType.NationalSupportSchool);
        Assert.Equal(("Nell Leader", (DateOnly?)null), (nle.HolderName, nle.EndDate));
        Assert.Equal(("Hawes Outstanding Primary", (int?)school.Urn, (Guid?)nle.Id), (nss.HolderName, nss.SchoolUrn, nss.LinkedDesignationId));
        Assert.Equal("Designated national support school", (await context.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == nss.Id)).Action);
    }

    [Fact]
    public async Task An_NLE_whose_school_is_good_but_not_outstanding_is_refused_with_the_GIAS_rating()
    {
        var (college, _) = await CollegeAsync();
        var head = await _world.PersonAsync(college, "Gail Good", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Bainbridge Good Primary", "Good");
        var applications = _world.Applications(college, head);
        var draft = await applications.StartAsync(head, nameof(DesignationType.NationalLeaderOfEducation));
        await applications.SaveAnswersAsync(draft.Id, draft.Version, DesignationWorld.Answers(LeadershipRole.Headteacher, 60, school.Urn, []), head);
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => _world.MoveAsync(college, draft.Id, ApplicationMove.Submit, head));
        Assert.Contains("Your school must be outstanding to become a national support school. GIAS records it as Good.", refused.Message, StringComparison.Ordinal);
    }

    private async Task<(Tenant College, Actor Administrator, Actor Head, Guid ApplicationId, string AllianceName)> TeachingSchoolReadyForDecisionAsync(string managerEmail)
    {
        var (college, administrator) = await CollegeAsync();
        var head = await _world.PersonAsync(college, "Tess Teaching", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Wensleydale Outstanding School", "Outstanding");
        var allianceName = "Wensleydale Alliance " + Guid.NewGuid().ToString("N")[..6];
        var answers = DesignationWorld.Answers(LeadershipRole.Headteacher, 80, school.Urn, []) with { ProposedAllianceName = allianceName, FirstManagerEmail = managerEmail };
        var id = await _world.SubmittedAsync(college, head, nameof(DesignationType.TeachingSchool), answers);
        await _world.ReferenceAsync(college, id, head, DesignationWorld.Unique("chair") + "@wensleydale.example.org");
        return (college, administrator, head, id, allianceName);
    }

    [Fact]
    public async Task Designating_a_teaching_school_creates_its_alliance_with_its_first_manager()
    {
        var managerEmail = DesignationWorld.Unique("first.manager") + "@example.org";
        var (college, administrator, head, id, allianceName) = await TeachingSchoolReadyForDecisionAsync(managerEmail);

        await _world.MoveAsync(college, id, ApplicationMove.Designate, administrator);

        await using var national = db.NewContext();
        var alliance = await national.Tenants.AsNoTracking().SingleAsync(t => t.Name == allianceName);
        Assert.StartsWith("wensleydale-alliance-", alliance.Slug, StringComparison.Ordinal);
        Assert.False(alliance.IsCollege);
        var normalized = managerEmail.ToUpperInvariant();
        var manager = await national.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == normalized);

        await using var inAlliance = db.NewContext(alliance.Id);
        var members = await inAlliance.Memberships.AsNoTracking().ToListAsync();
        Assert.Equal(2, members.Count);
        Assert.Equal(TenantRoles.AllianceManager, members.Single(m => m.UserId == manager.Id).Roles);
        Assert.Equal(TenantRoles.Headteacher, members.Single(m => m.UserId == head.UserId).Roles);
        Assert.All(await inAlliance.AuditEntries.AsNoTracking().ToListAsync(), a => Assert.Equal("Alliance created by teaching school designation", a.Action));

        var welcome = Assert.Single(await _world.EmailsToAsync(managerEmail));
        Assert.Equal($"You are the alliance manager of {allianceName}", welcome.Subject);
        Assert.Contains("http://test/Account/ForgotPassword", welcome.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://test/t/{alliance.Slug}", welcome.TextBody, StringComparison.Ordinal);
        Assert.Equal(ApplicationState.Designated, (await _world.ApplicationAsync(college, id)).State);
        // The College's own rows stay the College's: nothing of the new alliance is visible from there.
        await using var fromCollege = db.NewContext(college.Id);
        Assert.False(await fromCollege.Memberships.IgnoreQueryFilters().AnyAsync(m => m.TenantId == alliance.Id && m.UserId == manager.Id));
    }

    [Fact]
    public async Task A_head_named_as_their_own_first_manager_is_both_manager_and_headteacher()
    {
        var (college, administrator) = await CollegeAsync();
        var head = await _world.PersonAsync(college, "Sam Self", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Aysgarth Outstanding School", "Outstanding");
        var allianceName = "Aysgarth Alliance " + Guid.NewGuid().ToString("N")[..6];
        var answers = DesignationWorld.Answers(LeadershipRole.Headteacher, 80, school.Urn, []) with { ProposedAllianceName = allianceName, FirstManagerEmail = head.Email };
        var id = await _world.SubmittedAsync(college, head, nameof(DesignationType.TeachingSchool), answers);
        await _world.ReferenceAsync(college, id, head, DesignationWorld.Unique("chair") + "@aysgarth.example.org");
        await _world.MoveAsync(college, id, ApplicationMove.Designate, administrator);

        await using var national = db.NewContext();
        var alliance = await national.Tenants.AsNoTracking().SingleAsync(t => t.Name == allianceName);
        await using var inAlliance = db.NewContext(alliance.Id);
        var member = await inAlliance.Memberships.AsNoTracking().SingleAsync();
        Assert.Equal((head.UserId, TenantRoles.AllianceManager | TenantRoles.Headteacher), (member.UserId, member.Roles));
    }

    [Fact]
    public async Task If_the_new_alliance_cannot_be_written_nothing_of_the_designation_is_kept()
    {
        var managerEmail = DesignationWorld.Unique("doomed.manager") + "@example.org";
        var (college, administrator, _, id, allianceName) = await TeachingSchoolReadyForDecisionAsync(managerEmail);
        var designationsBefore = await _world.CountAsync("Designations");
        var auditBefore = await _world.CountAsync("AuditEntries");
        var outboxBefore = await _world.CountAsync("OutboxEmails");

        // Make the second half (the new tenant's memberships) fail inside the database.
        await ExecuteAsAdminAsync("""
            CREATE FUNCTION refuse_membership() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'membership refused for the test'; END $$;
            CREATE TRIGGER refuse_membership BEFORE INSERT ON "Memberships" FOR EACH ROW EXECUTE FUNCTION refuse_membership();
            """);
        try
        {
            var failed = await Assert.ThrowsAnyAsync<Exception>(() => _world.MoveAsync(college, id, ApplicationMove.Designate, administrator));
            Assert.Contains("membership refused for the test", failed.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsAdminAsync("""DROP TRIGGER refuse_membership ON "Memberships"; DROP FUNCTION refuse_membership();""");
        }

        Assert.Equal(0, await _world.CountAsync("Tenants", $"\"Name\" = '{allianceName}'"));
        Assert.Equal(0, await _world.CountAsync("AspNetUsers", $"\"NormalizedEmail\" = '{managerEmail.ToUpperInvariant()}'"));
        Assert.Equal(designationsBefore, await _world.CountAsync("Designations"));
        Assert.Equal(auditBefore, await _world.CountAsync("AuditEntries"));
        Assert.Equal(outboxBefore, await _world.CountAsync("OutboxEmails"));
        Assert.Equal(ApplicationState.ReferenceReceived, (await _world.ApplicationAsync(college, id)).State);

        // And once the fault has gone, the same decision goes through.
        await _world.MoveAsync(college, id, ApplicationMove.Designate, administrator);
        Assert.Equal(1, await _world.CountAsync("Tenants", $"\"Name\" = '{allianceName}'"));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Fixed SQL written by the test.")]
    private async Task ExecuteAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(db.Connections.Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
