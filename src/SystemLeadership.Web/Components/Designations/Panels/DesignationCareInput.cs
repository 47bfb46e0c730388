using FluentValidation;
using SystemLeadership.Domain.Common;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Components.Designations.Panels;

/// <summary>The date one training item was completed: a UK date, today or earlier.</summary>
public sealed class TrainingCompletionInput
{
    public string? CompletedOn { get; set; }

    public DateOnly? Date => UkDateTime.ParseDate(CompletedOn);
}

public sealed class TrainingCompletionValidator : AbstractValidator<TrainingCompletionInput>
{
    public TrainingCompletionValidator(DateOnly today)
    {
        RuleFor(t => t.Date).NotNull().WithMessage("Choose the date it was completed.")
            .Must(d => d is null || d <= today).WithMessage("The completion date cannot be in the future.")
            .OverridePropertyName(nameof(TrainingCompletionInput.CompletedOn));
    }
}

/// <summary>The outcome of a review that keeps the designation: recorded in its history.</summary>
public sealed class ReviewOutcomeInput
{
    public string? Outcome { get; set; }
}

public sealed class ReviewOutcomeValidator : AbstractValidator<ReviewOutcomeInput>
{
    public ReviewOutcomeValidator()
    {
        RuleFor(r => r.Outcome).NotEmpty().WithMessage("Record the outcome of the review.")
            .Must(o => !PlainText.HasMarkup(o)).WithMessage(PlainText.MarkupMessage)
            .MaximumLength(1000).WithMessage("Record the outcome of the review (1,000 characters at most).");
    }
}
