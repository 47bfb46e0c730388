using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Evaluations;

public enum ObjectiveStatus
{
    OnTrack,
    AtRisk,
    OffTrack,
}

/// <summary>The broker's view of progress on one agreed objective, at any time or at the end.</summary>
public sealed class ObjectiveReview : ITenantOwned
{
    private ObjectiveReview() { }

    public ObjectiveReview(Deployment deployment, int objectiveIndex, ObjectiveStatus status, string note, bool isFinal, string reviewerName, DateTimeOffset at)
    {
        if (objectiveIndex < 0 || objectiveIndex >= deployment.Objectives.Count)
            throw new InvalidInputException(nameof(objectiveIndex), "No such objective on this deployment.");
        if (status != ObjectiveStatus.OnTrack && string.IsNullOrWhiteSpace(note))
            throw new InvalidInputException(nameof(note), "Say what puts this objective at risk or off track.");
        Id = Guid.NewGuid();
        TenantId = deployment.TenantId;
        DeploymentId = deployment.Id;
        ObjectiveIndex = objectiveIndex;
        Objective = deployment.Objectives[objectiveIndex];
        Status = status;
        Note = note.Trim();
        IsFinal = isFinal;
        ReviewerName = reviewerName;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid DeploymentId { get; private set; }
    public int ObjectiveIndex { get; private set; }
    public string Objective { get; private set; } = "";
    public ObjectiveStatus Status { get; private set; }
    public string Note { get; private set; } = "";
    public bool IsFinal { get; private set; }
    public string ReviewerName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}

/// <summary>
/// The Deployment Evaluation Form (004), completed by the supported school at the end. Ratings are 1 (poor) to 5
/// (excellent); it becomes the leader's evidence of impact for re-designation.
/// </summary>
public sealed class DeploymentEvaluation : ITenantOwned
{
    /// <summary>A rating at or below this opens a quality-assurance review.</summary>
    public const int LowRating = 2;

    private DeploymentEvaluation() { }

    public DeploymentEvaluation(Deployment deployment, IReadOnlyList<int> objectiveRatings, string impactSeen, int leadershipCapacityBuilt,
        bool wouldUseAgain, string comments, string completedByName, DateTimeOffset at)
    {
        if (deployment.State is not (DeploymentState.Completed or DeploymentState.EndedEarly))
            throw new NotAllowedException("The deployment evaluation is completed at the end of the deployment.");
        if (objectiveRatings.Count != deployment.Objectives.Count)
            throw new InvalidInputException(nameof(objectiveRatings), "Rate each agreed objective.");
        if (objectiveRatings.Append(leadershipCapacityBuilt).Any(r => r is < 1 or > 5))
            throw new InvalidInputException(nameof(objectiveRatings), "Ratings are from 1 to 5.");
        Id = Guid.NewGuid();
        TenantId = deployment.TenantId;
        DeploymentId = deployment.Id;
        DesignationId = deployment.DesignationId;
        LeaderUserId = deployment.LeaderUserId;
        ObjectiveRatings = [.. objectiveRatings];
        ImpactSeen = impactSeen.Trim();
        LeadershipCapacityBuilt = leadershipCapacityBuilt;
        WouldUseAgain = wouldUseAgain;
        Comments = comments.Trim();
        CompletedByName = completedByName;
        SubmittedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid DeploymentId { get; private set; }
    public Guid DesignationId { get; private set; }
    public string LeaderUserId { get; private set; } = "";
    public List<int> ObjectiveRatings { get; private set; } = [];
    public string ImpactSeen { get; private set; } = "";
    public int LeadershipCapacityBuilt { get; private set; }
    public bool WouldUseAgain { get; private set; }
    public string Comments { get; private set; } = "";
    public string CompletedByName { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }

    public IReadOnlyList<string> LowRatingReasons(IReadOnlyList<string> objectives)
    {
        List<string> reasons = [];
        for (var i = 0; i < ObjectiveRatings.Count; i++)
        {
            if (ObjectiveRatings[i] <= LowRating) reasons.Add($"Objective \"{objectives[i]}\" rated {ObjectiveRatings[i]} of 5.");
        }
        if (LeadershipCapacityBuilt <= LowRating) reasons.Add($"Leadership capacity built rated {LeadershipCapacityBuilt} of 5.");
        if (!WouldUseAgain) reasons.Add("The school would not use this support again.");
        return reasons;
    }
}

public enum QaReviewState
{
    Open,
    ClosedNoAction,
    NoteOnLeaderRecord,
    DeDesignationReview,
}

/// <summary>Opened by a low evaluation; ends with no action, a note on the leader's record, or a de-designation review.</summary>
public sealed class QaReview : ITenantOwned
{
    private QaReview() { }

    public QaReview(DeploymentEvaluation evaluation, IReadOnlyList<string> reasons, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        TenantId = evaluation.TenantId;
        DeploymentId = evaluation.DeploymentId;
        EvaluationId = evaluation.Id;
        DesignationId = evaluation.DesignationId;
        LeaderUserId = evaluation.LeaderUserId;
        Reasons = [.. reasons];
        OpenedAt = at;
        State = QaReviewState.Open;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid DeploymentId { get; private set; }
    public Guid EvaluationId { get; private set; }
    public Guid DesignationId { get; private set; }
    public string LeaderUserId { get; private set; } = "";
    public List<string> Reasons { get; private set; } = [];
    public QaReviewState State { get; private set; }
    public string? Outcome { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public uint Version { get; private set; }

    public void Close(QaReviewState outcome, string note, DateTimeOffset at)
    {
        if (State != QaReviewState.Open) throw new NotAllowedException("This review is already closed.");
        if (outcome == QaReviewState.Open) throw new InvalidInputException(nameof(outcome), "Choose how the review ends.");
        if (string.IsNullOrWhiteSpace(note)) throw new NotAllowedException("Record the review's conclusion.");
        State = outcome;
        Outcome = note.Trim();
        ClosedAt = at;
    }
}
