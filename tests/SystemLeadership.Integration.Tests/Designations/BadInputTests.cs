using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>Bad input below the UI: a clear message, and nothing stored.</summary>
public class BadInputTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly DesignationWorld _world = new(db);

    private async Task<(Tenant Tenant, Actor Applicant, DesignationApplication Draft, int Urn)> DraftAsync()
    {
        var tenant = await _world.TenantAsync();
        var applicant = await _world.PersonAsync(tenant, "Ada Lovelace", TenantRoles.Applicant);
        var school = await _world.SchoolAsync("Reeth Primary", "Good");
        var draft = await _world.Applications(tenant, applicant).StartAsync(applicant, nameof(DesignationType.SpecialistLeaderOfEducation));
        return (tenant, applicant, draft, school.Urn);
    }

    public static TheoryData<string, string> BadStatements() => new()
    {
        { new string('x', 4001), "Statements must be 4000 characters or fewer." },
        { "<script>alert('owned')</script>", "Use plain text: tags such as <script> are not allowed." },
        { "Led maths <iframe src=//evil>", "Use plain text: tags such as <script> are not allowed." },
    };

    [Theory]
    [MemberData(nameof(BadStatements))]
    public async Task A_bad_statement_is_refused_and_the_draft_is_left_as_it_was(string statement, string message)
    {
        var (tenant, applicant, draft, urn) = await DraftAsync();
        var answers = DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, urn) with { TrackRecord = statement };
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Applications(tenant, applicant).SaveAnswersAsync(draft.Id, draft.Version, answers, applicant));
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);

        var stored = await _world.ApplicationAsync(tenant, draft.Id);
        Assert.Equal((null, (LeadershipRole?)null, (DateTimeOffset?)null), (stored.TrackRecord, stored.CurrentRole, stored.LastSavedAt));
        Assert.Equal(draft.Version, stored.Version);
    }

    [Fact]
    public async Task A_school_that_is_not_in_GIAS_is_refused()
    {
        var (tenant, applicant, draft, _) = await DraftAsync();
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Applications(tenant, applicant)
            .SaveAnswersAsync(draft.Id, draft.Version, DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, 123), applicant));
        Assert.StartsWith("There is no open school with URN 123.", refused.Message, StringComparison.Ordinal);
        Assert.Null((await _world.ApplicationAsync(tenant, draft.Id)).SchoolUrn);
    }

    [Fact]
    public async Task Someone_else_cannot_change_an_applicants_answers()
    {
        var (tenant, _, draft, urn) = await DraftAsync();
        var mallory = await _world.PersonAsync(tenant, "Mallory Other", TenantRoles.AllianceManager);
        await Assert.ThrowsAsync<NotAllowedException>(() => _world.Applications(tenant, mallory)
            .SaveAnswersAsync(draft.Id, draft.Version, DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, urn), mallory));
        Assert.Null((await _world.ApplicationAsync(tenant, draft.Id)).TrackRecord);
    }

    [Fact]
    public async Task A_stale_draft_save_is_told_someone_else_changed_it()
    {
        var (tenant, applicant, draft, urn) = await DraftAsync();
        var applications = _world.Applications(tenant, applicant);
        await applications.SaveAnswersAsync(draft.Id, draft.Version, DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, urn), applicant);
        await Assert.ThrowsAsync<StaleException>(() =>
            applications.SaveAnswersAsync(draft.Id, draft.Version, DesignationWorld.Answers(LeadershipRole.SeniorLeader, 40, urn), applicant));
        Assert.Equal(LeadershipRole.MiddleLeader, (await _world.ApplicationAsync(tenant, draft.Id)).CurrentRole);
    }

    private async Task<(Tenant Tenant, Actor Manager, Actor HeadOne, Actor HeadTwo, Guid ApplicationId)> ShortlistedAsync()
    {
        var tenant = await _world.TenantAsync();
        var manager = await _world.PersonAsync(tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        var applicant = await _world.PersonAsync(tenant, "Ada Lovelace", TenantRoles.Applicant);
        var one = await _world.PersonAsync(tenant, "Hugh Head", TenantRoles.Headteacher);
        var two = await _world.PersonAsync(tenant, "Helen Head", TenantRoles.Headteacher);
        var school = await _world.SchoolAsync("Reeth Primary", "Good");
        var id = await _world.SubmittedAsync(tenant, applicant, nameof(DesignationType.AllianceSystemLeader), DesignationWorld.Answers(LeadershipRole.MiddleLeader, 30, school.Urn));
        await _world.ReferenceAsync(tenant, id, applicant, DesignationWorld.Unique("head") + "@school.org");
        await _world.MoveAsync(tenant, id, ApplicationMove.Shortlist, manager);
        return (tenant, manager, one, two, id);
    }

    public static TheoryData<int, string> BadInterviewTimes() => new()
    {
        { -1, "The interview must be in the future." },
        { 0, "The interview must be in the future." },
        { 400, "The interview must be within the next year." },
    };

    [Theory]
    [MemberData(nameof(BadInterviewTimes))]
    public async Task An_interview_in_the_past_or_too_far_ahead_is_refused_and_nothing_is_stored(int daysFromNow, string message)
    {
        var (tenant, manager, one, two, id) = await ShortlistedAsync();
        var refused = await Assert.ThrowsAsync<InvalidInputException>(async () => await _world.Interviews(tenant, manager)
            .ScheduleAsync(id, await _world.VersionAsync(tenant, id), _world.Clock.GetUtcNow().AddDays(daysFromNow), "Hall", [one.UserId, two.UserId], manager));
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _world.CountAsync("Interviews", $"\"ApplicationId\" = '{id}'"));
        Assert.Equal(0, await _world.CountAsync("Panellists", $"\"TenantId\" = '{tenant.Id}'"));
        Assert.Equal(ApplicationState.Shortlisted, (await _world.ApplicationAsync(tenant, id)).State);
    }

    [Fact]
    public async Task A_panel_must_be_two_to_six_of_the_alliances_headteachers()
    {
        var (tenant, manager, one, two, id) = await ShortlistedAsync();
        var notAHead = await _world.PersonAsync(tenant, "Nigel Notahead", TenantRoles.SystemLeader);
        var when = _world.Clock.GetUtcNow().AddDays(7);
        var version = await _world.VersionAsync(tenant, id);
        var tooFew = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Interviews(tenant, manager).ScheduleAsync(id, version, when, "Hall", [one.UserId], manager));
        Assert.StartsWith("Choose between 2 and 6 headteachers for the panel.", tooFew.Message, StringComparison.Ordinal);
        var outsider = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Interviews(tenant, manager).ScheduleAsync(id, version, when, "Hall", [one.UserId, notAHead.UserId], manager));
        Assert.StartsWith("Every panellist must be a headteacher in this alliance.", outsider.Message, StringComparison.Ordinal);
        var sameHeadTwice = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Interviews(tenant, manager).ScheduleAsync(id, version, when, "Hall", [one.UserId, one.UserId], manager));
        Assert.StartsWith("Choose between 2 and 6 headteachers for the panel.", sameHeadTwice.Message, StringComparison.Ordinal);
        var nowhere = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Interviews(tenant, manager).ScheduleAsync(id, version, when, " ", [one.UserId, two.UserId], manager));
        Assert.StartsWith("Say where the interview takes place.", nowhere.Message, StringComparison.Ordinal);
        var notManager = await Assert.ThrowsAsync<NotAllowedException>(() => _world.Interviews(tenant, one).ScheduleAsync(id, version, when, "Hall", [one.UserId, notAHead.UserId], one));
        Assert.Equal("Only an alliance manager schedules interviews.", notManager.Message);
        Assert.Equal(0, await _world.CountAsync("Interviews", $"\"ApplicationId\" = '{id}'"));
    }

    [Fact]
    public async Task A_head_on_another_alliance_cannot_sit_on_this_panel()
    {
        var (tenant, manager, one, _, id) = await ShortlistedAsync();
        var elsewhere = await _world.TenantAsync("Learners First");
        var foreignHead = await _world.PersonAsync(elsewhere, "Fiona Foreign", TenantRoles.Headteacher);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(async () => await _world.Interviews(tenant, manager)
            .ScheduleAsync(id, await _world.VersionAsync(tenant, id), _world.Clock.GetUtcNow().AddDays(7), "Hall", [one.UserId, foreignHead.UserId], manager));
        Assert.StartsWith("Every panellist must be a headteacher in this alliance.", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 4, 4, 4 }, "Score each of the 4 criteria.")]
    [InlineData(new[] { 0, 4, 4, 4 }, "Each score is from 1 to 4.")]
    [InlineData(new[] { 5, 4, 4, 4 }, "Each score is from 1 to 4.")]
    public async Task Impossible_scores_are_refused_and_nothing_is_recorded(int[] scores, string message)
    {
        var (tenant, manager, one, two, id) = await ShortlistedAsync();
        await _world.Interviews(tenant, manager).ScheduleAsync(id, await _world.VersionAsync(tenant, id), _world.Clock.GetUtcNow().AddDays(7), "Hall", [one.UserId, two.UserId], manager);
        var seat = (await _world.ApplicationViews(tenant, one).ForAsync(id, one))!.MySeat!;
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => _world.Interviews(tenant, one).ScoreAsync(id, seat.Id, seat.Version, scores, null, one));
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.False((await _world.ApplicationViews(tenant, manager).ForAsync(id, manager))!.Panel.Single(p => p.UserId == one.UserId).HasScored);
    }
}
