using System.Text.RegularExpressions;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.LeaderDirectory;

public enum EnquiryState
{
    /// <summary>Asked from the directory; waits for the school contact to follow the link emailed to them.</summary>
    AwaitingConfirmation,
    /// <summary>The contact confirmed their address: the alliance's brokers see it.</summary>
    Received,
    /// <summary>A broker dealt with it (raised a support request, or replied), with a note.</summary>
    Handled,
}

/// <summary>
/// A school's request for support, asked from a leader's entry in the public directory by someone without an account.
/// Owned by the leader's alliance. It reaches the brokers only once the contact has confirmed their email address by
/// the link sent to it (within <see cref="ConfirmWithin"/>), so nobody can put words in a school's mouth by typing its
/// address.
/// </summary>
public sealed partial class SupportEnquiry : ITenantOwned
{
    public const int MaxNeedLength = 2000;
    public static readonly TimeSpan ConfirmWithin = TimeSpan.FromDays(7);

    private SupportEnquiry() { }

    /// <summary>Checks what was typed (each problem by field) and makes the enquiry, returning the link's token once; only its hash is kept.</summary>
    public static (SupportEnquiry Enquiry, string Token) Ask(Guid tenantId, Guid listingId, string leaderName, int schoolUrn, string schoolName,
        string? contactName, string? contactEmail, string? need, DateTimeOffset at, Guid? requestKey = null)
    {
        var problems = Check(contactName, contactEmail, need);
        if (problems.Count > 0) throw new InvalidInputException(problems);
        var (name, email, text) = (contactName!.Trim(), contactEmail!.Trim(), need!.Trim());
        var token = LinkToken.New();
        return (new SupportEnquiry
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            ListingId = listingId,
            LeaderName = leaderName,
            SchoolUrn = schoolUrn,
            SchoolName = schoolName,
            ContactName = name,
            ContactEmail = email,
            Need = text,
            AskedAt = at,
            TokenHash = Hash(token),
            State = EnquiryState.AwaitingConfirmation,
            RequestKey = requestKey,
        }, token);
    }

    /// <summary>What is wrong with the typed fields, by field name (contactName, contactEmail, need); empty when nothing is.</summary>
    public static Dictionary<string, string> Check(string? contactName, string? contactEmail, string? need)
    {
        var problems = new Dictionary<string, string>();
        var name = contactName?.Trim() ?? "";
        var email = contactEmail?.Trim() ?? "";
        var text = need?.Trim() ?? "";
        if (name.Length == 0) problems["contactName"] = "Enter your name.";
        else if (name.Length > 200) problems["contactName"] = "Your name must be 200 characters or fewer.";
        else if (PlainText.HasMarkup(name) || name.Any(char.IsControl)) problems["contactName"] = PlainText.MarkupMessage;
        if (email.Length == 0) problems["contactEmail"] = "Enter your email address: we send a link to it to confirm the request is yours.";
        else if (!Common.EmailAddress.IsValid(email)) problems["contactEmail"] = "Enter an email address like name@school.org.uk.";
        if (text.Length == 0) problems["need"] = "Say what support your school needs.";
        else if (text.Length > MaxNeedLength) problems["need"] = $"This must be {MaxNeedLength:N0} characters or fewer.";
        else if (PlainText.HasMarkup(text)) problems["need"] = PlainText.MarkupMessage;
        return problems;
    }

    public static string Hash(string token) => LinkToken.Hash(token);

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    /// <summary>The directory entry it was asked from (the leader's listing).</summary>
    public Guid ListingId { get; private set; }
    public string LeaderName { get; private set; } = "";
    public int SchoolUrn { get; private set; }
    public string SchoolName { get; private set; } = "";
    public string ContactName { get; private set; } = "";
    public string ContactEmail { get; private set; } = "";
    public string Need { get; private set; } = "";
    public DateTimeOffset AskedAt { get; private set; }
    public string TokenHash { get; private set; } = "";

    /// <summary>
    /// The form's own key, made when the form was shown: a post sent again (a retry after an error, the browser's
    /// "resubmit") carries the same key and asks nothing more. Null for an enquiry asked without one.
    /// </summary>
    public Guid? RequestKey { get; private set; }
    public EnquiryState State { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public DateTimeOffset? HandledAt { get; private set; }
    public string? HandledByName { get; private set; }
    public string? HandledNote { get; private set; }
    public uint Version { get; private set; }

    /// <summary>The contact followed the link: the enquiry reaches the brokers. A second click changes nothing.</summary>
    public bool Confirm(DateTimeOffset at)
    {
        if (State != EnquiryState.AwaitingConfirmation) return false;
        if (at - AskedAt > ConfirmWithin) throw new NotAllowedException("This link has expired: links work for 7 days. Ask again from the directory.");
        State = EnquiryState.Received;
        ConfirmedAt = at;
        return true;
    }

    /// <summary>A broker records what they did with it.</summary>
    public void Handle(string? note, string byName, DateTimeOffset at)
    {
        if (State != EnquiryState.Received) throw new NotAllowedException("Only a confirmed enquiry waiting for the brokers can be marked as dealt with.");
        var text = note?.Trim() ?? "";
        if (text.Length == 0) throw new InvalidInputException("note", "Say what you did: for example, raised a support request, or replied by email.");
        if (text.Length > 1000) throw new InvalidInputException("note", "The note must be 1,000 characters or fewer.");
        if (PlainText.HasMarkup(text)) throw new InvalidInputException("note", PlainText.MarkupMessage);
        State = EnquiryState.Handled;
        HandledAt = at;
        HandledByName = byName;
        HandledNote = text;
    }

}
