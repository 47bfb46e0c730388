using System.Globalization;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Brokerage;

public enum PartnershipState
{
    Active,
    Ended,
}

/// <summary>
/// An LLE as professional partner to a new, first-time headteacher (003 §3): matched by a broker (the College, or an
/// alliance), about 20 to 30 hours of one-to-one coaching and mentoring over the head's first two years of headship,
/// logged as they are given, ending with a short evaluation by the new head through an emailed link (no account).
/// </summary>
public sealed class ProfessionalPartnership : ITenantOwned
{
    public const int FewestMinutes = 20 * 60;
    public const int MostMinutes = 30 * 60;
    public const int LongestSessionMinutes = 8 * 60;
    public const int EvaluationLinkDays = 30;
    public const int CommentMaxLength = 2000;

    private ProfessionalPartnership() { }

    /// <summary>What is wrong with a match as typed, by field (DesignationId, NewHeadName, NewHeadEmail, SchoolUrn, HeadshipStart).</summary>
    public static Dictionary<string, string> Problems(string? newHeadName, string? newHeadEmail, bool schoolKnown, DateOnly? headshipStart, DateOnly today)
    {
        Dictionary<string, string> problems = [];
        if (string.IsNullOrWhiteSpace(newHeadName)) problems["NewHeadName"] = "Enter the new headteacher's name.";
        else if (newHeadName.Trim().Length > 200 || PlainText.HasMarkup(newHeadName)) problems["NewHeadName"] = "Enter a name of up to 200 characters, without markup.";
        if (!EmailAddress.IsValid(newHeadEmail?.Trim())) problems["NewHeadEmail"] = "Enter the new headteacher's email address, like name@school.org.uk.";
        if (!schoolKnown) problems["SchoolUrn"] = "Enter the URN of the new head's school, as Get Information about Schools has it.";
        if (headshipStart is not { } start) problems["HeadshipStart"] = "Enter the day the headship began (or begins) as dd/mm/yyyy.";
        else if (start > today.AddMonths(6)) problems["HeadshipStart"] = "Match a partner within six months before the headship begins.";
        else if (start <= today.AddYears(-2)) problems["HeadshipStart"] = "Partners support heads in their first two years of headship: that headship began more than two years ago.";
        return problems;
    }

    public ProfessionalPartnership(Guid tenantId, Guid designationId, string leaderUserId, string leaderName, string leaderEmail,
        string newHeadName, string newHeadEmail, int schoolUrn, string schoolName, DateOnly headshipStart, string matchedByName, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        DesignationId = designationId;
        LeaderUserId = leaderUserId;
        LeaderName = leaderName;
        LeaderEmail = leaderEmail;
        NewHeadName = newHeadName.Trim();
        NewHeadEmail = newHeadEmail.Trim();
        SchoolUrn = schoolUrn;
        SchoolName = schoolName;
        HeadshipStart = headshipStart;
        MatchedByName = matchedByName;
        MatchedAt = at;
        State = PartnershipState.Active;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    /// <summary>The partner's LLE designation.</summary>
    public Guid DesignationId { get; private set; }
    public string LeaderUserId { get; private set; } = "";
    public string LeaderName { get; private set; } = "";
    public string LeaderEmail { get; private set; } = "";
    public string NewHeadName { get; private set; } = "";
    public string NewHeadEmail { get; private set; } = "";
    public int SchoolUrn { get; private set; }
    public string SchoolName { get; private set; } = "";
    public DateOnly HeadshipStart { get; private set; }
    public string MatchedByName { get; private set; } = "";
    public DateTimeOffset MatchedAt { get; private set; }
    public PartnershipState State { get; private set; }
    public int LoggedMinutes { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndNote { get; private set; }
    public string? EvaluationTokenHash { get; private set; }
    public DateTimeOffset? EvaluationLinkExpiresAt { get; private set; }
    /// <summary>The new head's rating of the partnership, 1 (poor) to 5 (excellent).</summary>
    public int? EvaluationRating { get; private set; }
    public string? EvaluationComment { get; private set; }
    public DateTimeOffset? EvaluatedAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>The last day of the head's first two years.</summary>
    public DateOnly SupportEnds => HeadshipStart.AddYears(2).AddDays(-1);

    public static string Hours(int minutes) => (minutes / 60m).ToString("0.##", CultureInfo.InvariantCulture) + (minutes == 60 ? " hour" : " hours");

    /// <summary>Logs time given: within the head's two years, not in the future, in quarter hours, never past 30 hours in all.</summary>
    public PartnerSession Log(DateOnly date, int minutes, string? note, DateOnly today, DateTimeOffset at)
    {
        if (State != PartnershipState.Active) throw new NotAllowedException("This partnership has ended: no more time is logged.");
        Dictionary<string, string> problems = [];
        if (date > today) problems["Date"] = "Log time once it has been given: money and hours are only for what happened.";
        else if (date < HeadshipStart || date > SupportEnds)
            problems["Date"] = $"The partnership covers {Long(HeadshipStart)} to {Long(SupportEnds)}, the head's first two years.";
        if (minutes <= 0 || minutes % 15 != 0 || minutes > LongestSessionMinutes) problems["Hours"] = "Enter hours in quarter hours, from 0.25 to 8.";
        else if (LoggedMinutes + minutes > MostMinutes)
            problems["Hours"] = $"A partnership gives 20 to 30 hours: {Hours(LoggedMinutes)} are logged, so at most {Hours(MostMinutes - LoggedMinutes)} more.";
        if (note is { Length: > CommentMaxLength } || PlainText.HasMarkup(note)) problems["Note"] = $"Keep the note to {CommentMaxLength} characters, without markup.";
        if (problems.Count > 0) throw new InvalidInputException(problems);
        LoggedMinutes += minutes;
        return new PartnerSession(TenantId, Id, date, minutes, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), at);
    }

    /// <summary>Ends the partnership once its 20 hours are given or the two years are over; returns the new head's evaluation link token.</summary>
    public string End(string? note, DateOnly today, DateTimeOffset at)
    {
        if (State != PartnershipState.Active) throw new NotAllowedException("This partnership has already ended.");
        if (LoggedMinutes < FewestMinutes && today <= SupportEnds)
            throw new NotAllowedException($"A partnership gives at least 20 hours: {Hours(LoggedMinutes)} are logged, and the head's two years run to {Long(SupportEnds)}.");
        State = PartnershipState.Ended;
        EndedAt = at;
        EndNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var token = LinkToken.New();
        EvaluationTokenHash = LinkToken.Hash(token);
        EvaluationLinkExpiresAt = at.AddDays(EvaluationLinkDays);
        return token;
    }

    /// <summary>Why the evaluation link cannot be used now, or null.</summary>
    public string? WhyEvaluationClosed(DateTimeOffset now) =>
        EvaluatedAt is not null ? "Thank you: this partnership has been evaluated."
        : EvaluationLinkExpiresAt is { } expires && now > expires ? "This link has expired: it was open for 30 days after the partnership ended."
        : null;

    /// <summary>The new head's short evaluation, once, through the link.</summary>
    public void Evaluate(int? rating, string? comment, DateTimeOffset now)
    {
        if (WhyEvaluationClosed(now) is { } closed) throw new NotAllowedException(closed);
        Dictionary<string, string> problems = [];
        if (rating is not (>= 1 and <= 5)) problems["Rating"] = "Choose a rating from 1 (poor) to 5 (excellent).";
        if (comment is { Length: > CommentMaxLength } || PlainText.HasMarkup(comment)) problems["Comment"] = $"Keep it to {CommentMaxLength} characters, without markup.";
        if (problems.Count > 0) throw new InvalidInputException(problems);
        EvaluationRating = rating;
        EvaluationComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        // The link stays recognised, to say it has been used.
        EvaluatedAt = now;
    }

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>Time an LLE gave a new head: one coaching or mentoring session.</summary>
public sealed class PartnerSession : ITenantOwned
{
    private PartnerSession() { }

    public PartnerSession(Guid tenantId, Guid partnershipId, DateOnly date, int minutes, string? note, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        PartnershipId = partnershipId;
        Date = date;
        Minutes = minutes;
        Note = note;
        LoggedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid PartnershipId { get; private set; }
    public DateOnly Date { get; private set; }
    public int Minutes { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset LoggedAt { get; private set; }
}
