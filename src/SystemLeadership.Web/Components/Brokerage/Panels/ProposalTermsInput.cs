using FluentValidation;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Web.Components.Shared;

namespace SystemLeadership.Web.Components.Brokerage.Panels;

/// <summary>The broker's draft of a proposal: objectives, impact, approach, colleagues, the days and their spread, and the dates.</summary>
public sealed class ProposalTermsInput
{
    public string? Objectives { get; set; }
    public string? ExpectedImpact { get; set; }
    public string? SupportApproach { get; set; }
    public string? Colleagues { get; set; }
    public decimal? Days { get; set; }
    public string? Pattern { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }

    public List<string> ObjectiveList => Lines(Objectives);
    public DateOnly? StartDate => UkDateTime.ParseDate(Start);
    public DateOnly? EndDate => UkDateTime.ParseDate(End);
    public int? HalfDays => HalfDayInput.HalfDays(Days);

    public ProposalTerms ToTerms() => new(ObjectiveList, ExpectedImpact ?? "", SupportApproach ?? "", Lines(Colleagues),
        HalfDays!.Value, Pattern ?? "", StartDate!.Value, EndDate!.Value);

    public static ProposalTermsInput From(Proposal p) => new()
    {
        Objectives = string.Join("\n", p.Objectives),
        ExpectedImpact = p.ExpectedImpact,
        SupportApproach = p.SupportApproach,
        Colleagues = string.Join("\n", p.Colleagues),
        Days = p.HalfDays / 2m,
        Pattern = p.Pattern,
        Start = UkDateTime.Format(p.Start),
        End = UkDateTime.Format(p.End),
    };

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}

public sealed class ProposalTermsValidator : AbstractValidator<ProposalTermsInput>
{
    public ProposalTermsValidator()
    {
        RuleFor(f => f.ObjectiveList).NotEmpty().WithMessage("Write at least one objective.").OverridePropertyName(nameof(ProposalTermsInput.Objectives));
        RuleFor(f => f.Objectives).MaximumLength(4000).WithMessage("Keep the objectives to 4,000 characters or fewer.");
        RuleFor(f => f.ExpectedImpact).NotEmpty().WithMessage("Describe the impact expected.").MaximumLength(4000).WithMessage("Keep it to 4,000 characters or fewer.");
        RuleFor(f => f.SupportApproach).NotEmpty().WithMessage("Describe the support approach.").MaximumLength(4000).WithMessage("Keep it to 4,000 characters or fewer.");
        RuleFor(f => f.Colleagues).MaximumLength(2000).WithMessage("Keep the list to 2,000 characters or fewer.");
        RuleFor(f => f.HalfDays).NotNull().WithMessage("Give the days as whole or half days, like 4 or 4.5.").OverridePropertyName(nameof(ProposalTermsInput.Days));
        RuleFor(f => f.Pattern).NotEmpty().WithMessage("Say how the days are spread, like half a day a week.").MaximumLength(300).WithMessage("Keep it to 300 characters or fewer.");
        RuleFor(f => f.StartDate).NotNull().WithMessage("Choose the start date.").OverridePropertyName(nameof(ProposalTermsInput.Start));
        RuleFor(f => f.EndDate).NotNull().WithMessage("Choose the end date.")
            .Must((f, end) => end is null || f.StartDate is not { } start || end >= start).WithMessage("The end must be on or after the start.")
            .OverridePropertyName(nameof(ProposalTermsInput.End));
    }
}
