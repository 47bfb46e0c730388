using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Reimbursement;

/// <summary>
/// What a claim sends (004): a drafted claim goes to whoever acts for the leader's school to check and submit; each
/// later step goes the other way — the school's submission to the brokers, the broker's decision or payment to the school.
/// </summary>
public static class ClaimEmails
{
    public static EmailMessage Ready(Claim claim, IEnumerable<string> schoolEmails, string link) => new(
        [.. schoolEmails],
        $"Reimbursement claim ready: {claim.SchoolName}, {SchoolTerm.Parse(claim.TermKey)}",
        $"""
        A claim for {HalfDays.Describe(claim.TotalHalfDays)} of system leadership support by your staff in the {SchoolTerm.Parse(claim.TermKey)},
        {Money.Format(claim.TotalPence)}, is ready for you to check and submit.

        {link}
        """);

    /// <summary>A step on the claim by <paramref name="by"/>: the school's goes to the brokers, the broker's to the school.</summary>
    public static EmailMessage Moved(Claim claim, ClaimRole by, string? note, IEnumerable<string> brokers, IEnumerable<string> schoolEmails, string link)
    {
        var state = ClaimWorkflow.Display(claim.State).ToLowerInvariant();
        var body = $"""
            The claim from {claim.SchoolName} for the {SchoolTerm.Parse(claim.TermKey)} ({Money.Format(claim.TotalPence)}) is now {state}.{(note is null ? "" : "\n" + note)}

            {link}
            """;
        return by == ClaimRole.LeaderSchool
            ? new([.. brokers], $"Claim {state}: {claim.SchoolName}", body)
            : new([.. schoolEmails], $"Your claim is {state}", body);
    }
}
