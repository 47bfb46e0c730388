using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>
/// Every brokerage record opened by each role through its one view query: each sees only its parts, a non-party of the
/// same tenant and another tenant's manager see nothing — for pages and downloads alike.
/// </summary>
public class BrokerageViewsPerRoleTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private BrokerageWorld _w = null!;
    private BrokerageWorld _other = null!;
    private Actor _stranger = null!;
    private Guid _commission, _proposal, _deployment, _visit, _claim;

    public async Task InitializeAsync()
    {
        _other = await BrokerageWorld.CreateAsync(db);
        var w = _w = await BrokerageWorld.CreateAsync(db);
        // A member of the same alliance, a headteacher even, named on nothing.
        _stranger = new Actor("stranger-" + w.Tenant.Slug, "Sam Stranger", $"sam-{w.Tenant.Slug}@elsewhere.sch.uk", TenantRoles.Headteacher);
        var commission = await w.AcceptedCommissionAsync();
        var proposal = await w.ProposalAwaitingHeadAsync(commission.Id);
        await w.Proposals.ConsentAsync(proposal.Id, w.Head);
        var deployment = Assert.Single(await w.MyDeploymentsAsync(w.Leader));
        var visit = (await w.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 2, "Ash Primary", w.Leader)).Visit;
        w.After(visit);
        await w.Visits.RecordVisitAsync(visit.Id, new VisitRecordForm("Observed lessons", "", "", 2), w.Leader);
        await w.Visits.EvaluateVisitAsync(visit.Id, new VisitEvaluationForm(3, "The maths lead is keen", "Staffing"), w.Leader);
        await w.Quality.ReviewObjectiveAsync(deployment.Id, 0, ObjectiveStatus.OnTrack, "", false, w.Broker);
        var claim = Assert.Single(await w.GenerateClaims.ForTermAsync(SchoolTerm.Of(new DateOnly(2026, 10, 5)), w.Broker));
        (_commission, _proposal, _deployment, _visit, _claim) = (commission.Id, proposal.Id, deployment.Id, visit.Id, claim.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_supported_school_sees_the_visit_record_but_never_the_visit_evaluation_or_the_progress_reviews()
    {
        var view = (await _w.DeploymentViews.ForAsync(_deployment, _w.Contact))!;
        Assert.Single(view.Visits);
        Assert.Single(view.Records);
        Assert.Empty(view.VisitEvaluations);
        Assert.Empty(view.Reviews);
        Assert.Empty(view.QaReviews);
        Assert.Empty(view.Moves);
        Assert.True(view.Sight.EvaluateDeployment);
    }

    [Fact]
    public async Task The_leader_and_their_head_see_both_visit_forms_and_the_reviews_but_make_no_brokers_moves()
    {
        foreach (var actor in new[] { _w.Leader, _w.Head })
        {
            var view = (await _w.DeploymentViews.ForAsync(_deployment, actor))!;
            Assert.Single(view.Records);
            Assert.Single(view.VisitEvaluations);
            Assert.Single(view.Reviews);
            Assert.Empty(view.Moves);
        }
        Assert.True((await _w.DeploymentViews.ForAsync(_deployment, _w.Leader))!.Sight.RecordVisits);
        Assert.False((await _w.DeploymentViews.ForAsync(_deployment, _w.Head))!.Sight.RecordVisits);
    }

    [Fact]
    public async Task The_commissioner_sees_the_plan_but_neither_visit_form()
    {
        var view = (await _w.DeploymentViews.ForAsync(_deployment, _w.Commissioner))!;
        Assert.Single(view.Visits);
        Assert.Empty(view.Records);
        Assert.Empty(view.VisitEvaluations);
        Assert.Empty(view.Reviews);
    }

    [Fact]
    public async Task The_broker_sees_every_part_and_the_moves_the_deployment_allows_now()
    {
        var view = (await _w.DeploymentViews.ForAsync(_deployment, _w.Broker))!;
        Assert.Single(view.Records);
        Assert.Single(view.VisitEvaluations);
        Assert.Single(view.Reviews);
        Assert.Contains(view.Moves, m => m.Move == DeploymentMove.Complete);
    }

    [Fact]
    public async Task A_non_party_of_the_same_alliance_finds_no_request_proposal_deployment_visit_or_claim()
    {
        Assert.Null(await _w.Views.CommissionAsync(_commission, _stranger));
        Assert.Null(await _w.Views.ProposalAsync(_proposal, _stranger));
        Assert.Null(await _w.Views.AgreementAsync(_proposal, _stranger));
        Assert.Null(await _w.DeploymentViews.ForAsync(_deployment, _stranger));
        Assert.Null(await _w.DeploymentViews.CalendarAsync(_visit, _stranger));
        Assert.Null(await _w.ClaimViews.ClaimAsync(_claim, _stranger));
        Assert.Null(await _w.ClaimViews.StatementAsync(_claim, _stranger));
        Assert.Null(await _w.ClaimViews.FinanceCsvAsync(SchoolTerm.Of(new DateOnly(2026, 10, 5)), _stranger));
        Assert.Empty(await _w.DeploymentViews.MineAsync(_stranger));
        Assert.Empty((await _w.ClaimViews.PageAsync(_stranger, new Infrastructure.Reimbursement.ClaimFilter(), new Infrastructure.Grids.PageRequest())).Rows);
        var grid = new CommissionGrid(_w.Factory());
        var deployments = new DeploymentGrid(_w.Factory());
        foreach (var actor in new[] { _stranger, _w.Leader, _w.Contact })
        {
            Assert.Null(await grid.PageAsync(actor, new CommissionFilter(), new Infrastructure.Grids.PageRequest()));
            Assert.Null(await grid.OpenAsync(actor));
            Assert.Null(await grid.CountsAsync(actor));
            Assert.Null(await deployments.PageAsync(actor, new DeploymentFilter(), new Infrastructure.Grids.PageRequest()));
            Assert.Null(await deployments.BoardAsync(actor));
        }
    }

    [Fact]
    public async Task Another_alliances_manager_finds_none_of_them()
    {
        var manager = _other.Broker;
        // Their own alliance's views, asked for this alliance's ids.
        Assert.Null(await _other.Views.CommissionAsync(_commission, manager));
        Assert.Null(await _other.Views.ProposalAsync(_proposal, manager));
        Assert.Null(await _other.Views.AgreementAsync(_proposal, manager));
        Assert.Null(await _other.DeploymentViews.ForAsync(_deployment, manager));
        Assert.Null(await _other.DeploymentViews.CalendarAsync(_visit, manager));
        Assert.Null(await _other.ClaimViews.ClaimAsync(_claim, manager));
        Assert.Null(await _other.ClaimViews.StatementAsync(_claim, manager));
    }

    [Fact]
    public async Task Each_party_downloads_the_agreement_and_the_visit_calendar_and_only_the_schools_head_the_claim_statement()
    {
        foreach (var party in new[] { _w.Broker, _w.Leader, _w.Head, _w.Contact, _w.Commissioner })
        {
            Assert.NotNull(await _w.Views.AgreementAsync(_proposal, party));
            Assert.NotNull(await _w.DeploymentViews.CalendarAsync(_visit, party));
        }
        Assert.NotNull(await _w.ClaimViews.StatementAsync(_claim, _w.Head));
        Assert.NotNull(await _w.ClaimViews.StatementAsync(_claim, _w.Broker));
        Assert.Null(await _w.ClaimViews.StatementAsync(_claim, _w.Leader));
        Assert.Null(await _w.ClaimViews.StatementAsync(_claim, _w.Contact));
    }

    [Fact]
    public async Task The_request_shows_its_school_its_proposals_out_of_draft_and_the_deployment_it_led_to()
    {
        var school = (await _w.Views.CommissionAsync(_commission, _w.Contact))!;
        Assert.Contains(BrokerageRole.SupportedSchool, school.Roles);
        Assert.Single(school.Proposals);
        Assert.Equal(_deployment, school.Deployment?.Id);
        // The leader sees the request once proposed to them, as a party to the proposal only.
        var leader = (await _w.Views.CommissionAsync(_commission, _w.Leader))!;
        Assert.Empty(leader.Roles);
        Assert.Empty(leader.Moves);
    }

    [Fact]
    public async Task A_shortlisted_draft_is_the_brokers_alone()
    {
        var commission = await _w.AcceptedCommissionAsync();
        var draft = await _w.Proposals.DraftProposalAsync(commission.Id, _w.LeaderDesignationId, BrokerageWorld.Terms(), _w.Broker);
        Assert.NotNull(await _w.Views.ProposalAsync(draft.Id, _w.Broker));
        Assert.Null(await _w.Views.ProposalAsync(draft.Id, _w.Leader));
        Assert.Null(await _w.Views.ProposalAsync(draft.Id, _w.Contact));
        // The leader is not yet a party to the request: a draft names them to nobody.
        Assert.Null(await _w.Views.CommissionAsync(commission.Id, _w.Leader));
        Assert.Empty((await _w.Views.CommissionAsync(commission.Id, _w.Contact))!.Proposals);
        Assert.Contains((await _w.Views.CommissionAsync(commission.Id, _w.Broker))!.Proposals, p => p.Id == draft.Id);
    }
}
