using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Brokerage;

/// <summary>The parts a person plays on a proposal: those on its request, and the leader and the leader's headteacher.</summary>
public static class ProposalParties
{
    public static IReadOnlyList<BrokerageRole> Of(Proposal proposal, Commission commission, Actor actor)
    {
        var roles = CommissionParties.Of(commission, actor).ToList();
        if (proposal.LeaderUserId == actor.UserId) roles.Add(BrokerageRole.Leader);
        if (actor.Owns(proposal.HeadteacherEmail)) roles.Add(BrokerageRole.LeaderHeadteacher);
        return roles;
    }

    /// <summary>
    /// A draft is the broker's working copy; once proposed, every party sees it, except a pooled leader and their head
    /// before the home alliance has agreed to lend the leader.
    /// </summary>
    public static bool MaySee(Proposal proposal, IReadOnlyList<BrokerageRole> roles) =>
        roles.Contains(BrokerageRole.Broker) ||
        (proposal.State != ProposalState.Draft &&
         roles.Any(r => proposal.AsksLeaderSideYet || r is not (BrokerageRole.Leader or BrokerageRole.LeaderHeadteacher)));
}
