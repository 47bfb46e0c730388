using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Domain.Workflows;

namespace SystemLeadership.Domain.Designations;

public enum DesignationState
{
    Active,
    Suspended,
    Expired,
    ReDesignated,
    DeDesignated,
}

public enum DesignationMove
{
    Suspend,
    Reinstate,
    DeDesignate,
    Expire,
    ReDesignate,
}

/// <summary>Why a designation was taken away (003 §7, 004).</summary>
public enum DeDesignationReason
{
    Eligibility,
    Conduct,
    CircumstancesChanged,
    Quality,
}

/// <summary>What the guards of a designation's moves look at: the designation, and the day the move takes effect.</summary>
public sealed record DesignationContext(Designation Designation, DateOnly On);

/// <summary>
/// The designation lifecycle as one table, each row with its guard: the decider (tenant manager, or the College for
/// national designations) acts; the system expires and renews.
/// </summary>
public static class DesignationWorkflow
{
    public static readonly int ExpiringSoonDays = 90;

    public static readonly Workflow<DesignationState, DesignationMove, ApplicationActor, DesignationContext> Table = new(
    [
        new(DesignationState.Active, DesignationMove.Suspend, DesignationState.Suspended, ApplicationActor.AllianceManager, "Suspend"),
        new(DesignationState.Suspended, DesignationMove.Reinstate, DesignationState.Active, ApplicationActor.AllianceManager, "Reinstate"),
        new(DesignationState.Active, DesignationMove.DeDesignate, DesignationState.DeDesignated, ApplicationActor.AllianceManager, "De-designate"),
        new(DesignationState.Suspended, DesignationMove.DeDesignate, DesignationState.DeDesignated, ApplicationActor.AllianceManager, "De-designate"),
        new(DesignationState.Active, DesignationMove.Expire, DesignationState.Expired, ApplicationActor.System, "Expired",
            c => c.Designation.EndDate is not { } end || end >= c.On ? "This designation has not reached its end date." : null),
        new(DesignationState.Active, DesignationMove.ReDesignate, DesignationState.ReDesignated, ApplicationActor.System, "Re-designated"),
        new(DesignationState.Expired, DesignationMove.ReDesignate, DesignationState.ReDesignated, ApplicationActor.System, "Re-designated"),
    ], Display, state => $"This designation is {Display(state).ToLowerInvariant()}: it cannot be moved that way now.");

    public static IReadOnlyList<DesignationTransition> Transitions => Table.Transitions;

    /// <summary>Every row a person has from a state, guards aside: the table as documentation, and the manager's buttons.</summary>
    public static IReadOnlyList<DesignationTransition> MovesFor(DesignationState state, ApplicationActor actor) => Table.RowsFor(state, actor);

    public static string Display(DesignationState state) => state switch
    {
        DesignationState.DeDesignated => "De-designated",
        DesignationState.ReDesignated => "Re-designated",
        _ => state.ToString(),
    };

    public static string Display(DeDesignationReason reason) => reason switch
    {
        DeDesignationReason.Eligibility => "No longer eligible",
        DeDesignationReason.Conduct => "Conduct",
        DeDesignationReason.CircumstancesChanged => "Circumstances changed",
        DeDesignationReason.Quality => "Quality of support",
        _ => reason.ToString(),
    };
}

/// <summary>An induction or training item the holder must complete (DOMAIN.md, per type).</summary>
public sealed record TrainingItem(string Name, DateOnly? CompletedOn = null);

/// <summary>A person's (or, for an NSS, a school's) designation, created by a decision on an application.</summary>
public sealed class Designation : ITenantOwned
{
    private Designation() { }

    public Designation(DesignationApplication application, DateOnly start, string designatedByName)
    {
        Id = Guid.NewGuid();
        TenantId = application.TenantId;
        ApplicationId = application.Id;
        HolderUserId = application.ApplicantUserId;
        HolderName = application.ApplicantName;
        HolderEmail = application.ApplicantEmail;
        HolderRole = application.CurrentRole;
        Type = application.Type;
        SchemeId = application.SchemeId;
        SchemeName = application.Scheme.Name;
        SchemeShortName = application.Scheme.ShortName;
        Specialisms = [.. application.Specialisms];
        SchoolUrn = application.SchoolUrn;
        SchoolName = application.SchoolName;
        DayRatePence = application.Scheme.DayRateFor(application.CurrentRole);
        StartDate = start;
        EndDate = application.Scheme.EndDateFor(start);
        DesignatedByName = designatedByName;
        Training = application.Scheme.Training.Select(t => new TrainingItem(t)).ToList();
        State = DesignationState.Active;
        LinkedDesignationId = application.RenewsDesignationId;
    }

    /// <summary>A designation brought in from an alliance's records, with the dates it had (the end date as recorded, or none).</summary>
    public static Designation Imported(DesignationApplication application, DateOnly start, DateOnly? end, string importedByName)
    {
        if (application.State != ApplicationState.Designated) throw new InvalidOperationException("Only a decided application is imported.");
        return new Designation(application, start, importedByName) { EndDate = end };
    }

    /// <summary>The national support school designated together with its NLE head (003 §4).</summary>
    public static Designation SupportSchoolOf(Designation nle)
    {
        if (nle.Type != DesignationType.NationalLeaderOfEducation || nle.SchoolUrn is null)
            throw new InvalidOperationException("Only an NLE's school is designated a national support school.");
        return new Designation
        {
            Id = Guid.NewGuid(),
            TenantId = nle.TenantId,
            ApplicationId = nle.ApplicationId,
            HolderUserId = nle.HolderUserId,
            HolderName = nle.SchoolName ?? $"URN {nle.SchoolUrn}",
            HolderEmail = nle.HolderEmail,
            HolderRole = null,
            Type = DesignationType.NationalSupportSchool,
            SchemeName = Presets.Nss.Name,
            SchemeShortName = Presets.Nss.ShortName,
            SchoolUrn = nle.SchoolUrn,
            SchoolName = nle.SchoolName,
            StartDate = nle.StartDate,
            EndDate = nle.EndDate,
            DesignatedByName = nle.DesignatedByName,
            Training = Presets.Nss.Training.Select(t => new TrainingItem(t)).ToList(),
            State = DesignationState.Active,
            LinkedDesignationId = nle.Id,
        };
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string HolderUserId { get; private set; } = "";
    public string HolderName { get; private set; } = "";
    public string HolderEmail { get; private set; } = "";
    public LeadershipRole? HolderRole { get; private set; }
    public DesignationType Type { get; private set; }
    public Guid? SchemeId { get; private set; }
    public string SchemeName { get; private set; } = "";
    public string SchemeShortName { get; private set; } = "";
    public List<string> Specialisms { get; private set; } = [];
    public int? SchoolUrn { get; private set; }
    public string? SchoolName { get; private set; }
    /// <summary>What the holder's school is reimbursed per day of deployment, in pence; null when the type sets none.</summary>
    public int? DayRatePence { get; private set; }
    public DateOnly StartDate { get; private set; }
    /// <summary>Null for types with no fixed period (LLE, NLE, teaching school).</summary>
    public DateOnly? EndDate { get; private set; }
    public string DesignatedByName { get; private set; } = "";
    public DesignationState State { get; private set; }
    public List<TrainingItem> Training { get; private set; } = [];
    /// <summary>The NLE of an NSS, or the designation this one renewed.</summary>
    public Guid? LinkedDesignationId { get; private set; }
    public DateTimeOffset? ExpiryNoticeSentAt { get; private set; }

    public DeDesignationReason? EndReason { get; private set; }
    public string? EndNote { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public string? EndedByName { get; private set; }

    /// <summary>Set when the holder changes school or role: the decider reviews whether the designation still fits.</summary>
    public string? ReviewFlag { get; private set; }
    public DateTimeOffset? ReviewFlaggedAt { get; private set; }

    public uint Version { get; private set; }

    public bool IsCurrent => State is DesignationState.Active or DesignationState.Suspended;

    public bool IsExpiringSoon(DateOnly today) =>
        State == DesignationState.Active && EndDate is { } end && end >= today && end.DayNumber - today.DayNumber <= DesignationWorkflow.ExpiringSoonDays;

    public bool TrainingComplete => Training.All(t => t.CompletedOn is not null);

    /// <summary>The moves this person may make on the given day: the table's rows whose guards pass.</summary>
    public IReadOnlyList<DesignationTransition> MovesFor(ApplicationActor actor, DateOnly on) =>
        DesignationWorkflow.Table.MovesFor(new DesignationContext(this, on), State, actor);

    /// <summary>Applies a move from the workflow table, or refuses it. Returns the transition for the audit entry.</summary>
    public DesignationTransition Apply(DesignationMove move, ApplicationActor actor, DateOnly on, string byName,
        DeDesignationReason? reason = null, string? note = null)
    {
        var transition = DesignationWorkflow.Table.Require(new DesignationContext(this, on), State, move, actor);
        if (note is { Length: > 4000 }) throw new NotAllowedException("The note must be 4,000 characters or fewer.");
        if (PlainText.HasMarkup(note)) throw new NotAllowedException(PlainText.MarkupMessage);
        switch (move)
        {
            case DesignationMove.DeDesignate:
                if (reason is null) throw new NotAllowedException("Choose the reason for de-designation.");
                if (string.IsNullOrWhiteSpace(note)) throw new NotAllowedException("Say what led to the de-designation.");
                EndReason = reason;
                EndNote = note.Trim();
                EndedOn = on;
                EndedByName = byName;
                break;
            case DesignationMove.Suspend:
                if (string.IsNullOrWhiteSpace(note)) throw new NotAllowedException("Say why the designation is suspended.");
                EndNote = note.Trim();
                break;
            case DesignationMove.Reinstate:
                EndNote = null;
                break;
            case DesignationMove.Expire:
                EndedOn = EndDate;
                break;
            case DesignationMove.ReDesignate:
                EndedOn = on;
                EndedByName = byName;
                break;
        }
        State = transition.To;
        return transition;
    }

    public void CompleteTraining(string item, DateOnly on)
    {
        var index = Training.FindIndex(t => t.Name == item);
        if (index < 0) throw new NotAllowedException($"'{item}' is not a training item of this designation.");
        if (on < StartDate.AddYears(-1)) throw new NotAllowedException("The completion date is too long before the designation began.");
        Training[index] = Training[index] with { CompletedOn = on };
        Training = [.. Training];
    }

    public void MarkExpiryNoticeSent(DateTimeOffset at) => ExpiryNoticeSentAt = at;

    public void FlagForReview(string why, DateTimeOffset at)
    {
        if (!IsCurrent) return;
        ReviewFlag = why.Length > 500 ? why[..500] : why;
        ReviewFlaggedAt = at;
    }

    public void ClearReview() => (ReviewFlag, ReviewFlaggedAt) = (null, null);
}

/// <summary>
/// The day a designation starts, chosen by the decider (issue 9): today by default, or — for a re-designation decided
/// while the current one runs — the day after it ends, so the holder loses no time (004). A later day may be chosen,
/// up to six months ahead; never an earlier one.
/// </summary>
public static class DesignationStart
{
    public const int MaxDaysAhead = 183;

    public static DateOnly Earliest(DateOnly today, DateOnly? currentEnd) => currentEnd is { } end && end >= today ? end.AddDays(1) : today;

    /// <summary>Why the chosen day cannot be the start, or null when it can.</summary>
    public static string? Problem(DateOnly chosen, DateOnly today, DateOnly? currentEnd)
    {
        var earliest = Earliest(today, currentEnd);
        if (chosen < today) return "A designation cannot start before the day it is decided.";
        if (chosen < earliest) return $"A re-designation starts after the current designation ends: on {earliest:d MMMM yyyy} at the earliest.";
        var latest = earliest.AddDays(MaxDaysAhead);
        return chosen > latest ? $"Choose a start within six months: {latest:d MMMM yyyy} at the latest." : null;
    }
}
