using FluentValidation;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Components.Designations;

/// <summary>What the applicant types into the form, before it becomes the application's answers.</summary>
public sealed class ApplicationForm
{
    public LeadershipRole? CurrentRole { get; set; }
    public int? Years { get; set; }
    public int? Months { get; set; }
    public HashSet<string> Specialisms { get; set; } = [];
    public int? SchoolUrn { get; set; }
    /// <summary>Filled from GIAS when the URN is looked up; never typed.</summary>
    public string? SchoolName { get; set; }
    public string? SchoolOfstedRating { get; set; }
    public string? TrackRecord { get; set; }
    public string? EvidenceOfImpact { get; set; }
    public string? Explanation { get; set; }
    public string? ProposedAllianceName { get; set; }
    public string? FirstManagerEmail { get; set; }

    /// <summary>Dated periods in the role, as typed, for a scheme whose rule looks back over a window (NLG).</summary>
    public List<PeriodRow> Periods { get; set; } = [];

    /// <summary>The day the form counts periods to: today.</summary>
    public DateOnly Today { get; set; } = UkTime.Day(DateTimeOffset.UtcNow);

    /// <summary>The periods typed completely and sensibly; the others are refused beside the editor.</summary>
    public IReadOnlyList<RolePeriod> ValidPeriods => Periods.Select(p => p.ToPeriod()).OfType<RolePeriod>().Where(p => p.Problem(Today) is null).ToList();

    public int TotalMonths => ValidPeriods is { Count: > 0 } periods
        ? RolePeriods.MonthsInAll(periods, Today)
        : Math.Max(0, (Years ?? 0) * 12 + (Months ?? 0));

    public ApplicantProfile Profile => new(CurrentRole, TotalMonths, Specialisms, SchoolName is null ? null : SchoolUrn, SchoolOfstedRating,
        ValidPeriods is { Count: > 0 } periods ? periods : null, Today);

    public ApplicationAnswers ToAnswers() => new(CurrentRole, Math.Min(600, TotalMonths), Specialisms, SchoolUrn, TrackRecord, EvidenceOfImpact, Explanation,
        ProposedAllianceName, FirstManagerEmail, ValidPeriods);

    public static ApplicationForm From(DesignationApplication application) => new()
    {
        CurrentRole = application.CurrentRole,
        Years = application.MonthsInRole / 12,
        Months = application.MonthsInRole % 12,
        Specialisms = [.. application.Specialisms],
        SchoolUrn = application.SchoolUrn,
        SchoolName = application.SchoolName,
        SchoolOfstedRating = application.SchoolOfstedRating,
        TrackRecord = application.TrackRecord,
        EvidenceOfImpact = application.EvidenceOfImpact,
        Explanation = application.Explanation,
        ProposedAllianceName = application.ProposedAllianceName,
        FirstManagerEmail = application.FirstManagerEmail,
        Periods = [.. application.RolePeriods.Select(PeriodRow.Of)],
    };

    /// <summary>Whether the scheme asks for dated periods rather than a number of months: a rule looks back over a window.</summary>
    public static bool AsksForPeriods(SchemeDefinition scheme) => scheme.Rules.Any(r => r.Kind == RuleKind.MinimumMonthsInRole && r.WithinYears is not null);
}

/// <summary>One period as typed: the school, and the first and last days as dd/mm/yyyy (the last empty while it goes on).</summary>
public sealed class PeriodRow
{
    public string? School { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }

    public RolePeriod? ToPeriod()
    {
        var from = UkDateTime.ParseDate(From);
        var to = UkDateTime.ParseDate(To);
        if (from is null || (!string.IsNullOrWhiteSpace(To) && to is null)) return null;
        return new RolePeriod(School ?? "", from.Value, to);
    }

    /// <summary>What is wrong with the row as typed, or null.</summary>
    public string? Problem(DateOnly today)
    {
        if (UkDateTime.ParseDate(From) is null) return "Enter the first day of each period as dd/mm/yyyy.";
        if (!string.IsNullOrWhiteSpace(To) && UkDateTime.ParseDate(To) is null) return "Enter the last day as dd/mm/yyyy, or leave it empty while it goes on.";
        return ToPeriod()!.Problem(today);
    }

    public static PeriodRow Of(RolePeriod period) => new()
    {
        School = period.School,
        From = UkDateTime.Format(period.From),
        To = period.To is { } to ? UkDateTime.Format(to) : null,
    };
}

/// <summary>Input rules (is this a sensible answer?), separate from eligibility (does the answer qualify?).</summary>
public sealed class ApplicationFormValidator : AbstractValidator<ApplicationForm>
{
    public ApplicationFormValidator(SchemeDefinition scheme, bool renewal = false)
    {
        RuleFor(a => a.CurrentRole).NotNull().WithMessage("Choose your current role.");
        if (ApplicationForm.AsksForPeriods(scheme))
        {
            RuleFor(a => a.Periods).NotEmpty().WithMessage("Add each period you chaired a governing board: the school, the first day and the last.")
                .Must(p => p.Count <= RolePeriod.Most).WithMessage($"Enter at most {RolePeriod.Most} periods.");
            RuleFor(a => a).Must(a => a.Periods.All(p => p.Problem(a.Today) is null))
                .WithMessage(a => a.Periods.Select(p => p.Problem(a.Today)).First(p => p is not null)!)
                .OverridePropertyName(nameof(ApplicationForm.Periods));
        }
        else if (scheme.Eligibility.Needs(RuleKind.MinimumMonthsInRole))
        {
            RuleFor(a => a.Years).NotNull().WithMessage("Enter the number of whole years (0 if less than a year).")
                .InclusiveBetween(0, 50).WithMessage("Years must be a whole number from 0 to 50.");
            RuleFor(a => a.Months).NotNull().WithMessage("Enter the number of months (0 to 11).")
                .InclusiveBetween(0, 11).WithMessage("Months must be a whole number from 0 to 11.");
        }
        RuleForEach(a => a.Specialisms).Must(Specialisms.IsKnown).WithMessage("Choose specialisms from the DfE list.");
        RuleFor(a => a.SchoolUrn).NotNull().WithMessage("Enter your school's URN (the 6-digit number on Get Information about Schools).")
            .InclusiveBetween(100000, 999999).WithMessage("A URN is a 6-digit number.");
        RuleFor(a => a.SchoolName).NotNull().When(a => a.SchoolUrn is >= 100000 and <= 999999)
            .WithName(nameof(ApplicationForm.SchoolUrn)).OverridePropertyName(nameof(ApplicationForm.SchoolUrn))
            .WithMessage("No open school has this URN. Check the number on Get Information about Schools.");
        Statement(a => a.TrackRecord, nameof(ApplicationForm.TrackRecord), required: !renewal, "Write your statement of track record.");
        Statement(a => a.EvidenceOfImpact, nameof(ApplicationForm.EvidenceOfImpact), required: renewal, "Describe the impact of your work since you were designated.");
        Statement(a => a.Explanation, nameof(ApplicationForm.Explanation), required: false, "");
        if (scheme.ApplyWithExplanation || renewal)
            RuleFor(a => a.Explanation).NotEmpty().When(a => scheme.Eligibility.UnmetReasons(a.Profile).Count > 0)
                .WithMessage(renewal ? ApplicationWorkflow.RenewalExplanationNeeded : "Explain why you are applying although a rule is not met.");
        if (scheme.Type == DesignationType.TeachingSchool)
        {
            RuleFor(a => a.ProposedAllianceName).NotEmpty().WithMessage("Name the alliance your school will lead.")
                .MaximumLength(200).WithMessage("The alliance name must be 200 characters or fewer.")
                .Must(t => !PlainText.HasMarkup(t)).WithMessage(PlainText.MarkupMessage);
            RuleFor(a => a.FirstManagerEmail).NotEmpty().WithMessage("Give the email of the alliance's first manager.")
                .EmailAddress().WithMessage("Enter a valid email address.").MaximumLength(256);
        }
    }

    private void Statement(System.Linq.Expressions.Expression<Func<ApplicationForm, string?>> field, string name, bool required, string requiredMessage)
    {
        var rule = RuleFor(field);
        if (required) rule.NotEmpty().WithMessage(requiredMessage);
        rule.MaximumLength(ApplicationAnswers.MaxStatementLength)
            .WithMessage($"This must be {ApplicationAnswers.MaxStatementLength:N0} characters or fewer.")
            .Must(t => !PlainText.HasMarkup(t)).WithMessage(PlainText.MarkupMessage)
            .OverridePropertyName(name);
    }
}
