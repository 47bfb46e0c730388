using FluentValidation;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Web.Components.Designations;

/// <summary>What the applicant types into the SLE form, before it becomes the application's answers.</summary>
public sealed class ApplicationAnswers
{
    public LeadershipRole? CurrentRole { get; set; }
    public int? Years { get; set; }
    public int? Months { get; set; }
    public HashSet<string> Specialisms { get; set; } = [];

    public int TotalMonths => Math.Max(0, (Years ?? 0) * 12 + (Months ?? 0));

    public ApplicantProfile Profile => new(CurrentRole, TotalMonths, Specialisms);

    public static ApplicationAnswers From(DesignationApplication application) => new()
    {
        CurrentRole = application.CurrentRole,
        Years = application.MonthsInLeadershipRole / 12,
        Months = application.MonthsInLeadershipRole % 12,
        Specialisms = [.. application.Specialisms],
    };
}

/// <summary>Input rules (is this a sensible answer?), separate from eligibility (does the answer qualify?).</summary>
public sealed class ApplicationAnswersValidator : AbstractValidator<ApplicationAnswers>
{
    public ApplicationAnswersValidator()
    {
        RuleFor(a => a.CurrentRole).NotNull().WithMessage("Choose your current role.");
        RuleFor(a => a.Years).NotNull().WithMessage("Enter the number of whole years (0 if less than a year).")
            .InclusiveBetween(0, 50).WithMessage("Years must be a whole number from 0 to 50.");
        RuleFor(a => a.Months).NotNull().WithMessage("Enter the number of months (0 to 11).")
            .InclusiveBetween(0, 11).WithMessage("Months must be a whole number from 0 to 11.");
        RuleForEach(a => a.Specialisms).Must(SystemLeadership.Domain.Designations.Specialisms.IsKnown)
            .WithMessage("Choose specialisms from the DfE list.");
    }
}
