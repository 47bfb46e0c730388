using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Reports;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Designations;

/// <summary>
/// An application (with its evidence and its interview) and a designation opened by each role through their one view
/// query: each sees only its parts; a non-panel headteacher and a member named on nothing in the same tenant, and another
/// tenant's manager, see nothing — for pages and downloads (evidence, letter) alike.
/// </summary>
public class DesignationViewsPerRoleTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly DesignationWorld _w = new(db);
    private Tenant _tenant = null!, _elsewhere = null!;
    private Actor _manager = null!, _applicant = null!, _hugh = null!, _helen = null!, _otherHead = null!, _stranger = null!, _foreignManager = null!, _holder = null!;
    private Guid _application, _file, _designation;

    public async Task InitializeAsync()
    {
        var w = _w;
        _tenant = await w.TenantAsync();
        _elsewhere = await w.TenantAsync("Learners First");
        _manager = await w.PersonAsync(_tenant, "Margaret Thompson", TenantRoles.AllianceManager);
        _applicant = await w.PersonAsync(_tenant, "Ada Lovelace", TenantRoles.Applicant);
        _hugh = await w.PersonAsync(_tenant, "Hugh Head", TenantRoles.Headteacher);
        _helen = await w.PersonAsync(_tenant, "Helen Head", TenantRoles.Headteacher);
        _otherHead = await w.PersonAsync(_tenant, "Ivy Head", TenantRoles.Headteacher);
        _stranger = await w.PersonAsync(_tenant, "Mallory Other", TenantRoles.Applicant);
        _holder = await w.PersonAsync(_tenant, "Sam Holder", TenantRoles.SystemLeader);
        _foreignManager = await w.PersonAsync(_elsewhere, "Fiona Foreign", TenantRoles.AllianceManager);
        var school = await w.SchoolAsync("Reeth Community Primary School", "Good");

        var applications = w.Applications(_tenant, _applicant);
        var draft = await applications.StartAsync(_applicant, nameof(DesignationType.AllianceSystemLeader));
        await applications.SaveAnswersAsync(draft.Id, draft.Version, DesignationWorld.Answers(LeadershipRole.Headteacher, 36, school.Urn), _applicant);
        var pdf = new byte[256];
        "%PDF-1.7\n"u8.CopyTo(pdf);
        _file = (await w.Evidence(_tenant, _applicant).UploadAsync(draft.Id, "impact.pdf", pdf, _applicant)).Id;
        await w.MoveAsync(_tenant, draft.Id, ApplicationMove.Submit, _applicant);
        await w.ReferenceAsync(_tenant, draft.Id, _applicant, DesignationWorld.Unique("chair") + "@reeth.example.org");
        await w.MoveAsync(_tenant, draft.Id, ApplicationMove.Shortlist, _manager);
        await w.Interviews(_tenant, _manager).ScheduleAsync(draft.Id, await w.VersionAsync(_tenant, draft.Id), w.Clock.GetUtcNow().AddDays(7),
            "Reeth school hall", [_hugh.UserId, _helen.UserId], _manager);
        var seat = (await w.ApplicationViews(_tenant, _hugh).ForAsync(draft.Id, _hugh))!.MySeat!;
        await w.Interviews(_tenant, _hugh).ScoreAsync(draft.Id, seat.Id, seat.Version, [4, 3, 4, 3], "Clear impact on maths.", _hugh);
        _application = draft.Id;
        _designation = (await w.SeededDesignationAsync(_tenant, _holder, w.Today)).Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<ApplicationView?> ViewAsync(Actor actor, Tenant? tenant = null) =>
        _w.ApplicationViews(tenant ?? _tenant, actor).ForAsync(_application, actor);

    [Fact]
    public async Task Each_panellist_finds_the_interview_on_their_home_and_one_yet_to_score_is_asked_to_once_it_is_held()
    {
        Task<Yours> HomeAsync(Actor a, Tenant? t = null) => _w.ApplicationViews(t ?? _tenant, a).YoursAsync(a);
        async Task<int> ToScoreAsync(Actor a)
        {
            var needs = await new NeedsYou(_w.Contexts(_tenant, a), new BrokerageViews(_w.Contexts(_tenant, a), _w.Clock), _w.Clock).ForAsync(a);
            return needs.FirstOrDefault(i => i.Id == "needs-scores") is { } item ? (item.Where == "#panels" ? item.Count : -1) : 0;
        }

        var helens = (await HomeAsync(_helen)).Panels.Single();
        Assert.Equal((_application, "Ada Lovelace", "Reeth school hall", false), (helens.ApplicationId, helens.ApplicantName, helens.Location, helens.Scored));
        Assert.True((await HomeAsync(_hugh)).Panels.Single().Scored);
        // Not on the panel, the applicant, or another alliance's manager: no interview to list.
        Assert.Empty((await HomeAsync(_otherHead)).Panels);
        Assert.Empty((await HomeAsync(_applicant)).Panels);
        Assert.Empty((await HomeAsync(_foreignManager, _elsewhere)).Panels);

        // Nothing to score before the interview; once held, only the panellist who has not scored is asked.
        Assert.Equal(0, await ToScoreAsync(_helen));
        _w.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(1, await ToScoreAsync(_helen));
        Assert.Equal(0, await ToScoreAsync(_hugh));
        Assert.Equal(0, await ToScoreAsync(_otherHead));
        Assert.Equal(0, await ToScoreAsync(_manager));

        var seat = (await ViewAsync(_helen))!.MySeat!;
        await _w.Interviews(_tenant, _helen).ScoreAsync(_application, seat.Id, seat.Version, [3, 3, 4, 4], "Strong coaching record.", _helen);
        Assert.Equal(0, await ToScoreAsync(_helen));
        Assert.True((await HomeAsync(_helen)).Panels.Single().Scored);
    }

    [Fact]
    public async Task The_applicant_sees_their_application_and_who_is_on_the_panel_but_not_the_scores_or_comments()
    {
        var view = (await ViewAsync(_applicant))!;
        Assert.Equal([ApplicationRole.Applicant], view.Roles);
        Assert.Equal(["Helen Head", "Hugh Head"], view.Panel.Select(p => p.Name));
        Assert.Equal([false, true], view.Panel.Select(p => p.HasScored));
        Assert.All(view.Panel, p => Assert.True(p.Scores is null && p.Total is null && p.Comments is null));
        Assert.DoesNotContain(view.History, h => h.Action == ApplicationViews.ScoresRecorded);
        Assert.Null(view.MySeat);
        Assert.Single(view.Evidence);
        Assert.Single(view.References);
        Assert.False(view.Sight.ScheduleInterview || view.Sight.Score || view.Sight.EditDraft);
        Assert.DoesNotContain(view.Moves, m => m.Move is ApplicationMove.Designate or ApplicationMove.DoNotDesignate);
    }

    [Fact]
    public async Task The_manager_sees_the_scores_and_may_decide_against_but_not_for_until_every_panellist_has_scored()
    {
        var view = (await ViewAsync(_manager))!;
        Assert.Equal([ApplicationRole.Manager], view.Roles);
        var hugh = view.Panel.Single(p => p.Name == "Hugh Head");
        Assert.Equal((14, "Clear impact on maths."), (hugh.Total, hugh.Comments));
        Assert.Contains(view.History, h => h.Action == ApplicationViews.ScoresRecorded);
        Assert.Contains(view.Moves, m => m.Move == ApplicationMove.DoNotDesignate);
        Assert.DoesNotContain(view.Moves, m => m.Move == ApplicationMove.Designate);
        // Scores are in: the panel can no longer be changed.
        Assert.False(view.Sight.ScheduleInterview);
        Assert.Null(view.MySeat);
        Assert.False(view.MayRequestReference);
    }

    [Fact]
    public async Task A_panellist_sees_the_scores_and_their_own_seat_and_makes_no_lifecycle_move()
    {
        var hugh = (await ViewAsync(_hugh))!;
        Assert.Equal([ApplicationRole.Panellist], hugh.Roles);
        Assert.Equal([4, 3, 4, 3], hugh.MySeat!.Scores);
        Assert.True(hugh.Sight.Score && hugh.Sight.PanelScores);
        Assert.Empty(hugh.Moves);
        Assert.False(hugh.Sight.ScheduleInterview || hugh.Sight.ManageReferences);

        var helen = (await ViewAsync(_helen))!;
        Assert.False(helen.MySeat!.HasScored);
        Assert.Equal(14, helen.Panel.Single(p => p.Name == "Hugh Head").Total);
    }

    [Fact]
    public async Task A_headteacher_not_on_the_panel_a_member_named_on_nothing_and_another_tenants_manager_see_no_application()
    {
        Assert.Null(await ViewAsync(_otherHead));
        Assert.Null(await ViewAsync(_stranger));
        Assert.Null(await ViewAsync(_holder));
        Assert.Null(await ViewAsync(_foreignManager, _elsewhere));
    }

    [Fact]
    public async Task Evidence_downloads_for_the_applicant_the_manager_and_the_panel_and_is_not_found_for_anyone_else()
    {
        foreach (var party in new[] { _applicant, _manager, _hugh, _helen })
            Assert.Equal("impact.pdf", (await _w.ApplicationViews(_tenant, party).DownloadAsync(_application, _file, party))?.FileName);
        foreach (var outsider in new[] { _otherHead, _stranger, _holder })
            Assert.Null(await _w.ApplicationViews(_tenant, outsider).DownloadAsync(_application, _file, outsider));
        Assert.Null(await _w.ApplicationViews(_elsewhere, _foreignManager).DownloadAsync(_application, _file, _foreignManager));
        // A file id under the wrong application is not found, even for a party.
        Assert.Null(await _w.ApplicationViews(_tenant, _manager).DownloadAsync(Guid.NewGuid(), _file, _manager));
    }

    [Fact]
    public async Task The_manager_opens_the_designation_with_its_moves_and_the_holder_only_through_my_designations()
    {
        var view = (await _w.DesignationViews(_tenant, _manager).ForAsync(_designation, _manager))!;
        Assert.Equal([DesignationRole.Manager], view.Roles);
        Assert.Equal(new[] { DesignationMove.Suspend, DesignationMove.DeDesignate }.Order(), view.Moves.Select(m => m.Move).Order());
        Assert.Null(await _w.DesignationViews(_tenant, _holder).ForAsync(_designation, _holder));
        foreach (var other in new[] { _applicant, _hugh, _otherHead, _stranger })
            Assert.Null(await _w.DesignationViews(_tenant, other).ForAsync(_designation, other));
        Assert.Null(await _w.DesignationViews(_elsewhere, _foreignManager).ForAsync(_designation, _foreignManager));
    }

    [Fact]
    public async Task Only_the_alliances_managers_list_its_designations_and_schemes()
    {
        Assert.Contains((await _w.ListAsync(_tenant, _manager))!, d => d.Id == _designation);
        Assert.NotNull(await _w.Schemes(_tenant, _manager).ListAsync(_manager));
        foreach (var other in new[] { _holder, _applicant, _hugh, _otherHead, _stranger })
        {
            Assert.Null(await _w.ListAsync(_tenant, other));
            Assert.Null(await _w.Schemes(_tenant, other).ListAsync(other));
        }
        Assert.DoesNotContain((await _w.ListAsync(_elsewhere, _foreignManager))!, d => d.Id == _designation);
    }

    [Fact]
    public async Task A_manager_who_holds_the_designation_sees_it_but_makes_no_move_on_it()
    {
        var own = await _w.SeededDesignationAsync(_tenant, _manager, _w.Today);
        var view = (await _w.DesignationViews(_tenant, _manager).ForAsync(own.Id, _manager))!;
        Assert.Equal([DesignationRole.Holder, DesignationRole.Manager], view.Roles);
        Assert.Empty(view.Moves);
    }

    [Fact]
    public async Task The_letter_is_for_the_holder_and_the_managers_and_not_found_for_anyone_else()
    {
        var letter = (await _w.DesignationViews(_tenant, _holder).LetterAsync(_designation, _holder))!;
        Assert.Equal("designation-letter-sam-holder.pdf", letter.FileName);
        Assert.Equal("%PDF"u8.ToArray(), letter.Content[..4]);
        Assert.NotNull(await _w.DesignationViews(_tenant, _manager).LetterAsync(_designation, _manager));
        foreach (var other in new[] { _applicant, _hugh, _otherHead, _stranger })
            Assert.Null(await _w.DesignationViews(_tenant, other).LetterAsync(_designation, other));
        Assert.Null(await _w.DesignationViews(_elsewhere, _foreignManager).LetterAsync(_designation, _foreignManager));
    }
}
