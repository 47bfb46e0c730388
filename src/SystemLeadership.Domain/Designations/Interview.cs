using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Designations;

/// <summary>An interview with a panel of alliance headteachers (004), each of them a member of the tenant.</summary>
public sealed class Interview : ITenantOwned
{
    /// <summary>What each panellist scores, 1 (weak) to 4 (strong).</summary>
    public static readonly IReadOnlyList<string> Criteria =
        ["Expertise in their area", "Track record of impact", "Capacity to support other leaders", "Fit with the alliance's priorities"];

    private Interview() { }

    public Interview(Guid tenantId, Guid applicationId, DateTimeOffset scheduledFor, string location, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        ApplicationId = applicationId;
        Reschedule(scheduledFor, location, now);
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public DateTimeOffset ScheduledFor { get; private set; }
    public string Location { get; private set; } = "";
    public uint Version { get; private set; }

    public void Reschedule(DateTimeOffset scheduledFor, string location, DateTimeOffset now)
    {
        if (scheduledFor <= now) throw new InvalidInputException(nameof(scheduledFor), "The interview must be in the future.");
        if (scheduledFor > now.AddYears(1)) throw new InvalidInputException(nameof(scheduledFor), "The interview must be within the next year.");
        if (string.IsNullOrWhiteSpace(location)) throw new InvalidInputException(nameof(location), "Say where the interview takes place.");
        if (location.Length > 300) throw new InvalidInputException(nameof(location), "The location must be 300 characters or fewer.");
        if (PlainText.HasMarkup(location)) throw new InvalidInputException(nameof(location), PlainText.MarkupMessage);
        ScheduledFor = scheduledFor;
        Location = location.Trim();
    }
}

/// <summary>One panellist on an interview, with the scores and comments they record.</summary>
public sealed class Panellist : ITenantOwned
{
    private Panellist() { }

    public Panellist(Guid tenantId, Guid interviewId, string userId, string name)
    {
        Id = Guid.NewGuid();
        TenantId = tenantId;
        InterviewId = interviewId;
        UserId = userId;
        Name = name;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid InterviewId { get; private set; }
    public string UserId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public List<int> Scores { get; private set; } = [];
    public string? Comments { get; private set; }
    public DateTimeOffset? ScoredAt { get; private set; }
    public uint Version { get; private set; }

    public bool HasScored => ScoredAt is not null;
    public int? Total => HasScored ? Scores.Sum() : null;

    public void Score(IReadOnlyList<int> scores, string? comments, DateTimeOffset at)
    {
        if (scores.Count != Interview.Criteria.Count) throw new InvalidInputException(nameof(scores), $"Score each of the {Interview.Criteria.Count} criteria.");
        if (scores.Any(s => s is < 1 or > 4)) throw new InvalidInputException(nameof(scores), "Each score is from 1 to 4.");
        if (comments is { Length: > 4000 }) throw new InvalidInputException(nameof(comments), "Comments must be 4,000 characters or fewer.");
        if (PlainText.HasMarkup(comments)) throw new InvalidInputException(nameof(comments), PlainText.MarkupMessage);
        Scores = [.. scores];
        Comments = string.IsNullOrWhiteSpace(comments) ? null : comments.Trim();
        ScoredAt = at;
    }
}
