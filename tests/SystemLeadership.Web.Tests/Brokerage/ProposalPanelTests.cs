using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Web.Components.Brokerage.Panels;

namespace SystemLeadership.Web.Tests.Brokerage;

/// <summary>The proposal's form panels check their input before anything is sent (the services here reach no database).</summary>
public class ProposalPanelTests : MudTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Broker = new("broker-1", "Bea Broker", "bea@alliance.org.uk", TenantRoles.AllianceManager);
    private static readonly Actor Head = new("head-1", "Hal Head", "hal@beck.sch.uk", TenantRoles.Headteacher);

    public ProposalPanelTests() : base(services =>
    {
        var contexts = NoDatabase();
        services.AddSingleton(new ProposalService(contexts, TimeProvider.System, new AppLinks("https://app.test")));
        services.AddSingleton(new BrokerageViews(contexts, TimeProvider.System));
    })
    {
    }

    private static ProposalView Draft(Actor actor, Action<Proposal>? then = null, bool complete = false)
    {
        var commission = new Commission(Guid.NewGuid(), 100, "Ash Primary", "contact-1", "Cal Contact", "cal@ash.sch.uk",
            CommissionerKind.LocalAuthority, "North Yorkshire LA", "la@northyorks.gov.uk", "cal@ash.sch.uk", "North Yorkshire LA",
            new SupportNeed(["Maths"], "Primary", [DesignationType.SpecialistLeaderOfEducation], [], PriorityReasons.None, new DateOnly(2026, 10, 1), 8, 8), Now);
        var proposal = new Proposal(commission,
            new ProposedLeader(Guid.NewGuid(), Guid.NewGuid(), "leader-1", "Ada Leader", "ada@beck.sch.uk", 200, "Beck School", false, "Hal Head", "hal@beck.sch.uk", 30_000, DesignationType.SpecialistLeaderOfEducation),
            complete
                ? new ProposalTerms(["Raise maths attainment"], "Impact", "Coaching", [], 8, "Half a day a week", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30))
                : new ProposalTerms([], "", "", [], 8, "", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30)), Now);
        then?.Invoke(proposal);
        var roles = ProposalParties.Of(proposal, commission, actor);
        var moves = roles.SelectMany(r => ProposalWorkflow.Table.MovesFor(proposal, proposal.State, r)).Select(t => t.Move).Distinct().ToList();
        return new ProposalView(proposal, commission, roles, moves, null);
    }

    [Fact]
    public void A_draft_with_no_objectives_impact_or_approach_and_an_end_before_its_start_names_each_field()
    {
        var panel = Render<ProposalTermsPanel>(p => p.Add(x => x.View, Draft(Broker)).Add(x => x.Me, Broker));
        panel.Find("#proposal-end").Change("2026-09-01");
        panel.Find("#proposal-days").Input("2.3");
        panel.Find("#propose").Click();
        Assert.Contains("Write at least one objective.", panel.Markup);
        Assert.Contains("Describe the impact expected.", panel.Markup);
        Assert.Contains("Describe the support approach.", panel.Markup);
        Assert.Contains("Say how the days are spread, like half a day a week.", panel.Markup);
        Assert.Contains("Give the days as whole or half days, like 4 or 4.5.", panel.Markup);
        Assert.Contains("The end must be on or after the start.", panel.Markup);
    }

    [Fact]
    public void Refusing_without_a_reason_is_asked_for_the_reason_and_nothing_is_sent()
    {
        var view = Draft(Head, p => p.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now), complete: true);
        var panel = Render<ProposalDecisionPanel>(p => p.Add(x => x.View, view).Add(x => x.Me, Head));
        panel.Find("#proposal-refuse").Click();
        Assert.Equal("Give the reason for refusing this deployment.", panel.Find("#action-error").TextContent.Trim());
    }

    [Theory]
    [InlineData("#proposal-consent", "Agree to Ada Leader supporting Ash Primary?", "Emailed: When the last party agrees")]
    [InlineData("#proposal-refuse", "Refuse Ada Leader supporting Ash Primary?", "Emailed: The brokers and the leader, with your reason.")]
    public void Agreeing_or_refusing_on_the_proposal_asks_first_saying_who_is_emailed_and_cancel_sends_nothing(string button, string title, string emailed)
    {
        var view = Draft(Head, p => p.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now), complete: true);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var panel = Render<ProposalDecisionPanel>(p => p.Add(x => x.View, view).Add(x => x.Me, Head));
        panel.Find("#decision-reason").Change("Our own inspection is due.");
        panel.Find(button).Click();

        var dialog = dialogs.WaitForElement(".mud-dialog");
        Assert.Contains(title, dialog.TextContent);
        Assert.Contains(emailed, dialog.TextContent);
        // Cancelling: nothing reaches the database (which is not there, so a move would fail the test).
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Empty(panel.FindAll("#action-error"));
    }
}
