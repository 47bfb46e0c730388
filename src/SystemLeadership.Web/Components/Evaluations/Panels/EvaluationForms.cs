using FluentValidation;
using SystemLeadership.Domain.Evaluations;

namespace SystemLeadership.Web.Components.Evaluations.Panels;

/// <summary>The broker's progress review of one objective.</summary>
public sealed class ObjectiveReviewInput
{
    public int? Objective { get; set; }
    public ObjectiveStatus Status { get; set; }
    public string? Note { get; set; }
    public bool IsFinal { get; set; }
}

public sealed class ObjectiveReviewValidator : AbstractValidator<ObjectiveReviewInput>
{
    public ObjectiveReviewValidator()
    {
        RuleFor(r => r.Objective).NotNull().WithMessage("Choose the objective you are reviewing.");
        RuleFor(r => r.Note).NotEmpty().When(r => r.Status != ObjectiveStatus.OnTrack)
            .WithMessage("Say what puts this objective at risk or off track.")
            .MaximumLength(2000).WithMessage("Keep the note to 2,000 characters or fewer.");
    }
}

/// <summary>The supported school's Deployment Evaluation Form (004).</summary>
public sealed class DeploymentEvaluationInput
{
    public int?[] Ratings { get; set; } = [];
    public int? Capacity { get; set; }
    public string? Impact { get; set; }
    public bool WouldUseAgain { get; set; } = true;
    public string? Comments { get; set; }
}

public sealed class DeploymentEvaluationValidator : AbstractValidator<DeploymentEvaluationInput>
{
    public DeploymentEvaluationValidator()
    {
        RuleForEach(e => e.Ratings).NotNull().WithMessage("Rate this objective from 1 to 5.");
        RuleFor(e => e.Capacity).NotNull().WithMessage("Rate from 1 to 5.");
        RuleFor(e => e.Impact).NotEmpty().WithMessage("Describe the impact you have seen.")
            .MaximumLength(4000).WithMessage("Keep it to 4,000 characters or fewer.");
        RuleFor(e => e.Comments).MaximumLength(4000).WithMessage("Keep it to 4,000 characters or fewer.");
    }
}

/// <summary>The conclusion that closes a quality-assurance review.</summary>
public sealed class QaCloseInput
{
    public QaReviewState Outcome { get; set; } = QaReviewState.ClosedNoAction;
    public string? Note { get; set; }
}

public sealed class QaCloseValidator : AbstractValidator<QaCloseInput>
{
    public QaCloseValidator()
    {
        RuleFor(q => q.Note).NotEmpty().WithMessage("Record the review's conclusion.")
            .MaximumLength(2000).WithMessage("Keep the conclusion to 2,000 characters or fewer.");
    }
}
