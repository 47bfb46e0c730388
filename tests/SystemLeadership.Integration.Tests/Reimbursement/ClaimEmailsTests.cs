using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Reimbursement;

namespace SystemLeadership.Integration.Tests.Reimbursement;

/// <summary>Who hears of a claim: the leader's school of a draft and the broker's steps, the brokers of the school's submission.</summary>
public class ClaimEmailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 18, 9, 0, 0, TimeSpan.Zero);
    private const string Link = "https://app.test/t/swaledale/claims/1";
    private static readonly string[] Brokers = ["broker@alliance.org.uk"];
    private static readonly string[] School = ["hal@beck.sch.uk"];

    private static Claim Drafted() => new(Guid.NewGuid(), 200, "Beck School", "2026-27 Autumn",
        [new ClaimLineInput(Guid.NewGuid(), Guid.NewGuid(), "Ada Leader", "Ash Primary", new DateOnly(2026, 10, 5), 2, 30_000)], Now);

    [Fact]
    public void A_drafted_claim_asks_the_leaders_school_to_check_it_with_the_term_the_amount_and_the_link()
    {
        var email = ClaimEmails.Ready(Drafted(), School, Link);
        Assert.Equal(["hal@beck.sch.uk"], email.Recipients);
        Assert.Equal("Reimbursement claim ready: Beck School, Autumn term 2026–27", email.Subject);
        Assert.Contains("A claim for 1 day of system leadership support by your staff in the Autumn term 2026–27,", email.Body);
        Assert.Contains("£300", email.Body);
        Assert.Contains(Link, email.Body);
    }

    [Fact]
    public void The_schools_submission_goes_to_the_brokers_and_the_brokers_request_for_changes_to_the_school()
    {
        var claim = Drafted();
        claim.Apply(ClaimMove.Submit, ClaimRole.LeaderSchool, Now);
        var submitted = ClaimEmails.Moved(claim, ClaimRole.LeaderSchool, null, Brokers, School, Link);
        Assert.Equal(["broker@alliance.org.uk"], submitted.Recipients);
        Assert.Equal("Claim submitted: Beck School", submitted.Subject);
        Assert.Contains(Link, submitted.Body);

        claim.Apply(ClaimMove.RequestChanges, ClaimRole.Broker, Now, "Split the October days by visit");
        var changes = ClaimEmails.Moved(claim, ClaimRole.Broker, "Split the October days by visit", Brokers, School, Link);
        Assert.Equal(["hal@beck.sch.uk"], changes.Recipients);
        Assert.DoesNotContain("broker@alliance.org.uk", changes.Recipients);
        Assert.Equal("Your claim is changes requested", changes.Subject);
        Assert.Contains("is now changes requested.\nSplit the October days by visit", changes.Body);
        Assert.Contains(Link, changes.Body);
    }
}
