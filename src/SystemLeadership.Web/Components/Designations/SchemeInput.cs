using System.Globalization;
using FluentValidation;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Web.Components.Designations;

/// <summary>One eligibility rule as the manager builds it: the building block and the numbers, roles or grades it needs.</summary>
public sealed class RuleInput
{
    public RuleKind Kind { get; set; }
    public int? Number { get; set; }
    public int? WithinYears { get; set; }
    public HashSet<LeadershipRole> Roles { get; set; } = [];
    public HashSet<string> Grades { get; set; } = [];
    /// <summary>A preset's own wording; kept only while the rule is unchanged, since it may quote the old numbers.</summary>
    public string? Reason { get; set; }

    public RuleSpec ToSpec() => Kind switch
    {
        RuleKind.MinimumMonthsInRole => new RuleSpec(Kind, Number, WithinYears: WithinYears, Reason: Reason),
        RuleKind.RoleMustBe or RuleKind.RoleMustNotBe => new RuleSpec(Kind, Roles: Enum.GetValues<LeadershipRole>().Where(Roles.Contains).ToList(), Reason: Reason),
        RuleKind.SchoolOfstedGrade => new RuleSpec(Kind, Grades: RuleSpec.OfstedGrades.Where(Grades.Contains).ToList(), Reason: Reason),
        _ => new RuleSpec(Kind, Number, Reason: Reason),
    };

    public static RuleInput From(RuleSpec spec) => new()
    {
        Kind = spec.Kind,
        Number = spec.Number,
        WithinYears = spec.WithinYears,
        Roles = [.. spec.Roles ?? []],
        Grades = [.. spec.Grades ?? []],
        Reason = spec.Reason,
    };

    public static RuleInput New(RuleKind kind) => new()
    {
        Kind = kind,
        // Sensible starting numbers for the counts; the time in role is left for the manager to choose.
        Number = kind switch
        {
            RuleKind.SpecialismRequired or RuleKind.ReferencesRequired => 1,
            _ => null,
        },
    };

    public static string Title(RuleKind kind) => kind switch
    {
        RuleKind.MinimumMonthsInRole => "Minimum time in role",
        RuleKind.RoleMustBe => "Role must be",
        RuleKind.RoleMustNotBe => "Role must not be",
        RuleKind.SpecialismRequired => "Specialisms required",
        RuleKind.SchoolOfstedGrade => "School's Ofsted grade",
        RuleKind.ReferencesRequired => "References required",
        _ => kind.ToString(),
    };
}

/// <summary>What the manager types into the scheme form, before it becomes a <see cref="SchemeDefinition"/>.</summary>
public sealed class SchemeInput
{
    public string? Name { get; set; }
    public string? ShortName { get; set; }
    public string? Description { get; set; }
    public int? PeriodMonths { get; set; }
    public decimal? DayRatePounds { get; set; }
    public decimal? HeadteacherDayRatePounds { get; set; }
    public List<string> Training { get; set; } = [];
    public List<RuleInput> Rules { get; set; } = [];
    public bool ApplyWithExplanation { get; set; }
    public bool InterviewRequired { get; set; }
    /// <summary>The scheme being edited, so parts the form does not show (referee, commitment) survive an edit.</summary>
    public SchemeDefinition? Original { get; set; }

    public SchemeDefinition ToDefinition()
    {
        var definition = new SchemeDefinition(
            DesignationType.TenantScheme, (Name ?? "").Trim(), (ShortName ?? "").Trim(),
            Rules.Select(r => r.ToSpec()).ToList(), PeriodMonths,
            Training.Select(t => (t ?? "").Trim()).ToList(),
            Pence(DayRatePounds), Pence(HeadteacherDayRatePounds), DesignatedBy.Tenant,
            InterviewRequired, ApplyWithExplanation,
            Description: string.IsNullOrWhiteSpace(Description) ? null : Description.Trim());
        return Original is null ? definition : definition with
        {
            Referee = Original.Referee,
            CommitmentDaysPerYearMin = Original.CommitmentDaysPerYearMin,
            CommitmentDaysPerYearMax = Original.CommitmentDaysPerYearMax,
        };
    }

    public static SchemeInput From(SchemeDefinition definition) => new()
    {
        Name = definition.Name,
        ShortName = definition.ShortName,
        Description = definition.Description,
        PeriodMonths = definition.PeriodMonths,
        DayRatePounds = definition.DayRatePence / 100m,
        HeadteacherDayRatePounds = definition.HeadteacherDayRatePence / 100m,
        Training = [.. definition.Training],
        Rules = definition.Rules.Select(RuleInput.From).ToList(),
        ApplyWithExplanation = definition.ApplyWithExplanation,
        InterviewRequired = definition.InterviewRequired,
        Original = definition,
    };

    private static int? Pence(decimal? pounds) => pounds is { } p ? (int)Math.Round(p * 100m, MidpointRounding.AwayFromZero) : null;

    public static string Pounds(int? pence) => pence is { } p
        ? (p % 100 == 0 ? $"£{p / 100:N0}" : string.Create(CultureInfo.GetCultureInfo("en-GB"), $"£{p / 100m:N2}"))
        : "—";
}

/// <summary>Input rules for the scheme form, with a message next to each field. The server's <see cref="SchemeDefinition.Problems"/> is the final word.</summary>
public sealed class SchemeInputValidator : AbstractValidator<SchemeInput>
{
    public const int MaxShortNameLength = 12;
    public const int MaxRules = 20;

    public SchemeInputValidator()
    {
        RuleFor(s => s.Name).NotEmpty().WithMessage("Give the scheme a name.")
            .MaximumLength(SchemeDefinition.MaxNameLength).WithMessage($"The name must be {SchemeDefinition.MaxNameLength} characters or fewer.")
            .Must(t => !PlainText.HasMarkup(t)).WithMessage(PlainText.MarkupMessage);
        RuleFor(s => s.ShortName).NotEmpty().WithMessage("Give the scheme a short name (for example ECTM).")
            .MaximumLength(MaxShortNameLength).WithMessage($"The short name must be {MaxShortNameLength} characters or fewer.")
            .Must(t => !PlainText.HasMarkup(t)).WithMessage(PlainText.MarkupMessage);
        RuleFor(s => s.Description).MaximumLength(2000).WithMessage("The description must be 2,000 characters or fewer.")
            .Must(t => !PlainText.HasMarkup(t)).WithMessage(PlainText.MarkupMessage);
        RuleFor(s => s.PeriodMonths).InclusiveBetween(1, 120).When(s => s.PeriodMonths is not null)
            .WithMessage("The period must be between 1 month and 10 years (120 months). Leave it empty for no fixed period.");
        Rate(s => s.DayRatePounds, "The day rate");
        Rate(s => s.HeadteacherDayRatePounds, "The headteacher day rate");
        RuleForEach(s => s.Training).NotEmpty().WithMessage("Name the training item, or remove it.")
            .MaximumLength(200).WithMessage("A training item must be 200 characters or fewer.")
            .Must(t => !PlainText.HasMarkup(t)).WithMessage(PlainText.MarkupMessage);
        RuleFor(s => s.Rules).NotEmpty().WithMessage("Add at least one eligibility rule.")
            .Must(r => r.Count <= MaxRules).WithMessage($"A scheme can have at most {MaxRules} rules.")
            .Must(r => r.Count(x => x.Kind == RuleKind.ReferencesRequired) <= 1).WithMessage("Say how many references are required once.")
            .Must(NotContradictory).WithMessage("The role rules exclude every role they allow, so nobody could apply.");
        RuleForEach(s => s.Rules).SetValidator(new RuleInputValidator());
    }

    private void Rate(System.Linq.Expressions.Expression<Func<SchemeInput, decimal?>> field, string what) =>
        RuleFor(field).InclusiveBetween(0m, 2000m).WithMessage($"{what} must be between £0 and £2,000.")
            .Must(p => p is null || decimal.Round(p.Value, 2) == p.Value).WithMessage($"{what} must be in pounds and pence (at most 2 decimal places).");

    private static bool NotContradictory(List<RuleInput> rules)
    {
        var mustBe = rules.Where(r => r.Kind == RuleKind.RoleMustBe).SelectMany(r => r.Roles).ToHashSet();
        var mustNotBe = rules.Where(r => r.Kind == RuleKind.RoleMustNotBe).SelectMany(r => r.Roles).ToHashSet();
        return mustBe.Count == 0 || !mustBe.IsSubsetOf(mustNotBe);
    }
}

public sealed class RuleInputValidator : AbstractValidator<RuleInput>
{
    public RuleInputValidator()
    {
        When(r => r.Kind == RuleKind.MinimumMonthsInRole, () =>
        {
            RuleFor(r => r.Number).NotNull().WithMessage("Enter the minimum time in months (for example 24 for 2 years).")
                .InclusiveBetween(1, 480).WithMessage("Minimum time in role must be between 1 month and 40 years (480 months).");
            RuleFor(r => r.WithinYears).InclusiveBetween(1, 40).When(r => r.WithinYears is not null)
                .WithMessage("\"Within the last\" must be between 1 and 40 years, or left empty.");
            RuleFor(r => r.WithinYears).Must((r, years) => r.Number is null || years is null || r.Number <= years * 12)
                .When(r => r.WithinYears is >= 1 and <= 40)
                .WithMessage("The minimum time cannot be longer than the window it must fall within.");
        });
        When(r => r.Kind is RuleKind.RoleMustBe or RuleKind.RoleMustNotBe, () =>
            RuleFor(r => r.Roles).NotEmpty().WithMessage("Choose at least one role."));
        When(r => r.Kind == RuleKind.SpecialismRequired, () =>
            RuleFor(r => r.Number).NotNull().WithMessage("Enter how many specialisms are required.")
                .InclusiveBetween(1, 10).WithMessage("Required specialisms must be between 1 and 10."));
        When(r => r.Kind == RuleKind.SchoolOfstedGrade, () =>
            RuleFor(r => r.Grades).NotEmpty().WithMessage("Choose at least one Ofsted grade."));
        When(r => r.Kind == RuleKind.ReferencesRequired, () =>
            RuleFor(r => r.Number).NotNull().WithMessage("Enter how many references are required.")
                .InclusiveBetween(1, 3).WithMessage("References required must be between 1 and 3."));
    }
}
