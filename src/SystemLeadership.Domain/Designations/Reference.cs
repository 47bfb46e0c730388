using System.Security.Cryptography;
using System.Text;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Designations;

public enum ReferenceOutcome
{
    Pending,
    Confirmed,
    Declined,
    Cancelled,
}

/// <summary>
/// A headteacher's reference, answered through an emailed link without an account. Only the SHA-256 of the link's
/// token is stored, so a copy of the database does not let anyone answer a reference.
/// </summary>
public sealed class Reference : ITenantOwned
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(14);

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
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new Reference(tenantId, applicationId, refereeName.Trim(), refereeEmail.Trim(), Hash(token), now), token);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string RefereeName { get; private set; } = "";
    public string RefereeEmail { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }
    public ReferenceOutcome Outcome { get; private set; }
    public string? ConfirmedRole { get; private set; }
    public int? ConfirmedYearsInRole { get; private set; }
    public bool ReleaseTimeConfirmed { get; private set; }
    public string? Comments { get; private set; }
    public string? DeclineReason { get; private set; }

    /// <summary>Why the link cannot be used now, or null when it can.</summary>
    public string? WhyLinkUnusable(DateTimeOffset now) => Outcome switch
    {
        ReferenceOutcome.Confirmed or ReferenceOutcome.Declined => "This reference link has already been used.",
        ReferenceOutcome.Cancelled => "The applicant has withdrawn this reference request.",
        _ when now >= ExpiresAt => "This reference link has expired. Ask the applicant to send a new request.",
        _ => null,
    };

    public void Confirm(string role, int yearsInRole, bool releaseTimeConfirmed, string? comments, DateTimeOffset now)
    {
        EnsureUsable(now);
        if (string.IsNullOrWhiteSpace(role)) throw new ArgumentException("Confirm the applicant's role.", nameof(role));
        if (yearsInRole is < 0 or > 50) throw new ArgumentOutOfRangeException(nameof(yearsInRole), "Years in role must be between 0 and 50.");
        if (!releaseTimeConfirmed) throw new ArgumentException("A reference confirms that the school can release the applicant.", nameof(releaseTimeConfirmed));
        ConfirmedRole = role.Trim();
        ConfirmedYearsInRole = yearsInRole;
        ReleaseTimeConfirmed = true;
        Comments = string.IsNullOrWhiteSpace(comments) ? null : comments.Trim();
        Outcome = ReferenceOutcome.Confirmed;
        RespondedAt = now;
    }

    public void Decline(string reason, DateTimeOffset now)
    {
        EnsureUsable(now);
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("Give a reason for declining.", nameof(reason));
        DeclineReason = reason.Trim();
        Outcome = ReferenceOutcome.Declined;
        RespondedAt = now;
    }

    private void EnsureUsable(DateTimeOffset now)
    {
        if (WhyLinkUnusable(now) is { } why) throw new MoveRefusedException(why);
    }
}
