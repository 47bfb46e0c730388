using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Documents;

namespace SystemLeadership.Infrastructure.Reimbursement;

/// <summary>The claim statement PDF for the leader's school.</summary>
public static class ClaimStatement
{
    public static byte[] Render(Claim claim, string allianceName, DateTimeOffset generatedAt)
    {
        var term = SchoolTerm.Parse(claim.TermKey);
        var document = new PdfDocumentBuilder($"Claim statement: {claim.SchoolName}", generatedAt)
        {
            Subject = $"Reimbursement for {term}",
            HeaderNote = allianceName,
            FooterNote = $"Claim {claim.Id.ToString("D").ToUpperInvariant()}",
        };
        document
            .Heading("Reimbursement claim statement", HeadingLevel.Title)
            .KeyValues(
                ("School", $"{claim.SchoolName} (URN {claim.SchoolUrn})"),
                ("Term", term.ToString()),
                ("Status", ClaimWorkflow.Display(claim.State)),
                ("Days", HalfDays.Describe(claim.TotalHalfDays)),
                ("Total", Money.Format(claim.TotalPence)),
                ("Payment reference", claim.PaymentReference ?? "Not yet paid"))
            .Heading("Days claimed")
            .Table(["Date", "Leader", "Supported school", "Days", "Day rate", "Amount"],
                claim.Lines.OrderBy(l => l.Date).Select(l => (IReadOnlyList<string>)
                [
                    DesignationLetter.LongDate(l.Date), l.LeaderName, l.SupportedSchoolName, HalfDays.Describe(l.HalfDays),
                    Money.Format(l.DayRatePence), Money.Format(l.AmountPence),
                ]), [1.3f, 1.4f, 1.6f, 0.9f, 1f, 1f])
            .Paragraph($"Total claimed: {Money.Format(claim.TotalPence)}", bold: true, align: TextAlignment.Right)
            .Paragraph("Reimbursed pro rata by the half day at the scheme's day rates: £300 a day, £400 for headteachers.", muted: true);
        return document.Build();
    }
}
