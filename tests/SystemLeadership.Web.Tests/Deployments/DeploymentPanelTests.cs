using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Web.Components.Deployments.Panels;

namespace SystemLeadership.Web.Tests.Deployments;

/// <summary>
/// Each form panel of the deployment page checks its input with its validator and shows every message beside its field;
/// nothing is sent while a message stands (the services here point at no database, so a send would fail the test).
/// </summary>
public class DeploymentPanelTests : MudTestContext
{
    internal static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Leader = new("leader-1", "Ada Leader", "ada@beck.sch.uk", TenantRoles.SystemLeader);
    internal static readonly Actor Broker = new("broker-1", "Bea Broker", "bea@alliance.org.uk", TenantRoles.AllianceManager);
    internal static readonly Actor School = new("contact-1", "Cal Contact", "cal@ash.sch.uk", TenantRoles.SchoolContact);

    public DeploymentPanelTests() : base(services =>
    {
        var contexts = NoDatabase();
        var clock = new FixedTime(Now);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(new DeploymentService(contexts, clock, new AppLinks("https://app.test")));
        services.AddSingleton(new VisitService(contexts, clock, new AppLinks("https://app.test")));
        services.AddSingleton(new FindLeaders(contexts));
    })
    {
    }

    internal static Deployment Agreed()
    {
        var commission = new Commission(Guid.NewGuid(), 100, "Ash Primary", "contact-1", "Cal Contact", "cal@ash.sch.uk",
            CommissionerKind.LocalAuthority, "North Yorkshire LA", "la@northyorks.gov.uk", "cal@ash.sch.uk", "North Yorkshire LA",
            new SupportNeed(["Maths"], "Primary", [DesignationType.SpecialistLeaderOfEducation], [], PriorityReasons.None, new DateOnly(2026, 10, 1), 8, 8), Now);
        var proposal = new Proposal(commission,
            new ProposedLeader(Guid.NewGuid(), Guid.NewGuid(), "leader-1", "Ada Leader", "ada@beck.sch.uk", 200, "Beck School", false, "Hal Head", "hal@beck.sch.uk", 30_000, DesignationType.SpecialistLeaderOfEducation),
            new ProposalTerms(["Raise maths attainment", "Coach the maths lead"], "Impact", "Coaching", [], 8, "Half a day a week",
                new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30)), Now);
        proposal.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        foreach (var party in Proposal.ConsentingParties) proposal.Apply(ProposalMove.Consent, party, Now);
        return new Deployment(proposal, commission);
    }

    internal static DeploymentView ViewFor(Deployment d, Actor actor, IReadOnlyList<Visit>? visits = null)
    {
        var roles = DeploymentParties.Of(d, actor);
        var moves = roles.Contains(BrokerageRole.Broker) ? DeploymentWorkflow.Table.MovesFor(d, d.State, BrokerageRole.Broker) : [];
        return new DeploymentView(d, roles, DeploymentParties.Sight(d, roles), visits ?? [], [], [], [], null, [], moves);
    }

    private IRenderedComponent<T> RenderPanel<T>(DeploymentView view, Actor me) where T : DeploymentPanel =>
        Render<T>(p => p.Add(x => x.View, view).Add(x => x.Me, me).Add(x => x.Slug, "swaledale"));

    [Fact]
    public void Scheduling_a_visit_with_nothing_filled_in_names_the_date_and_the_place()
    {
        var panel = RenderPanel<VisitsPanel>(ViewFor(Agreed(), Leader), Leader);
        panel.Find("#schedule-visit-button").Click();
        Assert.Contains("Choose the date and time of the visit.", panel.Markup);
        Assert.Contains("Say where the visit takes place.", panel.Markup);
        Assert.DoesNotContain("action-error", panel.Markup);
    }

    [Fact]
    public void A_visit_in_the_past_or_a_third_of_a_day_is_refused_beside_its_field()
    {
        var panel = RenderPanel<VisitsPanel>(ViewFor(Agreed(), Leader), Leader);
        panel.Find("#visit-date").Change("2026-09-30");
        panel.Find("#visit-days").Input("0.3");
        panel.Find("#visit-location").Change("Ash Primary");
        panel.Find("#schedule-visit-button").Click();
        Assert.Contains("The visit must be today or later.", panel.Markup);
        Assert.Contains("A visit is from half a day to 5 days, in half days.", panel.Markup);
    }

    [Fact]
    public void The_visit_record_needs_what_was_covered_and_the_days_spent()
    {
        var d = Agreed();
        // A visit that has taken place (recording one still to come is refused: see the next test).
        var visit = new Visit(d, Now.AddDays(-1), 2, "Ash Primary");
        var panel = RenderPanel<VisitsPanel>(ViewFor(d, Leader, [visit]), Leader);
        panel.FindAll("button").First(b => b.TextContent.StartsWith("Record", StringComparison.Ordinal)).Click();
        panel.Find("#record-days").Input("");
        panel.Find("#submit-record").Click();
        Assert.Contains("Say what the visit covered.", panel.Markup);
        Assert.Contains("Give the days spent in whole or half days.", panel.Markup);
    }

    [Fact]
    public void A_visit_still_to_come_offers_no_record_button_and_says_when_it_can_be_recorded()
    {
        var d = Agreed();
        var visit = new Visit(d, Now.AddDays(3), 2, "Ash Primary");
        var panel = RenderPanel<VisitsPanel>(ViewFor(d, Leader, [visit]), Leader);
        Assert.DoesNotContain(panel.FindAll("button"), b => b.TextContent.StartsWith("Record", StringComparison.Ordinal));
        Assert.Contains("Record it once it has taken place", panel.Markup);
    }

    [Fact]
    public void The_school_is_offered_no_visit_forms_and_no_scheduling()
    {
        var d = Agreed();
        var panel = RenderPanel<VisitsPanel>(ViewFor(d, School, [new Visit(d, Now.AddDays(3), 2, "Ash Primary")]), School);
        Assert.Empty(panel.FindAll("#schedule-visit"));
        Assert.DoesNotContain(panel.FindAll("button"), b => b.TextContent.StartsWith("Record", StringComparison.Ordinal));
        Assert.DoesNotContain("Visit Evaluation", panel.Markup);
    }

    [Fact]
    public void Extending_without_saying_how_many_extra_days_is_refused_beside_the_days()
    {
        var full = ViewFor(Agreed(), Broker);
        // Without "change leader", the panel has no replacements to look up.
        var view = full with { Moves = full.Moves.Where(m => m.Move != DeploymentMove.ChangeLeader).ToList() };
        var panel = RenderPanel<DeploymentChangesPanel>(view, Broker);
        panel.Find("#deployment-extend").Click();
        Assert.Contains("Give the extra days in whole or half days (0 for none).", panel.Markup);
    }

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
