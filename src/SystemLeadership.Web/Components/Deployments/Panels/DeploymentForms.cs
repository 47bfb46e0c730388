using FluentValidation;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Components.Deployments.Panels;

/// <summary>Scheduling a visit: a UK date and 24-hour time, its length in half days, and where.</summary>
public sealed class ScheduleVisitInput
{
    public string? Date { get; set; }
    public string? Time { get; set; } = "09:00";
    public decimal? Days { get; set; } = 1;
    public string? Location { get; set; }

    /// <summary>This form's key: sending it again (after an error whose answer was lost) schedules one visit, not two.</summary>
    public Guid RequestKey { get; } = Guid.NewGuid();

    /// <summary>An empty time means the start of the school day.</summary>
    public TimeOnly? At => string.IsNullOrWhiteSpace(Time) ? new TimeOnly(9, 0) : UkDateTime.ParseTime(Time);

    public DateTimeOffset StartsAt => UkTime.ToInstant(UkDateTime.ParseDate(Date)!.Value, At!.Value);
}

public sealed class ScheduleVisitValidator : AbstractValidator<ScheduleVisitInput>
{
    public ScheduleVisitValidator(TimeProvider clock)
    {
        RuleFor(v => v.Date).Must(d => UkDateTime.ParseDate(d) is not null).WithMessage("Choose the date and time of the visit.")
            .Must(d => UkDateTime.ParseDate(d) is not { } day || day >= UkTime.Today(clock))
            .WithMessage("The visit must be today or later.");
        RuleFor(v => v.At).NotNull().WithMessage("Choose the time of the visit, like 09:30.").OverridePropertyName(nameof(ScheduleVisitInput.Time));
        RuleFor(v => v.Days).Must(d => HalfDayInput.HalfDays(d) is >= 1 and <= 10).WithMessage("A visit is from half a day to 5 days, in half days.");
        RuleFor(v => v.Location).NotEmpty().WithMessage("Say where the visit takes place.")
            .MaximumLength(300).WithMessage("Say where in 300 characters or fewer.");
    }
}

/// <summary>The leader's Visit Record Form (004): what was covered, actions, next steps, and the days spent.</summary>
public sealed class VisitRecordInput
{
    public string? Summary { get; set; }
    public string? Actions { get; set; }
    public string? NextSteps { get; set; }
    public decimal? Days { get; set; }
}

public sealed class VisitRecordValidator : AbstractValidator<VisitRecordInput>
{
    public VisitRecordValidator()
    {
        RuleFor(v => v.Summary).NotEmpty().WithMessage("Say what the visit covered.")
            .MaximumLength(4000).WithMessage("Keep it to 4,000 characters or fewer.");
        RuleFor(v => v.Actions).MaximumLength(4000).WithMessage("Keep it to 4,000 characters or fewer.");
        RuleFor(v => v.NextSteps).MaximumLength(4000).WithMessage("Keep it to 4,000 characters or fewer.");
        RuleFor(v => v.Days).Must(d => HalfDayInput.HalfDays(d) is >= 1 and <= 200).WithMessage("Give the days spent in whole or half days.");
    }
}

/// <summary>The leader's Visit Evaluation Form: for their head and the alliance, never the supported school.</summary>
public sealed class VisitEvaluationInput
{
    public int? Progress { get; set; }
    public string? WhatWorked { get; set; }
    public string? Concerns { get; set; }
}

public sealed class VisitEvaluationValidator : AbstractValidator<VisitEvaluationInput>
{
    public VisitEvaluationValidator()
    {
        RuleFor(v => v.Progress).NotNull().InclusiveBetween(1, 5).WithMessage("Choose a rating from 1 to 5.");
        RuleFor(v => v.WhatWorked).MaximumLength(4000).WithMessage("Keep it to 4,000 characters or fewer.");
        RuleFor(v => v.Concerns).MaximumLength(4000).WithMessage("Keep it to 4,000 characters or fewer.");
    }
}

/// <summary>The broker's recorded change to a deployment: the reason, and for an extension the new end and extra days.</summary>
public sealed class DeploymentChangeInput
{
    public string? Note { get; set; }
    public string? ExtendTo { get; set; }
    public decimal? ExtraDays { get; set; }
    public Guid? NewLeader { get; set; }
}

public sealed class DeploymentChangeValidator : AbstractValidator<DeploymentChangeInput>
{
    public DeploymentChangeValidator(DeploymentMove move)
    {
        RuleFor(c => c.Note).MaximumLength(2000).WithMessage("Keep the reason to 2,000 characters or fewer.");
        if (move == DeploymentMove.Extend)
        {
            RuleFor(c => c.ExtraDays).Must(d => d == 0 || HalfDayInput.HalfDays(d) is not null)
                .WithMessage("Give the extra days in whole or half days (0 for none).");
            RuleFor(c => c.ExtendTo).Must(d => string.IsNullOrWhiteSpace(d) || UkDateTime.ParseDate(d) is not null)
                .WithMessage("Choose the new end date.");
        }
        if (move == DeploymentMove.ChangeLeader) RuleFor(c => c.NewLeader).NotNull().WithMessage("Choose the new leader.");
    }
}
