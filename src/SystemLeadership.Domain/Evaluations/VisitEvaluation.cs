using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Tenancy;

namespace SystemLeadership.Domain.Evaluations;

/// <summary>The Visit Evaluation Form (004): the leader's own view, for their headteacher and the alliance manager only.</summary>
public sealed class VisitEvaluation : ITenantOwned
{
    private VisitEvaluation() { }

    public VisitEvaluation(Visit visit, int progressRating, string whatWorked, string concerns, DateTimeOffset at)
    {
        if (progressRating is < 1 or > 5) throw new InvalidInputException(nameof(progressRating), "Rate from 1 to 5.");
        if (!visit.HasStarted(at)) throw new NotAllowedException(Visit.NotStartedYet(visit.StartsAt));
        Id = Guid.NewGuid();
        TenantId = visit.TenantId;
        VisitId = visit.Id;
        DeploymentId = visit.DeploymentId;
        ProgressRating = progressRating;
        WhatWorked = whatWorked.Trim();
        Concerns = concerns.Trim();
        SubmittedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid VisitId { get; private set; }
    public Guid DeploymentId { get; private set; }
    public int ProgressRating { get; private set; }
    public string WhatWorked { get; private set; } = "";
    public string Concerns { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }
}
