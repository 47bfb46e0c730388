using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Brokerage;

/// <summary>
/// The parts a person plays on a support request, worked out from the record and their account: nobody is trusted to
/// say who they are. The broker is any alliance manager of the tenant; the others are named on the request.
/// </summary>
public static class CommissionParties
{
    public static IReadOnlyList<BrokerageRole> Of(Commission commission, Actor actor)
    {
        List<BrokerageRole> roles = [];
        if (actor.Is(TenantRoles.AllianceManager)) roles.Add(BrokerageRole.Broker);
        if (commission.RaisedByUserId == actor.UserId) roles.Add(BrokerageRole.Requester);
        if (actor.Owns(commission.SupportedSchoolContactEmail)) roles.Add(BrokerageRole.SupportedSchool);
        if (actor.Owns(commission.CommissionerEmail)) roles.Add(BrokerageRole.Commissioner);
        return roles;
    }

    /// <summary>
    /// Who may open the request: its own parties, and a leader or their head once a proposal to them is out of draft
    /// (they need to see what the school asked for before they agree).
    /// </summary>
    public static bool MaySee(Commission commission, IEnumerable<Proposal> proposals, Actor actor) =>
        Of(commission, actor).Count > 0
        || proposals.Any(p => p.State != ProposalState.Draft && ProposalParties.Of(p, commission, actor)
            .Any(r => r is BrokerageRole.Leader or BrokerageRole.LeaderHeadteacher));

    /// <summary>The proposals a person sees on the request: all of them for the broker, none in draft for anyone else.</summary>
    public static bool SeesProposal(Proposal proposal, IReadOnlyList<BrokerageRole> roles) =>
        roles.Contains(BrokerageRole.Broker) || proposal.State != ProposalState.Draft;

    /// <summary>The activity-feed audiences a set of parts opens.</summary>
    public static Audience AudienceOf(IEnumerable<BrokerageRole> roles) => roles.Aggregate(Audience.None, (a, r) => a | r switch
    {
        BrokerageRole.Broker => Audience.Broker,
        BrokerageRole.Leader => Audience.Leader,
        BrokerageRole.LeaderHeadteacher => Audience.LeaderHeadteacher,
        BrokerageRole.SupportedSchool => Audience.SupportedSchool,
        BrokerageRole.Commissioner => Audience.Commissioner,
        _ => Audience.None,
    });
}
