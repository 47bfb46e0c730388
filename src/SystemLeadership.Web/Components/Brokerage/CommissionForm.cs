using SystemLeadership.Domain.Tenancy;
using FluentValidation;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Components.Brokerage;

/// <summary>What the requester types into the support request form, before it becomes a commission.</summary>
public sealed class CommissionForm
{
    public int? SchoolUrn { get; set; }
    /// <summary>Filled from GIAS when the URN is looked up; never typed.</summary>
    public string? SchoolName { get; set; }
    public string? SchoolPhase { get; set; }
    public CommissionerKind? CommissionerKind { get; set; }
    public string? CommissionerName { get; set; }
    public string? CommissionerEmail { get; set; }
    public string? SupportedSchoolContactEmail { get; set; }
    public string? FunderName { get; set; }
    public HashSet<string> Specialisms { get; set; } = [];
    public string? Phase { get; set; }
    public HashSet<DesignationType> DesignationTypes { get; set; } = [];
    public PriorityReasons Priority { get; set; }
    /// <summary>A UK date, dd/mm/yyyy (see <see cref="UkDateTime"/>).</summary>
    public string? DesiredStart { get; set; }
    public int? LengthWeeks { get; set; }
    public decimal? Days { get; set; }

    public static readonly IReadOnlyList<string> Phases = ["Nursery", "Primary", "Secondary", "All-through", "Not applicable"];

    public static readonly IReadOnlyList<DesignationType> Types =
    [
        DesignationType.SpecialistLeaderOfEducation, DesignationType.AllianceSystemLeader, DesignationType.LocalLeaderOfEducation,
        DesignationType.NationalLeaderOfEducation, DesignationType.NationalLeaderOfGovernance,
    ];

    public static string Describe(DesignationType type) => type switch
    {
        DesignationType.SpecialistLeaderOfEducation => "Specialist leader of education (SLE)",
        DesignationType.AllianceSystemLeader => "Alliance system leader",
        DesignationType.LocalLeaderOfEducation => "Local leader of education (LLE)",
        DesignationType.NationalLeaderOfEducation => "National leader of education (NLE)",
        DesignationType.NationalLeaderOfGovernance => "National leader of governance (NLG)",
        DesignationType.NationalSupportSchool => "National support school",
        DesignationType.TeachingSchool => "Teaching school",
        _ => "Alliance scheme",
    };

    public static string Describe(CommissionerKind kind) => CommissionerKinds.Name(kind);

    public static string Describe(PriorityReasons reason) => reason switch
    {
        PriorityReasons.BelowFloorStandard => "Below the floor standard",
        PriorityReasons.Vulnerable => "Vulnerable to decline",
        PriorityReasons.NewFirstTimeHeadteacher => "New, first-time headteacher",
        _ => reason.ToString(),
    };

    /// <summary>Sensible defaults for the person asking: a school contact usually asks, and pays, for their own school.</summary>
    public static CommissionForm For(Actor actor) => actor.Is(Domain.Tenancy.TenantRoles.SchoolContact)
        ? new() { CommissionerKind = Domain.Brokerage.CommissionerKind.School, CommissionerName = actor.Name, CommissionerEmail = actor.Email, SupportedSchoolContactEmail = actor.Email }
        : new() { CommissionerName = actor.Name, CommissionerEmail = actor.Email };

    public DateOnly? Start => UkDateTime.ParseDate(DesiredStart);

    /// <summary>This form's key, sent with it: sending it again (after an error whose answer was lost) raises one request, not two.</summary>
    public Guid RequestKey { get; } = Guid.NewGuid();

    public CommissionRequest ToRequest() => new(SchoolUrn!.Value, CommissionerKind!.Value, CommissionerName!.Trim(), CommissionerEmail!.Trim(),
        SupportedSchoolContactEmail!.Trim(), FunderName!.Trim(),
        new SupportNeed([.. Specialisms], string.IsNullOrWhiteSpace(Phase) ? null : Phase, [.. DesignationTypes], [], Priority,
            Start!.Value, LengthWeeks!.Value, HalfDays.FromDays(Days!.Value)), RequestKey);
}

/// <summary>Input rules for a support request: each message is shown next to its field.</summary>
public sealed class CommissionFormValidator : AbstractValidator<CommissionForm>
{
    public CommissionFormValidator(DateOnly today)
    {
        RuleFor(f => f.SchoolUrn).NotNull().WithMessage("Enter the school's URN (the 6-digit number on Get Information about Schools).")
            .InclusiveBetween(100000, 999999).WithMessage("A URN is a 6-digit number.");
        RuleFor(f => f.SchoolName).NotNull().When(f => f.SchoolUrn is >= 100000 and <= 999999)
            .OverridePropertyName(nameof(CommissionForm.SchoolUrn))
            .WithMessage("No open school has this URN. Check the number on Get Information about Schools.");
        RuleFor(f => f.CommissionerKind).NotNull().WithMessage("Say who is commissioning the support.");
        Text(f => f.CommissionerName, "Give the commissioner's name.", 200);
        Email(f => f.CommissionerEmail, "Give the commissioner's email address.");
        Email(f => f.SupportedSchoolContactEmail, "Give the email of the supported school's contact.");
        Text(f => f.FunderName, "Say who funds the support.", 200);
        RuleFor(f => f.Specialisms).NotEmpty().WithMessage("Choose at least one area of expertise.");
        RuleFor(f => f.Specialisms).Must(s => s.All(Domain.Designations.Specialisms.IsKnown)).WithMessage("Choose areas from the DfE list.");
        RuleFor(f => f.DesiredStart).NotEmpty().WithMessage("Choose when the support should start.")
            .Must((f, _) => f.Start is not null).WithMessage("Enter a real date.")
            .Must((f, _) => f.Start is not { } s || s >= today).WithMessage("The start must be today or later.")
            .Must((f, _) => f.Start is not { } s || s <= today.AddYears(2)).WithMessage("The start must be within the next two years.");
        RuleFor(f => f.LengthWeeks).NotNull().WithMessage("Say how many weeks the support should last.")
            .InclusiveBetween(1, 156).WithMessage("The length is from 1 to 156 weeks (three years).");
        // No fixed cap on days (003: an NLE up to full time for one to three years): at most full time over the weeks.
        RuleFor(f => f.Days).NotNull().WithMessage("Say how many days of support are wanted.")
            .GreaterThanOrEqualTo(0.5m).WithMessage("Ask for at least half a day.")
            .Must((f, d) => d is null || f.LengthWeeks is not (>= 1 and <= 156) || d <= 5 * f.LengthWeeks)
            .WithMessage(f => $"That is more than full time over {f.LengthWeeks} weeks (at most {5 * f.LengthWeeks} days).")
            .Must(d => d is null || d * 2 == decimal.Truncate(d.Value * 2)).WithMessage("Days are whole or half days, like 4 or 4.5.");
    }

    private void Text(System.Linq.Expressions.Expression<Func<CommissionForm, string?>> field, string required, int max) =>
        RuleFor(field).NotEmpty().WithMessage(required)
            .MaximumLength(max).WithMessage($"Use {max} characters or fewer.")
            .Must(t => !PlainText.HasMarkup(t)).WithMessage(PlainText.MarkupMessage);

    private void Email(System.Linq.Expressions.Expression<Func<CommissionForm, string?>> field, string required) =>
        RuleFor(field).NotEmpty().WithMessage(required)
            .EmailAddress().WithMessage("Enter an email address like name@school.org.uk.")
            .MaximumLength(256).WithMessage("Use 256 characters or fewer.");
}
