using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>
/// What networks email: an invited alliance's managers hear of the invitation; a pooled leader's home alliance
/// managers hear that a partner has proposed their leader, and the partner's managers hear the home alliance's answer.
/// </summary>
public static class NetworkEmails
{
    public static EmailMessage Invited(NetworkInvitation invitation, IEnumerable<string> managers, string link) => new(
        [.. managers],
        $"{invitation.InvitedByName} invites you to the {invitation.NetworkName} network",
        $"""
        {invitation.InvitedByUserName} of {invitation.InvitedByName} has invited {invitation.InvitedTenantName} to join
        {invitation.NetworkName}, a network of alliances that pool their system leaders. Members' brokers can find and
        propose each other's shared leaders; a leader is lent only when their home alliance, the leader and their
        headteacher agree.

        Accept or decline: {link}
        """);

    public static EmailMessage LeaderAsked(PoolAsk ask, IEnumerable<string> managers, string link) => new(
        [.. managers],
        $"{ask.PartnerName} proposes {ask.LeaderName} for {ask.SupportedSchoolName}",
        $"""
        {ask.PartnerName}, a partner in your network, has proposed {ask.LeaderName} to support {ask.SupportedSchoolName}:
        {HalfDays.Describe(ask.HalfDays)}, {ask.Start:d MMMM yyyy} to {ask.End:d MMMM yyyy}, at {Money.Format(ask.DayRatePence)} a day.
        The leader and their headteacher are asked only once you agree; the days are held against the leader's capacity
        here when everyone has agreed.

        Agree or refuse: {link}
        """);

    public static EmailMessage HomeAnswered(Proposal proposal, bool agreed, string? reason, IEnumerable<string> brokers, string link) => new(
        [.. brokers],
        agreed ? $"{proposal.HomeAllianceName} agrees to lend {proposal.LeaderName}" : $"{proposal.HomeAllianceName} refuses to lend {proposal.LeaderName}",
        agreed
            ? $"""
              {proposal.HomeAllianceName} has agreed that {proposal.LeaderName} may be proposed. The leader and their headteacher
              are now asked to agree, with the supported school and the commissioner.

              {link}
              """
            : $"""
              {proposal.HomeAllianceName} has refused to lend {proposal.LeaderName}. The reason given: {reason}

              {link}
              """);

    public static EmailMessage AskEnded(PoolAsk ask, IEnumerable<string> managers) => new(
        [.. managers],
        $"{ask.PartnerName}'s proposal for {ask.LeaderName} has ended",
        $"""
        {ask.PartnerName}'s proposal for {ask.LeaderName} to support {ask.SupportedSchoolName} has ended, and nothing more is
        needed from you: {ask.Note}
        """);

    public static EmailMessage Lent(PoolAsk ask, IEnumerable<string> managers) => new(
        [.. managers],
        $"{ask.LeaderName} is deployed by {ask.PartnerName}",
        $"""
        Everyone has agreed: {ask.LeaderName} will support {ask.SupportedSchoolName} for {ask.PartnerName},
        {ask.Start:d MMMM yyyy} to {ask.End:d MMMM yyyy}. {HalfDays.Describe(ask.HalfDays)} are held against their capacity here.
        """);
}
