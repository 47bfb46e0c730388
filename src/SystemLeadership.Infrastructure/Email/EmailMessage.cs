namespace SystemLeadership.Infrastructure.Email;

/// <summary>An email as a template writes it: who it goes to (blank addresses and repeats are dropped when sent), its subject and plain-text body.</summary>
public sealed record EmailMessage(IReadOnlyList<string?> To, string Subject, string Body)
{
    public EmailMessage(string to, string subject, string body) : this([to], subject, body) { }

    /// <summary>Each distinct address once, blanks left out.</summary>
    public IReadOnlyList<string> Recipients =>
        To.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
