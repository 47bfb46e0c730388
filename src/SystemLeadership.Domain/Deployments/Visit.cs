using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Deployments;

public enum VisitState
{
    Scheduled,
    Recorded,
    Cancelled,
}

/// <summary>A planned visit to the supported school; the leader records it afterwards.</summary>
public sealed class Visit : ITenantOwned
{
    private Visit() { }

    public Visit(Deployment deployment, DateTimeOffset startsAt, int halfDays, string location, Guid? requestKey = null)
    {
        if (deployment.State != DeploymentState.Active) throw new NotAllowedException("Visits are scheduled on an active deployment.");
        if (halfDays is < 1 or > 10) throw new InvalidInputException(nameof(halfDays), "A visit is half a day to five days.");
        Id = Guid.NewGuid();
        TenantId = deployment.TenantId;
        DeploymentId = deployment.Id;
        StartsAt = startsAt;
        HalfDays = halfDays;
        Location = location.Trim();
        State = VisitState.Scheduled;
        RequestKey = requestKey;
    }

    /// <summary>The key of the form that scheduled it: the same form sent again (a retry after an error) schedules nothing more.</summary>
    public Guid? RequestKey { get; private set; }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid DeploymentId { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public int HalfDays { get; private set; }
    public string Location { get; private set; } = "";
    public VisitState State { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Half a day is 3.5 hours of the school day, a day 7; longer visits run over consecutive days.</summary>
    public DateTimeOffset EndsAt => HalfDays <= 2
        ? StartsAt.AddHours(3.5 * HalfDays)
        : StartsAt.AddDays((HalfDays + 1) / 2 - 1).AddHours(HalfDays % 2 == 1 ? 3.5 : 7);

    /// <summary>Whether the visit has begun: only then can it be recorded, its days logged and claimed (money only for what happened).</summary>
    public bool HasStarted(DateTimeOffset now) => now >= StartsAt;

    public void MarkRecorded(DateTimeOffset now)
    {
        if (State != VisitState.Scheduled) throw new NotAllowedException("This visit has already been recorded or was cancelled.");
        if (!HasStarted(now)) throw new NotAllowedException(NotStartedYet(StartsAt));
        State = VisitState.Recorded;
    }

    /// <summary>The refusal for recording or evaluating a visit that has not begun, with its start in UK time.</summary>
    public static string NotStartedYet(DateTimeOffset startsAt) =>
        $"This visit starts on {UkTime.Format(startsAt, "d MMMM yyyy 'at' HH:mm")}: record it once it has taken place.";

    public void Cancel()
    {
        if (State != VisitState.Scheduled) throw new NotAllowedException("Only a scheduled visit can be cancelled.");
        State = VisitState.Cancelled;
    }
}

/// <summary>The Visit Record Form (004): what happened, sent to the person receiving support.</summary>
public sealed class VisitRecord : ITenantOwned
{
    private VisitRecord() { }

    public VisitRecord(Visit visit, string summary, string actionsAgreed, string nextSteps, int halfDaysSpent, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(summary)) throw new InvalidInputException(nameof(summary), "Say what the visit covered.");
        if (halfDaysSpent <= 0) throw new InvalidInputException(nameof(halfDaysSpent), "Log at least half a day.");
        Id = Guid.NewGuid();
        TenantId = visit.TenantId;
        VisitId = visit.Id;
        DeploymentId = visit.DeploymentId;
        Summary = summary.Trim();
        ActionsAgreed = actionsAgreed.Trim();
        NextSteps = nextSteps.Trim();
        HalfDaysSpent = halfDaysSpent;
        SubmittedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid VisitId { get; private set; }
    public Guid DeploymentId { get; private set; }
    public string Summary { get; private set; } = "";
    public string ActionsAgreed { get; private set; } = "";
    public string NextSteps { get; private set; } = "";
    public int HalfDaysSpent { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
}

/// <summary>Days worked, logged against the agreed commitment; the unit claims are made from.</summary>
public sealed class DayLogEntry : ITenantOwned
{
    private DayLogEntry() { }

    public DayLogEntry(Deployment deployment, Guid? visitId, DateOnly date, int halfDays)
    {
        Id = Guid.NewGuid();
        TenantId = deployment.TenantId;
        DeploymentId = deployment.Id;
        VisitId = visitId;
        Date = date;
        HalfDays = halfDays;
        LeaderUserId = deployment.LeaderUserId;
        LeaderName = deployment.LeaderName;
        LeaderSchoolUrn = deployment.LeaderSchoolUrn;
        LeaderSchoolName = deployment.LeaderSchoolName;
        DayRatePence = deployment.DayRatePence;
        TermKey = Brokerage.SchoolTerm.Of(date).Key;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid DeploymentId { get; private set; }
    public Guid? VisitId { get; private set; }
    public DateOnly Date { get; private set; }
    public int HalfDays { get; private set; }
    public string LeaderUserId { get; private set; } = "";
    public string LeaderName { get; private set; } = "";
    public int LeaderSchoolUrn { get; private set; }
    public string LeaderSchoolName { get; private set; } = "";
    public int DayRatePence { get; private set; }
    public string TermKey { get; private set; } = "";
    public Guid? ClaimId { get; private set; }

    public void ClaimedBy(Guid claimId) => ClaimId = claimId;
}
