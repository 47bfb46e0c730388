using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Infrastructure.Reports;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Reports;

/// <summary>"Needs you" on the alliance home: each role sees what waits for them, and only that.</summary>
public class NeedsYouTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static NeedsYou For(BrokerageWorld w) => new(w.Factory(), w.Views, w.Clock);

    private static int Count(IReadOnlyList<NeedsItem> items, string id) => items.FirstOrDefault(i => i.Id == id)?.Count ?? 0;

    [Fact]
    public async Task A_new_support_request_waits_for_the_broker_to_triage_and_not_for_the_school()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        await w.Commissions.RaiseCommissionAsync(w.Contact, w.Request());

        var broker = await For(w).ForAsync(w.Broker);
        Assert.Equal(1, Count(broker, "needs-triage"));
        Assert.Equal("brokerage", broker.Single(i => i.Id == "needs-triage").Where);
        Assert.DoesNotContain(await For(w).ForAsync(w.Contact), i => i.Id == "needs-triage");
    }

    [Fact]
    public async Task A_proposal_waits_for_the_headteachers_agreement_until_they_give_it()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var commission = await w.AcceptedCommissionAsync();
        var proposal = await w.ProposalAwaitingHeadAsync(commission.Id);

        Assert.Equal(1, Count(await For(w).ForAsync(w.Head), "needs-agreement"));
        // The broker sees it waiting on its parties (it is theirs to agree, the broker's to follow).
        Assert.Equal(1, Count(await For(w).ForAsync(w.Broker), "needs-parties"));
        Assert.Equal(0, Count(await For(w).ForAsync(w.Head), "needs-parties"));
        // The leader and the school have agreed already: nothing waits for them.
        Assert.Equal(0, Count(await For(w).ForAsync(w.Leader), "needs-agreement"));
        Assert.Equal(0, Count(await For(w).ForAsync(w.Contact), "needs-agreement"));

        await w.Proposals.ConsentAsync(proposal.Id, w.Head);
        Assert.Equal(0, Count(await For(w).ForAsync(w.Head), "needs-agreement"));
    }

    [Fact]
    public async Task A_visit_waits_to_be_recorded_once_it_has_started_and_only_for_its_leader()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        var visit = (await w.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 8, 0, 0, TimeSpan.Zero), 1, "Ash Primary", w.Leader)).Visit;

        Assert.Equal(0, Count(await For(w).ForAsync(w.Leader), "needs-visits"));
        w.After(visit);
        Assert.Equal(1, Count(await For(w).ForAsync(w.Leader), "needs-visits"));
        var bo = await w.AddLeaderAsync("Bo", 20);
        Assert.Equal(0, Count(await For(w).ForAsync(bo), "needs-visits"));
        Assert.Equal(0, Count(await For(w).ForAsync(w.Broker), "needs-visits"));
    }

    [Fact]
    public async Task A_recorded_visit_waits_for_its_leaders_evaluation_and_a_finished_deployment_for_the_schools()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        var visit = await w.RecordedVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 2);
        Assert.Equal(1, Count(await For(w).ForAsync(w.Leader), "needs-visit-evaluations"));
        await w.Visits.EvaluateVisitAsync(visit.Id, new VisitEvaluationForm(4, "Good rapport", "Time for planning"), w.Leader);
        Assert.Equal(0, Count(await For(w).ForAsync(w.Leader), "needs-visit-evaluations"));

        // The school's Deployment Evaluation waits only once the deployment has finished, and only for its contact.
        Assert.Equal(0, Count(await For(w).ForAsync(w.Contact), "needs-evaluation"));
        deployment = (await w.DeploymentAsync(deployment.Id))!;
        await w.Deployments.MoveAsync(deployment.Id, deployment.Version, DeploymentMove.EndEarly, w.Broker, "The school asked to stop");
        var needs = await For(w).ForAsync(w.Contact);
        Assert.Equal(1, Count(needs, "needs-evaluation"));
        Assert.Equal("deployments", needs.Single(n => n.Id == "needs-evaluation").Where);
        Assert.Equal(0, Count(await For(w).ForAsync(w.Broker), "needs-evaluation"));
        // The broker is told the school's evaluation is missing, to chase it.
        Assert.Equal(1, Count(await For(w).ForAsync(w.Broker), "needs-school-evaluations"));
        await w.Quality.EvaluateDeploymentAsync(deployment.Id, new DeploymentEvaluationForm([4, 4], "Phonics improved", 4, true, ""), w.Contact);
        Assert.Equal(0, Count(await For(w).ForAsync(w.Contact), "needs-evaluation"));
        Assert.Equal(0, Count(await For(w).ForAsync(w.Broker), "needs-school-evaluations"));
    }

    [Fact]
    public async Task Someone_with_no_role_here_is_asked_for_nothing()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        await w.Commissions.RaiseCommissionAsync(w.Contact, w.Request());
        var stranger = new Actor("stranger", "Sam Stranger", "sam@example.org", TenantRoles.None);
        Assert.Empty(await For(w).ForAsync(stranger));
    }

    [Fact]
    public async Task A_live_deployment_is_named_for_the_broker_in_its_last_two_weeks_and_after_its_end()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        Assert.Equal(DeploymentState.Active, deployment.State);
        var ending = new DateTimeOffset(deployment.End.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        if (ending.AddDays(-NeedsYou.EndingSoonDays - 1) > w.Clock.GetUtcNow())
        {
            w.Clock.SetUtcNow(ending.AddDays(-NeedsYou.EndingSoonDays - 1));
            Assert.Equal(0, Count(await For(w).ForAsync(w.Broker), "needs-ending"));
        }
        w.Clock.SetUtcNow(ending.AddDays(-3));
        var needs = await For(w).ForAsync(w.Broker);
        Assert.Equal(1, Count(needs, "needs-ending"));
        Assert.Equal("brokerage/deployments?state=Active&sort=end", needs.Single(i => i.Id == "needs-ending").Where);
        Assert.Equal(0, Count(await For(w).ForAsync(w.Leader), "needs-ending"));
        // Past its end and still live: still named, until it is completed.
        w.Clock.SetUtcNow(ending.AddDays(5));
        Assert.Equal(1, Count(await For(w).ForAsync(w.Broker), "needs-ending"));
    }
}
