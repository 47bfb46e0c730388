using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Email;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>
/// What a support request sends: the brokers hear of a new request, and the requester, the commissioner and the
/// supported school that it was received. Each later step goes the other way: what the requester does (sending more
/// information, withdrawing) goes to the brokers; what the broker does goes to the requester's side.
/// </summary>
public static class CommissionEmails
{
    public static EmailMessage NewRequest(Commission commission, IEnumerable<string> brokers, string link) => new(
        [.. brokers],
        $"New support request: {commission.SchoolName}",
        $"""
        {commission.RaisedByName} has asked for support for {commission.SchoolName} (URN {commission.SchoolUrn}), funded by {commission.FunderName}.
        Specialisms: {string.Join(", ", commission.Specialisms)}. {HalfDays.Describe(commission.HalfDays)} from {commission.DesiredStart:d MMMM yyyy}.

        {link}
        """);

    public static EmailMessage Received(Commission commission, string link) => new(
        RequesterSide(commission),
        $"Your support request for {commission.SchoolName} has been received",
        $"""
        The request for support for {commission.SchoolName} has been received and will be considered by the alliance's broker.

        {link}
        """);

    /// <summary>
    /// A step on the request, told with the activity text the step wrote: the requester's own steps go to the brokers
    /// (subject: the step), the broker's to the requester, commissioner and school (subject: where the request now stands).
    /// </summary>
    public static EmailMessage Moved(Commission commission, CommissionMove move, string label, string text, IEnumerable<string> brokers, string link)
    {
        var body = $"""
            {text}

            {link}
            """;
        return move is CommissionMove.ProvideInformation or CommissionMove.Withdraw
            ? new([.. brokers], $"Support request for {commission.SchoolName}: {label.ToLowerInvariant()}", body)
            : new(RequesterSide(commission),
                $"Support request for {commission.SchoolName}: {CommissionWorkflow.Display(commission.State).ToLowerInvariant()}", body);
    }

    private static string?[] RequesterSide(Commission commission) =>
        [commission.RaisedByEmail, commission.CommissionerEmail, commission.SupportedSchoolContactEmail];
}
