using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Domain.Tests.Brokerage;

/// <summary>Deployment lengths as the seeds give them (003 §2, §4, §5), at their boundaries.</summary>
public class DeploymentLimitsTests
{
    private static readonly DateOnly Monday = new(2026, 9, 7);

    [Fact]
    public void A_week_has_five_weekdays_and_a_weekend_alone_has_none()
    {
        Assert.Equal(5, DeploymentLimits.Weekdays(Monday, Monday.AddDays(6)));
        Assert.Equal(0, DeploymentLimits.Weekdays(Monday.AddDays(5), Monday.AddDays(6)));
        Assert.Equal(10, DeploymentLimits.Weekdays(Monday, Monday.AddDays(13)));
    }

    [Fact]
    public void An_sle_may_give_a_two_day_diagnostic_or_three_months_full_time_but_not_more_than_full_time()
    {
        Assert.Null(DeploymentLimits.Problem(DesignationType.SpecialistLeaderOfEducation, 4, Monday, Monday.AddDays(1)));
        var threeMonths = Monday.AddMonths(3).AddDays(-1);
        var fullTime = 2 * DeploymentLimits.Weekdays(Monday, threeMonths);
        Assert.Null(DeploymentLimits.Problem(DesignationType.SpecialistLeaderOfEducation, fullTime, Monday, threeMonths));
        Assert.Contains("more than full time", DeploymentLimits.Problem(DesignationType.SpecialistLeaderOfEducation, fullTime + 1, Monday, threeMonths));
    }

    [Fact]
    public void A_draft_may_start_from_the_requests_days_but_is_proposed_only_within_the_leaders_limits()
    {
        var commission = new Commission(Guid.NewGuid(), 100, "Ash Primary", "c", "Cal", "cal@ash.sch.uk", CommissionerKind.LocalAuthority, "Council",
            "la@council.gov.uk", "cal@ash.sch.uk", "Council",
            new SupportNeed(["Maths"], "Primary", [DesignationType.NationalLeaderOfGovernance], [], PriorityReasons.None, Monday, 12, 60), DateTimeOffset.UnixEpoch);
        var nlg = new ProposedLeader(Guid.NewGuid(), Guid.NewGuid(), "u", "Nell", "nell@x.org", 200, "Cove", false, "Head", "head@x.org", 30_000,
            DesignationType.NationalLeaderOfGovernance);
        var draft = new Proposal(commission, nlg, new ProposalTerms(["Coach the chair"], "Impact", "Coaching", [], 60, "Weekly", Monday, Monday.AddDays(83)), DateTimeOffset.UnixEpoch);
        Assert.Equal("An NLG gives 10 to 20 days a year: 30 days is more than one deployment can take.",
            Assert.Throws<NotAllowedException>(() => draft.Apply(ProposalMove.Propose, BrokerageRole.Broker, DateTimeOffset.UnixEpoch)).Message);
        draft.Revise(new ProposalTerms(["Coach the chair"], "Impact", "Coaching", [], 16, "Fortnightly", Monday, Monday.AddDays(83)));
        draft.Apply(ProposalMove.Propose, BrokerageRole.Broker, DateTimeOffset.UnixEpoch);
        Assert.Equal(ProposalState.AwaitingConsent, draft.State);
    }

    [Fact]
    public void An_nle_may_be_deployed_for_390_days_over_eighteen_months()
    {
        Assert.Null(DeploymentLimits.Problem(DesignationType.NationalLeaderOfEducation, 2 * 390, Monday, Monday.AddMonths(18)));
    }

    [Fact]
    public void An_nlg_deployment_lasts_one_to_six_months_and_at_most_twenty_days()
    {
        var nlg = DesignationType.NationalLeaderOfGovernance;
        Assert.Null(DeploymentLimits.Problem(nlg, 8, Monday, Monday.AddMonths(1).AddDays(-1)));
        Assert.Contains("one month to six months", DeploymentLimits.Problem(nlg, 8, Monday, Monday.AddMonths(1).AddDays(-2)));
        Assert.Null(DeploymentLimits.Problem(nlg, 40, Monday, Monday.AddMonths(6).AddDays(-1)));
        Assert.Contains("one month to six months", DeploymentLimits.Problem(nlg, 8, Monday, Monday.AddMonths(6)));
        Assert.Contains("10 to 20 days a year", DeploymentLimits.Problem(nlg, 41, Monday, Monday.AddMonths(6).AddDays(-1)));
    }
}
