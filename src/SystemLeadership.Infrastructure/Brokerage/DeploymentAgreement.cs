using SystemLeadership.Domain.Common;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Reimbursement;
using SystemLeadership.Infrastructure.Documents;

namespace SystemLeadership.Infrastructure.Brokerage;

/// <summary>The deployment agreement for all parties: what was agreed, by whom and when.</summary>
public static class DeploymentAgreement
{
    public static byte[] Render(Proposal proposal, Commission commission, string allianceName, DateTimeOffset generatedAt)
    {
        if (proposal.State != ProposalState.Agreed) throw new InvalidOperationException("Only an agreed proposal has an agreement.");
        var document = new PdfDocumentBuilder($"Deployment agreement: {commission.SchoolName}", generatedAt)
        {
            Subject = $"Support for {commission.SchoolName} by {proposal.LeaderName}",
            HeaderNote = allianceName,
            FooterNote = $"Reference {proposal.Id.ToString("D").ToUpperInvariant()}",
        };
        document
            .Heading("Deployment agreement", HeadingLevel.Title)
            .Paragraph($"This agreement records the school-to-school support brokered by {allianceName} and agreed by every party below.")
            .Heading("The parties")
            .KeyValues(
                ("Supported school", $"{commission.SchoolName} (URN {commission.SchoolUrn})"),
                ("Commissioner", $"{commission.CommissionerName} ({CommissionerKinds.Name(commission.CommissionerKind)})"),
                ("System leader", $"{proposal.LeaderName}, {proposal.LeaderSchoolName}"),
                (proposal.LeaderIsHeadteacher ? "Chair of governors" : "Leader's headteacher", proposal.HeadteacherName),
                ("Other colleagues", proposal.Colleagues.Count == 0 ? "None" : string.Join("\n", proposal.Colleagues)),
                ("Broker", allianceName))
            .Heading("Objectives and expected impact");
        for (var i = 0; i < proposal.Objectives.Count; i++) document.Paragraph($"{i + 1}. {proposal.Objectives[i]}");
        document
            .Paragraph($"Expected impact: {proposal.ExpectedImpact}")
            .Heading("Support approach")
            .Paragraph(proposal.SupportApproach)
            .Heading("Time commitment")
            .KeyValues(
                ("Days", HalfDays.Describe(proposal.HalfDays)),
                ("Pattern", proposal.Pattern),
                ("Start", Long(proposal.Start)),
                ("End", Long(proposal.End)))
            .Heading("Financial terms")
            .KeyValues(
                ("Day rate", $"{Money.Format(proposal.DayRatePence)} a day, pro rata by the half day"),
                ("Total", Money.Format(proposal.TotalPence)),
                ("Funded by", proposal.FunderName),
                ("Paid to", $"{proposal.LeaderSchoolName}, claimed each term for the days logged"))
            .Heading("Agreed by")
            .Table(["Party", "Name", "Agreed"],
            [
                ["System leader", proposal.LeaderName, When(proposal.LeaderConsentAt)],
                [proposal.LeaderIsHeadteacher ? "Chair of governors" : "Headteacher", proposal.HeadteacherName, When(proposal.HeadteacherConsentAt)],
                ["Supported school", commission.SchoolName, When(proposal.SupportedSchoolConsentAt)],
                ["Commissioner", commission.CommissionerName, When(proposal.CommissionerConsentAt)],
            ], [1.2f, 2f, 1.2f])
            .Paragraph("For each visit the leader completes a Visit Record Form for the supported school and a Visit Evaluation Form " +
                "for their headteacher and the alliance manager. At the end the supported school completes the Deployment Evaluation Form.", muted: true);
        return document.Build();
    }

    internal static string Long(DateOnly date) => DesignationLetter.LongDate(date);

    private static string When(DateTimeOffset? at) => at is { } a ? Long(UkTime.Day(a)) : "Not yet";
}
