using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Designations;

public enum ReferenceOutcome
{
    Pending,
    Confirmed,
    Declined,
    Cancelled,
    Expired,
}

/// <summary>
/// A headteacher's reference, answered through an emailed link without an account. Only the SHA-256 of the link's
/// token is stored, so a copy of the database does not let anyone answer a reference.
/// </summary>
public sealed class Reference : ITenantOwned
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(14);
    /// <summary>Reminders go after 7 and 11 days without an answer, each once.</summary>
    public static readonly IReadOnlyList<TimeSpan> ReminderAfter = [TimeSpan.FromDays(7), TimeSpan.FromDays(11)];

    private Reference() { }

    private Reference(Guid tenantId, Guid applicationId, string refereeName, string refereeEmail, string tokenHash, DateTimeOffset requestedAt)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        ApplicationId = applicationId;
        RefereeName = refereeName;
        RefereeEmail = refereeEmail;
        TokenHash = tokenHash;
        RequestedAt = requestedAt;
        ExpiresAt = requestedAt + LinkLifetime;
        Outcome = ReferenceOutcome.Pending;
    }

    /// <summary>Creates the request and returns the plain token once, for the email; it is never stored.</summary>
    public static (Reference Reference, string Token) Request(Guid tenantId, Guid applicationId, string refereeName, string refereeEmail, DateTimeOffset now)
    {
        var token = NewToken();
        return (new Reference(tenantId, applicationId, refereeName.Trim(), refereeEmail.Trim(), Hash(token), now), token);
    }

    private static string NewToken() => LinkToken.New();

    public static string Hash(string token) => LinkToken.Hash(token);

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string RefereeName { get; private set; } = "";
    public string RefereeEmail { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    /// <summary>The hash of the link in the latest reminder. Both links work (once, between them) until the request ends.</summary>
    public string? ReminderTokenHash { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }
    public ReferenceOutcome Outcome { get; private set; }
    public string? ConfirmedRole { get; private set; }
    public int? ConfirmedYearsInRole { get; private set; }
    public bool ReleaseTimeConfirmed { get; private set; }
    /// <summary>How many days a term the school can release the applicant: the starting point for brokerage capacity.</summary>
    public int? ReleaseDaysPerTerm { get; private set; }
    public string? Comments { get; private set; }
    public string? DeclineReason { get; private set; }
    public int RemindersSent { get; private set; }
    public DateTimeOffset? LastReminderAt { get; private set; }

    public bool IsPending => Outcome == ReferenceOutcome.Pending;

    /// <summary>
    /// Whether a reminder is due now. A job that missed the 7-day mark and runs after 11 days sends one reminder, not
    /// two: the latest due one, counting both as sent.
    /// </summary>
    public bool ReminderDue(DateTimeOffset now) =>
        IsPending && now < ExpiresAt && DueReminderCount(now) > RemindersSent;

    /// <summary>
    /// Records the reminder and returns a fresh link token for it: the first token was never stored, so the reminder
    /// cannot repeat it. The first email's link keeps working too.
    /// </summary>
    public string MarkReminded(DateTimeOffset now)
    {
        if (!ReminderDue(now)) throw new InvalidOperationException("No reminder is due.");
        RemindersSent = DueReminderCount(now);
        LastReminderAt = now;
        var token = NewToken();
        ReminderTokenHash = Hash(token);
        return token;
    }

    public bool Matches(string tokenHash) => TokenHash == tokenHash || ReminderTokenHash == tokenHash;

    private int DueReminderCount(DateTimeOffset now) => ReminderAfter.Count(after => now >= RequestedAt + after);

    /// <summary>The applicant withdraws the request (to name someone else); the link stops working.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (!IsPending) throw new NotAllowedException("Only a reference still awaited can be cancelled.");
        Outcome = ReferenceOutcome.Cancelled;
        RespondedAt = now;
    }

    /// <summary>An unanswered link past its 14 days: the application moves on so the applicant can ask again.</summary>
    public bool HasLapsed(DateTimeOffset now) => IsPending && now >= ExpiresAt;

    public void Lapse(DateTimeOffset now)
    {
        if (!HasLapsed(now)) throw new InvalidOperationException("This reference has not lapsed.");
        Outcome = ReferenceOutcome.Expired;
        RespondedAt = now;
    }

    /// <summary>Why the link cannot be used now, or null when it can.</summary>
    public string? WhyLinkUnusable(DateTimeOffset now) => Outcome switch
    {
        ReferenceOutcome.Confirmed or ReferenceOutcome.Declined => "This reference link has already been used.",
        ReferenceOutcome.Cancelled => "The applicant has withdrawn this reference request.",
        ReferenceOutcome.Expired => "This reference link has expired. Ask the applicant to send a new request.",
        _ when now >= ExpiresAt => "This reference link has expired. Ask the applicant to send a new request.",
        _ => null,
    };

    public void Confirm(string role, int yearsInRole, bool releaseTimeConfirmed, string? comments, DateTimeOffset now, int? releaseDaysPerTerm = null)
    {
        EnsureUsable(now);
        if (string.IsNullOrWhiteSpace(role)) throw new InvalidInputException(nameof(role), "Confirm the applicant's role.");
        if (role.Length > 200) throw new InvalidInputException(nameof(role), "The role must be 200 characters or fewer.");
        if (comments is { Length: > 4000 }) throw new InvalidInputException(nameof(comments), "Comments must be 4,000 characters or fewer.");
        if (PlainText.HasMarkup(comments) || PlainText.HasMarkup(role)) throw new InvalidInputException(nameof(comments), PlainText.MarkupMessage);
        if (yearsInRole is < 0 or > 50) throw new InvalidInputException(nameof(yearsInRole), "Years in role must be between 0 and 50.");
        if (!releaseTimeConfirmed) throw new InvalidInputException(nameof(releaseTimeConfirmed), "A reference confirms that the school can release the applicant.");
        if (releaseDaysPerTerm is not null and not (>= 1 and <= 65))
            throw new InvalidInputException(nameof(releaseDaysPerTerm), "Release days per term must be between 1 and 65.");
        ConfirmedRole = role.Trim();
        ConfirmedYearsInRole = yearsInRole;
        ReleaseDaysPerTerm = releaseDaysPerTerm;
        ReleaseTimeConfirmed = true;
        Comments = string.IsNullOrWhiteSpace(comments) ? null : comments.Trim();
        Outcome = ReferenceOutcome.Confirmed;
        RespondedAt = now;
    }

    public void Decline(string reason, DateTimeOffset now)
    {
        EnsureUsable(now);
        if (string.IsNullOrWhiteSpace(reason)) throw new InvalidInputException(nameof(reason), "Give a reason for declining.");
        if (reason.Length > 4000) throw new InvalidInputException(nameof(reason), "The reason must be 4,000 characters or fewer.");
        if (PlainText.HasMarkup(reason)) throw new InvalidInputException(nameof(reason), PlainText.MarkupMessage);
        DeclineReason = reason.Trim();
        Outcome = ReferenceOutcome.Declined;
        RespondedAt = now;
    }

    private void EnsureUsable(DateTimeOffset now)
    {
        if (WhyLinkUnusable(now) is { } why) throw new NotAllowedException(why);
    }
}
