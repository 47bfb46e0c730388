using SystemLeadership.Domain.Common;
using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>An alliance system leader (004) from draft to designation, below the UI, on real PostgreSQL.</summary>
public class AllianceSystemLeaderLifecycleTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);

    [Fact]
    public async Task A_head_goes_from_draft_through_reference_shortlist_and_panel_interview_to_a_four_year_designation_at_400_pounds_a_day()
    {
        var w = _world;
        var tenant = await w.TenantAsync();
        var manager = await w.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var ada = await w.PersonAsync(tenant, "Ada Lovelace", TenantRoles.Applicant);
        var hugh = await w.PersonAsync(tenant, "Hugh Head", TenantRoles.Headteacher);
        var helen = await w.PersonAsync(tenant, "Helen Head", TenantRoles.Headteacher);
        var school = await w.SchoolAsync("Reeth Community Primary School", "Good");
        const string chair = "colin.chair@reeth.example.org";

        // Draft: the form offers the alliance's own designations only.
        var applications = w.Applications(tenant, ada);
        var offered = await applications.AvailableSchemesAsync();
        Assert.Equal(["Specialist leader of education", "Alliance system leader"], offered.Select(s => s.Definition.Name));
        var draft = await applications.StartAsync(ada, nameof(DesignationType.AllianceSystemLeader));
        Assert.Equal(draft.Id, (await applications.StartAsync(ada, nameof(DesignationType.AllianceSystemLeader))).Id);
        await applications.SaveAnswersAsync(draft.Id, draft.Version, DesignationWorld.Answers(LeadershipRole.Headteacher, 36, school.Urn), ada);
        var saved = await w.ApplicationAsync(tenant, draft.Id);
        Assert.Equal((school.Name, "Good"), (saved.SchoolName, saved.SchoolOfstedRating));
        Assert.Equal("your chair of governors", saved.RefereeDescription);

        await w.MoveAsync(tenant, draft.Id, ApplicationMove.Submit, ada);
        Assert.Contains(await w.EmailsToAsync(ada.Email), e => e.Subject == "Your ASL application has been submitted" && e.TextBody.Contains("your chair of governors", StringComparison.Ordinal));

        // Reference: the chair answers through the link in their email, without an account.
        await w.References(tenant).RequestAsync(draft.Id, await w.VersionAsync(tenant, draft.Id), "Colin Chair", chair, ada);
        Assert.Equal(ApplicationState.ReferenceRequested, (await w.ApplicationAsync(tenant, draft.Id)).State);
        var token = await w.TokenSentToAsync(chair);
        Assert.Contains($"http://test/reference/{tenant.Slug}/{token}", (await w.EmailsToAsync(chair)).Single().TextBody, StringComparison.Ordinal);
        var view = await w.References(tenant).ByTokenAsync(tenant.Slug, token);
        Assert.NotNull(view);
        Assert.Equal(("Ada Lovelace", "Alliance system leader", (string?)null), (view.ApplicantName, view.DesignationName, view.WhyUnusable));
        w.Clock.Advance(TimeSpan.FromDays(2));
        await w.References(tenant).RespondAsync(tenant.Slug, token, new ReferenceResponse(true, "Headteacher", 3, true, "Ada can be released.", null, 6));
        Assert.Equal(ApplicationState.ReferenceReceived, (await w.ApplicationAsync(tenant, draft.Id)).State);
        Assert.Contains(await w.EmailsToAsync(manager.Email), e => e.Subject == "Ready for review: Ada Lovelace (ASL)");
        Assert.Contains(await w.EmailsToAsync(ada.Email), e => e.Subject == "Your reference has been received");

        // Shortlist, then an interview with two of the alliance's headteachers.
        await w.MoveAsync(tenant, draft.Id, ApplicationMove.Shortlist, manager);
        Assert.Contains(await w.EmailsToAsync(ada.Email), e => e.Subject == "You have been shortlisted (ASL)");
        var interviews = w.Interviews(tenant, manager);
        var candidates = await interviews.PanelCandidatesAsync();
        Assert.Equal(["Helen Head", "Hugh Head"], candidates.Select(c => c.Name));
        await interviews.ScheduleAsync(draft.Id, await w.VersionAsync(tenant, draft.Id), w.Clock.GetUtcNow().AddDays(7), "Reeth school hall", [hugh.UserId, helen.UserId], manager);
        Assert.Contains(await w.EmailsToAsync(ada.Email), e => e.Subject == $"Your interview with {tenant.Name}" && e.TextBody.Contains("Helen Head", StringComparison.Ordinal));
        Assert.Single(await w.EmailsToAsync(hugh.Email), e => e.Subject == "Interview panel: Ada Lovelace");
        Assert.Single(await w.EmailsToAsync(helen.Email), e => e.Subject == "Interview panel: Ada Lovelace");

        // The decision waits for every panellist's scores.
        w.Clock.Advance(TimeSpan.FromDays(7));
        var hughSeat = (await w.ApplicationViews(tenant, hugh).ForAsync(draft.Id, hugh))!.MySeat!;
        await w.Interviews(tenant, hugh).ScoreAsync(draft.Id, hughSeat.Id, hughSeat.Version, [4, 3, 4, 3], "Clear impact on maths.", hugh);
        var early = await Assert.ThrowsAsync<NotAllowedException>(() => w.MoveAsync(tenant, draft.Id, ApplicationMove.Designate, manager));
        Assert.Equal("This scheme designates after an interview: record the panel's scores first.", early.Message);
        var helenSeat = (await w.ApplicationViews(tenant, helen).ForAsync(draft.Id, helen))!.MySeat!;
        // Nobody scores for someone else.
        await Assert.ThrowsAsync<NotAllowedException>(() => w.Interviews(tenant, hugh).ScoreAsync(draft.Id, helenSeat.Id, helenSeat.Version, [1, 1, 1, 1], null, hugh));
        await w.Interviews(tenant, helen).ScoreAsync(draft.Id, helenSeat.Id, helenSeat.Version, [3, 3, 4, 4], null, helen);
        var scored = (await w.ApplicationViews(tenant, manager).ForAsync(draft.Id, manager))!;
        Assert.Equal([14, 14], scored.Panel.Select(p => p.Total!.Value));
        Assert.Contains(scored.Moves, t => t.Move == ApplicationMove.Designate);

        await w.MoveAsync(tenant, draft.Id, ApplicationMove.Designate, manager);

        var decided = (await w.ApplicationViews(tenant, manager).ForAsync(draft.Id, manager))!;
        Assert.Equal(ApplicationState.Designated, decided.Application.State);
        Assert.Equal("Margaret Thompson", decided.Application.DecidedByName);
        var designation = decided.Designation!;
        Assert.Equal(w.Today, designation.StartDate);
        Assert.Equal(w.Today.AddYears(4).AddDays(-1), designation.EndDate);
        Assert.Equal(new DateOnly(2030, 12, 2), designation.EndDate);
        Assert.Equal(40_000, designation.DayRatePence);
        Assert.Equal((DesignationState.Active, "Margaret Thompson", school.Name), (designation.State, designation.DesignatedByName, designation.SchoolName));

        // The trail: every move, with who made it and from which state to which.
        var moves = decided.History.Where(h => h.FromState is not null).Select(h => (h.FromState, h.ToState, h.ActorName)).ToList();
        Assert.Equal(
        [
            ("Draft", "Submitted", "Ada Lovelace"),
            ("Submitted", "ReferenceRequested", "Ada Lovelace"),
            ("ReferenceRequested", "ReferenceReceived", "Colin Chair"),
            ("ReferenceReceived", "Shortlisted", "Margaret Thompson"),
            ("Shortlisted", "InterviewScheduled", "Margaret Thompson"),
            ("InterviewScheduled", "Designated", "Margaret Thompson"),
        ], moves);
        Assert.Equal(2, decided.History.Count(h => h.Action == "Panel scores recorded"));
        var designationTrail = (await w.DesignationViews(tenant, manager).ForAsync(designation.Id, manager))!.History;
        Assert.Equal(("Designated", "Active"), (designationTrail.Single().Action, designationTrail.Single().ToState));
        Assert.Contains("3 December 2026 to 2 December 2030", designationTrail.Single().Detail ?? "", StringComparison.Ordinal);

        var letter = Assert.Single(await w.EmailsToAsync(ada.Email), e => e.Subject == "You have been designated: Alliance system leader");
        Assert.Contains($"http://test/t/{tenant.Slug}/designations/{designation.Id}/letter.pdf", letter.TextBody, StringComparison.Ordinal);
        Assert.Contains("Induction; Training; System Leaders Development Group", letter.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_middle_leader_is_reimbursed_at_300_pounds_a_day()
    {
        var w = _world;
        var tenant = await w.TenantAsync();
        var manager = await w.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var applicant = await w.PersonAsync(tenant, "Mo Middle", TenantRoles.Applicant);
        var school = await w.SchoolAsync("Gunnerside Methodist Primary", "Requires improvement");
        var designation = await w.DesignatedAsync(tenant, applicant, manager, nameof(DesignationType.SpecialistLeaderOfEducation),
            DesignationWorld.Answers(LeadershipRole.MiddleLeader, 24, school.Urn));
        Assert.Equal(30_000, designation.DayRatePence);
        Assert.Equal(w.Today.AddYears(4).AddDays(-1), designation.EndDate);
    }

    [Fact]
    public async Task Withdrawing_cancels_the_reference_link_and_tells_the_referee()
    {
        var w = _world;
        var tenant = await w.TenantAsync();
        var applicant = await w.PersonAsync(tenant, "Will Withdraw", TenantRoles.Applicant);
        var school = await w.SchoolAsync("Muker Primary", "Good");
        var id = await w.SubmittedAsync(tenant, applicant, nameof(DesignationType.AllianceSystemLeader), DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));
        var referee = DesignationWorld.Unique("ref") + "@school.org";
        await w.References(tenant).RequestAsync(id, await w.VersionAsync(tenant, id), "Rita Referee", referee, applicant);
        var token = await w.TokenSentToAsync(referee);

        await w.MoveAsync(tenant, id, ApplicationMove.Withdraw, applicant);

        Assert.Equal(ApplicationState.Withdrawn, (await w.ApplicationAsync(tenant, id)).State);
        Assert.Contains(await w.EmailsToAsync(referee), e => e.Subject == "Reference request for Will Withdraw withdrawn");
        var refused = await Assert.ThrowsAsync<NotAllowedException>(() =>
            w.References(tenant).RespondAsync(tenant.Slug, token, new ReferenceResponse(true, "Head", 3, true, null, null)));
        Assert.Equal("The applicant has withdrawn this reference request.", refused.Message);
    }

    [Fact]
    public async Task A_manager_does_not_decide_their_own_application()
    {
        var w = _world;
        var tenant = await w.TenantAsync();
        var managerApplicant = await w.PersonAsync(tenant, "Manny Manager", TenantRoles.AllianceManager | TenantRoles.Applicant);
        var school = await w.SchoolAsync("Keld School", "Good");
        var id = await w.SubmittedAsync(tenant, managerApplicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.SeniorLeader, 30, school.Urn));
        await w.ReferenceAsync(tenant, id, managerApplicant, DesignationWorld.Unique("ref") + "@school.org");

        var refused = await Assert.ThrowsAsync<NotAllowedException>(() => w.MoveAsync(tenant, id, ApplicationMove.Designate, managerApplicant));
        Assert.Equal("You cannot make that move on this application now.", refused.Message);
        Assert.Equal(0, await w.CountAsync("Designations", $"\"ApplicationId\" = '{id}'"));
    }

    [Fact]
    public async Task Not_designating_tells_the_applicant_the_reason()
    {
        var w = _world;
        var tenant = await w.TenantAsync();
        var manager = await w.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var applicant = await w.PersonAsync(tenant, "Nora Not", TenantRoles.Applicant);
        var school = await w.SchoolAsync("Thwaite School", "Good");
        var id = await w.SubmittedAsync(tenant, applicant, nameof(DesignationType.SpecialistLeaderOfEducation), DesignationWorld.Answers(LeadershipRole.SeniorLeader, 30, school.Urn));
        await w.ReferenceAsync(tenant, id, applicant, DesignationWorld.Unique("ref") + "@school.org");

        await Assert.ThrowsAsync<NotAllowedException>(() => w.MoveAsync(tenant, id, ApplicationMove.DoNotDesignate, manager));
        await w.MoveAsync(tenant, id, ApplicationMove.DoNotDesignate, manager, "Not enough evidence of impact beyond your own school.");

        var email = Assert.Single(await w.EmailsToAsync(applicant.Email), e => e.Subject == "The decision on your SLE application");
        Assert.Contains("Not enough evidence of impact beyond your own school.", email.TextBody, StringComparison.Ordinal);
        await using var context = db.NewContext(tenant.Id);
        Assert.False(await context.Designations.AnyAsync(d => d.ApplicationId == id));
    }
}
