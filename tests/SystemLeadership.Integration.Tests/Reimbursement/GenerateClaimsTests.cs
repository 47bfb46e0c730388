using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Reimbursement;

/// <summary>How a claim is generated (004): the days a leader logged on recorded visits in the term, at the leader's rate, once.</summary>
public class GenerateClaimsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_terms_claim_counts_only_recorded_visits_in_that_term_and_is_made_once()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        // Scheduled but never recorded (it has not taken place): not claimed.
        await w.Visits.ScheduleVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 19, 9, 0, 0, TimeSpan.Zero), 2, "Ash Primary", w.Leader);
        await w.RecordedVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 3);

        var autumn = SchoolTerm.Of(new DateOnly(2026, 10, 1));
        Assert.Empty(await w.GenerateClaims.ForTermAsync(SchoolTerm.Of(new DateOnly(2027, 2, 1)), w.Broker));
        var claim = Assert.Single(await w.GenerateClaims.ForTermAsync(autumn, w.Broker));
        Assert.Equal(3, claim.TotalHalfDays);
        Assert.Equal(45_000, claim.TotalPence);
        Assert.Equal(ClaimState.Draft, claim.State);
        Assert.Empty(await w.GenerateClaims.ForTermAsync(autumn, w.Broker));
        Assert.Contains($"Reimbursement claim ready: {claim.SchoolName}, {autumn}", await w.EmailsToAsync(w.Head.Email));
    }

    [Fact]
    public async Task Only_a_broker_generates_claims_and_only_the_leaders_head_submits_one()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        await w.RecordedVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 2);
        var autumn = SchoolTerm.Of(new DateOnly(2026, 10, 1));

        await Assert.ThrowsAsync<NotAllowedException>(() => w.GenerateClaims.ForTermAsync(autumn, w.Head));
        var claim = Assert.Single(await w.GenerateClaims.ForTermAsync(autumn, w.Broker));
        await Assert.ThrowsAsync<NotAllowedException>(() => w.Claims.MoveAsync(claim.Id, claim.Version, ClaimMove.Submit, w.Leader));
        await w.Claims.MoveAsync(claim.Id, claim.Version, ClaimMove.Submit, w.Head);
        Assert.Equal(ClaimState.Submitted, (await w.ClaimAsync(claim.Id))!.State);
    }
}
