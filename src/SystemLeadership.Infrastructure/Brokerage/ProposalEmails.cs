using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>
/// What the parties to a proposal are emailed: asked to agree (003 §7: the leader, their headteacher — who may refuse,
/// with a reason — the supported school and the commissioner), told when every party has agreed, and told when a rival
/// proposal closes theirs. A refusal goes to the brokers and the leader; a withdrawal to the leader and their headteacher.
/// </summary>
public static class ProposalEmails
{
    /// <summary>The request's side of a proposal: the supported school's contact and the commissioner.</summary>
    public static IReadOnlyList<string?> RequestParties(Commission commission) => [commission.SupportedSchoolContactEmail, commission.CommissionerEmail];

    /// <summary>The leader's side: the leader and whoever releases them.</summary>
    public static IReadOnlyList<string?> LeaderParties(Proposal proposal) => [proposal.LeaderEmail, proposal.HeadteacherEmail];

    /// <summary>The leader's side if they have been asked yet (a pooled leader's only once their home alliance agreed).</summary>
    private static IReadOnlyList<string?> LeaderSideAsked(Proposal proposal) => proposal.AsksLeaderSideYet ? LeaderParties(proposal) : [];

    /// <summary>Asks every party to agree, or those named (a pooled leader's side is asked once their home alliance agrees).</summary>
    public static EmailMessage PleaseAgree(Proposal proposal, Commission commission, string link, IReadOnlyList<string?>? to = null) => new(
        to ?? [.. LeaderParties(proposal), .. RequestParties(commission)],
        $"Please agree: support for {commission.SchoolName} by {proposal.LeaderName}",
        $"""
        A deployment has been proposed and needs the agreement of everyone involved: the system leader, their headteacher
        (who may refuse it, with a reason), the supported school and the commissioner.

        School: {commission.SchoolName}
        Leader: {proposal.LeaderName}, {proposal.LeaderSchoolName}
        Objectives: {string.Join("; ", proposal.Objectives)}
        Time: {HalfDays.Describe(proposal.HalfDays)}, {proposal.Pattern}, {proposal.Start:d MMMM yyyy} to {proposal.End:d MMMM yyyy}
        Cost: {Money.Format(proposal.TotalPence)} at {Money.Format(proposal.DayRatePence)} a day, funded by {proposal.FunderName}

        {link}
        """);

    public static EmailMessage Agreed(Proposal proposal, Commission commission, IEnumerable<string> brokers, string deploymentLink) => new(
        [proposal.LeaderEmail, proposal.HeadteacherEmail, commission.SupportedSchoolContactEmail, commission.CommissionerEmail, .. brokers],
        $"Deployment agreed: {proposal.LeaderName} for {commission.SchoolName}",
        $"""
        Every party has agreed the deployment. The deployment agreement is ready to download.

        {deploymentLink}
        """);

    public static EmailMessage RivalClosed(Proposal rival, Commission commission) => new(
        LeaderSideAsked(rival),
        $"Proposal closed: support for {commission.SchoolName}",
        $"""
        Thank you for considering this deployment. Another proposal for {commission.SchoolName} has been agreed, so the
        proposal for {rival.LeaderName} is now closed and nothing more is needed from you.
        """);

    /// <summary>Everyone asked to agree a proposal whose request was withdrawn: the leader's side (if asked) and the request's.</summary>
    public static EmailMessage RequestWithdrawn(Proposal proposal, Commission commission) => new(
        [.. LeaderSideAsked(proposal), .. RequestParties(commission)],
        $"Proposal closed: support for {commission.SchoolName}",
        $"""
        The request for support for {commission.SchoolName} has been withdrawn, so the proposal for {proposal.LeaderName}
        is now closed and nothing more is needed from you.
        """);

    /// <summary>One party refused: the brokers, who must find another way, and the leader hear who and why.</summary>
    public static EmailMessage Refused(Proposal proposal, Commission commission, string refusedByName, string? reason, IEnumerable<string> brokers, string link) => new(
        [.. brokers, .. LeaderSideAsked(proposal).Take(1)],
        $"Deployment refused: {proposal.LeaderName} for {commission.SchoolName}",
        $"""
        {refusedByName} ({ProposalWorkflow.PartyName(proposal.RefusedBy!.Value)}) has refused the proposed deployment. The reason given: {reason}

        {link}
        """);

    /// <summary>The broker withdrew a proposal that was waiting for agreement: the leader and their headteacher need do nothing more.</summary>
    public static EmailMessage Withdrawn(Proposal proposal, string reason) => new(
        LeaderSideAsked(proposal),
        "A proposed deployment has been withdrawn",
        $"The proposal for {proposal.LeaderName} has been withdrawn: {reason}");
}
