using SystemLeadership.Domain.Common;
using System.Globalization;
using SystemLeadership.Domain.Designations;

namespace SystemLeadership.Infrastructure.Documents;

/// <summary>The letter confirming a person's designation, as a PDF they can keep and show their school.</summary>
public static class DesignationLetter
{
    public static byte[] Render(Designation designation, string allianceName, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(designation);
        ArgumentException.ThrowIfNullOrWhiteSpace(allianceName);

        var designationName = $"{designation.SchemeName} ({designation.SchemeShortName})";
        var start = LongDate(designation.StartDate);
        var end = designation.EndDate is { } endDate ? LongDate(endDate) : "No fixed end date";
        var training = designation.Training.Count == 0 ? "None" : string.Join("; ", designation.Training.Select(t => t.Name));
        var reference = designation.Id.ToString("D", CultureInfo.InvariantCulture).ToUpperInvariant();

        var document = new PdfDocumentBuilder($"Designation letter: {designation.HolderName}", generatedAt)
        {
            Subject = $"{designationName} designation for {designation.HolderName}",
            HeaderNote = allianceName,
            FooterNote = $"Reference {reference}",
        };

        document
            .Paragraph(LongDate(UkTime.Day(generatedAt)), muted: true, align: TextAlignment.Right)
            .Heading("Designation letter", HeadingLevel.Title)
            .Paragraph($"Dear {designation.HolderName},")
            .Paragraph(
                $"On behalf of {allianceName}, I am delighted to confirm that you have been designated as a " +
                $"{designation.SchemeName.ToLowerInvariant()} ({designation.SchemeShortName}). Your designation recognises your expertise " +
                "and your record as a leader, and means that schools in our alliance and beyond can ask for your " +
                "support in the areas below, working alongside their leaders to improve outcomes for pupils.")
            .Heading("Your designation", HeadingLevel.Section)
            .KeyValues(
                ("Name", designation.HolderName),
                ("Designation", designationName),
                ("Specialisms", designation.Specialisms.Count == 0 ? "None recorded" : string.Join("\n", designation.Specialisms)),
                ("Start date", start),
                ("End date", end),
                ("Induction and training", training),
                ("School", designation.SchoolName ?? "Not recorded"),
                ("Designated by", designation.DesignatedByName),
                ("Reference", reference))
            .Heading("What happens next", HeadingLevel.Section)
            .Paragraph(
                $"Before your first deployment, please complete the induction and training: {Lower(training)}. " +
                "We will then be in touch as schools ask for support in your specialisms; each deployment is agreed " +
                "with you and your headteacher before it begins.")
            .Paragraph(
                (designation.EndDate is null
                    ? $"Your designation runs from {start} and has no fixed end date. "
                    : $"Your designation runs from {start} and the designation period ends on {end}. We will contact you before then about renewing it. ") +
                "If your role or school changes in the meantime, " +
                "please let us know, as it may affect your designation.")
            .Paragraph("Thank you for the contribution you will make to schools across the alliance.")
            .Paragraph("Yours sincerely,")
            .Space(10)
            .Paragraph(designation.DesignatedByName, bold: true)
            .Paragraph($"On behalf of {allianceName}", muted: true);

        return document.Build();
    }

    /// <summary>
    /// "24 November 2026", the en-GB long date. The pattern is explicit and the invariant culture's month names are the
    /// English ones, so the result is the same on a server without ICU culture data.
    /// </summary>
    public static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Lower(string phrase) =>
        phrase.Length == 0 ? phrase : char.ToLowerInvariant(phrase[0]) + phrase[1..];
}
