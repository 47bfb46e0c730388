using FluentValidation;
using SystemLeadership.Domain.Common;

namespace SystemLeadership.Web.Components.Designations.Panels;

/// <summary>The applicant's request for a reference: who the referee is and where to email them.</summary>
public sealed class RefereeInput
{
    public string? Name { get; set; }
    public string? Email { get; set; }
}

public sealed class RefereeValidator : AbstractValidator<RefereeInput>
{
    public RefereeValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("Enter your referee's name.")
            .MaximumLength(200).WithMessage("The name must be at most 200 characters.")
            .Must(n => !PlainText.HasMarkup(n)).WithMessage(PlainText.MarkupMessage);
        RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your referee's email address.")
            .EmailAddress().WithMessage("Enter an email address like name@school.org.uk.")
            .MaximumLength(256).WithMessage("The email address must be at most 256 characters.");
    }
}
