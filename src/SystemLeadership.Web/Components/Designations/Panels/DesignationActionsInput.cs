using FluentValidation;
using SystemLeadership.Web.Components.Shared;
using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Web.Components.Designations.Panels;

/// <summary>Suspending a designation: why, sent to the holder and kept in the history.</summary>
public sealed class SuspendInput
{
    public string? Note { get; set; }
}

public sealed class SuspendValidator : AbstractValidator<SuspendInput>
{
    public SuspendValidator()
    {
        RuleFor(s => s.Note).NotEmpty().WithMessage("Say why the designation is suspended.")
            .Must(n => !PlainText.HasMarkup(n)).WithMessage(PlainText.MarkupMessage)
            .MaximumLength(4000).WithMessage("Keep it to 4,000 characters or fewer.");
    }
}

/// <summary>De-designation (004): the reason, what led to it, and the date it takes effect (today when left empty).</summary>
public sealed class DeDesignationInput
{
    public DeDesignationReason? Reason { get; set; }
    public string? Note { get; set; }
    /// <summary>As typed (dd/mm/yyyy); empty for today.</summary>
    public string? Effective { get; set; }

    public DateOnly? EffectiveDate => UkDateTime.ParseDate(Effective);
}

public sealed class DeDesignationValidator : AbstractValidator<DeDesignationInput>
{
    public DeDesignationValidator(Designation designation, DateOnly today)
    {
        RuleFor(d => d.Reason).NotNull().WithMessage("Choose the reason for de-designation.");
        RuleFor(d => d.Note).NotEmpty().WithMessage("Say what led to the de-designation.")
            .Must(n => !PlainText.HasMarkup(n)).WithMessage(PlainText.MarkupMessage)
            .MaximumLength(4000).WithMessage("Keep it to 4,000 characters or fewer.");
        RuleFor(d => d.Effective).Must(e => string.IsNullOrWhiteSpace(e) || UkDateTime.ParseDate(e) is not null)
            .WithMessage("Enter the date as dd/mm/yyyy, or leave it empty for today.");
        RuleFor(d => d.EffectiveDate).Must(d => d is null || d <= today).WithMessage("The date cannot be in the future.")
            .Must(d => d is null || d >= designation.StartDate).WithMessage("The date cannot be before the designation began.")
            .OverridePropertyName(nameof(DeDesignationInput.Effective));
    }
}
