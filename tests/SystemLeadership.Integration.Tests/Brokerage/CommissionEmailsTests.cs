using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Brokerage;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>Who hears of a support request and its steps: the brokers of what the requester does, the requester's side of what the broker does.</summary>
public class CommissionEmailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private const string Link = "https://app.test/t/swaledale/commissions/1";
    private static readonly string[] Brokers = ["broker@alliance.org.uk"];

    private static Commission Requested() => new(Guid.NewGuid(), 100, "Ash Primary", "requester-1", "Rae Requester", "rae@ash.sch.uk",
        CommissionerKind.LocalAuthority, "North Yorkshire LA", "la@northyorks.gov.uk", "cal@ash.sch.uk", "North Yorkshire LA",
        new SupportNeed(["Maths"], "Primary", [DesignationType.SpecialistLeaderOfEducation], [], PriorityReasons.None, new DateOnly(2026, 11, 2), 8, 8), Now);

    [Fact]
    public void A_new_request_goes_to_the_brokers_only_with_what_is_asked_and_the_link()
    {
        var commission = Requested();
        var email = CommissionEmails.NewRequest(commission, Brokers, Link);
        Assert.Equal(["broker@alliance.org.uk"], email.Recipients);
        Assert.Equal("New support request: Ash Primary", email.Subject);
        Assert.Contains("Rae Requester has asked for support for Ash Primary (URN 100), funded by North Yorkshire LA.", email.Body);
        Assert.Contains("from 2 November 2026", email.Body);
        Assert.Contains(Link, email.Body);
        Assert.Equal(["rae@ash.sch.uk", "la@northyorks.gov.uk", "cal@ash.sch.uk"], CommissionEmails.Received(commission, Link).Recipients);
    }

    [Fact]
    public void The_brokers_step_goes_to_the_requesters_side_and_the_requesters_step_to_the_brokers()
    {
        var commission = Requested();
        commission.Apply(CommissionMove.AskForInformation, BrokerageRole.Broker, "Which year groups?");
        var asked = CommissionEmails.Moved(commission, CommissionMove.AskForInformation, "Ask for more information",
            "Bea Broker asked for more information: Which year groups?", Brokers, Link);
        Assert.Equal(["rae@ash.sch.uk", "la@northyorks.gov.uk", "cal@ash.sch.uk"], asked.Recipients);
        Assert.DoesNotContain("broker@alliance.org.uk", asked.Recipients);
        Assert.Equal("Support request for Ash Primary: waiting for more information", asked.Subject);
        Assert.Contains("Which year groups?", asked.Body);
        Assert.Contains(Link, asked.Body);

        commission.Apply(CommissionMove.ProvideInformation, BrokerageRole.Requester, "Years 2 and 6");
        var answered = CommissionEmails.Moved(commission, CommissionMove.ProvideInformation, "Send the information",
            "Rae Requester sent more information: Years 2 and 6", Brokers, Link);
        Assert.Equal(["broker@alliance.org.uk"], answered.Recipients);
        Assert.Equal("Support request for Ash Primary: send the information", answered.Subject);
        Assert.Contains(Link, answered.Body);
    }
}
