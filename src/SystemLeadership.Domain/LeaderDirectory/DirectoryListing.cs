using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.LeaderDirectory;

/// <summary>
/// A system leader's consent to the public "find a system leader" directory (003 §4), and what they chose to show.
/// One per person per alliance. The directory lists their current designations with this alliance only while
/// <see cref="Listed"/> is true; withdrawing takes them off at once. Its id is the public address of their entry.
/// </summary>
public sealed class DirectoryListing : ITenantOwned
{
    public const int MaxAboutLength = 600;

    private DirectoryListing() { }

    public DirectoryListing(Guid tenantId, string holderUserId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(holderUserId);
        Id = Guid.NewGuid();
        TenantId = tenantId;
        HolderUserId = holderUserId;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string HolderUserId { get; private set; } = "";
    public bool Listed { get; private set; }
    /// <summary>Whether the school's name and URN are shown; its phase, local authority and region always are, so schools can find help near them.</summary>
    public bool ShowSchool { get; private set; }
    /// <summary>A few lines in the leader's own words: what they have done, what they can offer.</summary>
    public string? About { get; private set; }
    /// <summary>When the leader last gave consent (null if never).</summary>
    public DateTimeOffset? ListedSince { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Lists the leader (or changes what is shown), with their consent. Refuses text that would not read well in public.</summary>
    public void Publish(bool showSchool, string? about, DateTimeOffset at)
    {
        var text = string.IsNullOrWhiteSpace(about) ? null : about.Trim();
        if (text is { Length: > MaxAboutLength })
            throw new InvalidInputException("about", $"This must be {MaxAboutLength:N0} characters or fewer.");
        if (PlainText.HasMarkup(text)) throw new InvalidInputException("about", PlainText.MarkupMessage);
        if (!Listed) ListedSince = at;
        Listed = true;
        ShowSchool = showSchool;
        About = text;
        ChangedAt = at;
    }

    /// <summary>Withdraws consent: the entry leaves the directory at once. The choices are forgotten with it.</summary>
    public void Withdraw(DateTimeOffset at)
    {
        if (!Listed) throw new NotAllowedException("You are not listed in the directory.");
        Listed = false;
        ShowSchool = false;
        About = null;
        ListedSince = null;
        ChangedAt = at;
    }
}
