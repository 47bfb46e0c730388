using FluentValidation;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Components.Designations.Panels;

/// <summary>Scheduling the interview: a UK date and 24-hour time, where, and a panel of the alliance's headteachers.</summary>
public sealed class ScheduleInterviewInput
{
    public string? Date { get; set; }
    public string? Time { get; set; } = "10:00";
    public string? Location { get; set; }
    public HashSet<string> Panel { get; } = [];

    /// <summary>An empty time means midnight, as before; a time that is not one reads as none.</summary>
    public TimeOnly? At => string.IsNullOrWhiteSpace(Time) ? TimeOnly.MinValue : UkDateTime.ParseTime(Time);

    /// <summary>The moment in UK time, when both the date and the time read.</summary>
    public DateTimeOffset? When => UkDateTime.ParseDate(Date) is { } day && At is { } at ? UkTime.ToInstant(day, at) : null;
}

public sealed class ScheduleInterviewValidator : AbstractValidator<ScheduleInterviewInput>
{
    public ScheduleInterviewValidator(DateTimeOffset now)
    {
        RuleFor(i => i.Date).NotEmpty().WithMessage("Choose the date of the interview.")
            .Must((i, _) => i.When is not null).WithMessage("Enter a real date and time.")
            .Must((i, _) => i.When is not { } at || at > now).WithMessage("The interview must be in the future.")
            .Must((i, _) => i.When is not { } at || at <= now.AddYears(1)).WithMessage("The interview must be within the next year.");
        RuleFor(i => i.Location).NotEmpty().WithMessage("Say where the interview takes place.");
        RuleFor(i => i.Panel.Count).InclusiveBetween(2, 6).WithMessage("Choose between 2 and 6 headteachers for the panel.")
            .OverridePropertyName(nameof(ScheduleInterviewInput.Panel));
    }
}

/// <summary>A panellist's scores, one from 1 to 4 for each of the interview's criteria, and their comments.</summary>
public sealed class InterviewScoresInput
{
    public int?[] Scores { get; set; } = new int?[Interview.Criteria.Count];
    public string? Comments { get; set; }
}

public sealed class InterviewScoresValidator : AbstractValidator<InterviewScoresInput>
{
    public InterviewScoresValidator()
    {
        RuleForEach(s => s.Scores).NotNull().WithMessage("Choose a score from 1 to 4.");
    }
}
