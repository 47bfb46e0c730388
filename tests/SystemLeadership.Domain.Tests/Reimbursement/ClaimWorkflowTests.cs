using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;

namespace SystemLeadership.Domain.Tests.Reimbursement;

public class ClaimWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 20, 9, 0, 0, TimeSpan.Zero);

    private static Claim NewClaim() => new(Guid.NewGuid(), 200, "Beck School", "2026-27 Autumn",
        [new(Guid.NewGuid(), Guid.NewGuid(), "Ada", "Ash Primary", new DateOnly(2026, 10, 1), 2, 30_000)], Now);

    [Fact]
    public void A_claim_goes_draft_submitted_changes_requested_submitted_approved_paid()
    {
        var claim = NewClaim();
        claim.Apply(ClaimMove.Submit, ClaimRole.LeaderSchool, Now);
        claim.Apply(ClaimMove.RequestChanges, ClaimRole.Broker, Now, "Attach the visit dates");
        Assert.Equal(ClaimState.ChangesRequested, claim.State);
        claim.Apply(ClaimMove.Submit, ClaimRole.LeaderSchool, Now);
        claim.Apply(ClaimMove.Approve, ClaimRole.Broker, Now);
        claim.Apply(ClaimMove.MarkPaid, ClaimRole.Broker, Now, "BACS 123");
        Assert.Equal(ClaimState.Paid, claim.State);
        Assert.Equal("BACS 123", claim.PaymentReference);
    }

    [Fact]
    public void The_school_cannot_approve_its_own_claim_and_the_broker_cannot_submit_it()
    {
        var claim = NewClaim();
        Assert.Throws<NotAllowedException>(() => claim.Apply(ClaimMove.Submit, ClaimRole.Broker, Now));
        claim.Apply(ClaimMove.Submit, ClaimRole.LeaderSchool, Now);
        Assert.Throws<NotAllowedException>(() => claim.Apply(ClaimMove.Approve, ClaimRole.LeaderSchool, Now));
        Assert.Equal([ClaimMove.RequestChanges, ClaimMove.Approve],
            ClaimWorkflow.Table.MovesFor(claim, claim.State, ClaimRole.Broker).Select(t => t.Move));
        Assert.Empty(ClaimWorkflow.Table.MovesFor(claim, claim.State, ClaimRole.LeaderSchool));
    }

    [Fact]
    public void Paying_needs_a_payment_reference()
    {
        var claim = NewClaim();
        claim.Apply(ClaimMove.Submit, ClaimRole.LeaderSchool, Now);
        claim.Apply(ClaimMove.Approve, ClaimRole.Broker, Now);
        Assert.Throws<NotAllowedException>(() => claim.Apply(ClaimMove.MarkPaid, ClaimRole.Broker, Now));
    }
}
