using Ical.Net;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Infrastructure.Deployments;

namespace SystemLeadership.Integration.Tests.Deployments;

/// <summary>The .ics file for a visit, read back with Ical.Net as a calendar application would.</summary>
public class VisitCalendarTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 9, 0, 0, 123, TimeSpan.Zero);

    private static Deployment ActiveDeployment()
    {
        var commission = new Commission(Guid.NewGuid(), 100, "Ash Primary, Leyburn", "contact-1", "Cal Contact", "cal@ash.sch.uk",
            CommissionerKind.LocalAuthority, "North Yorkshire LA", "la@northyorks.gov.uk", "cal@ash.sch.uk", "North Yorkshire LA",
            new SupportNeed(["Maths"], "Primary", [DesignationType.SpecialistLeaderOfEducation], [], PriorityReasons.BelowFloorStandard,
                new DateOnly(2026, 10, 1), 8, 8), Now);
        var proposal = new Proposal(commission,
            new ProposedLeader(Guid.NewGuid(), Guid.NewGuid(), "leader-1", "Ada Leader", "ada@beck.sch.uk", 200, "Beck School", false,
                "Hal Head", "hal@beck.sch.uk", 30_000, DesignationType.SpecialistLeaderOfEducation),
            new ProposalTerms(["Raise maths attainment in year 6", "Coach the maths lead; weekly"], "Year 6 maths at expected standard",
                "Coaching the maths lead", [], 8, "Half a day a week", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30)), Now);
        proposal.Apply(ProposalMove.Propose, BrokerageRole.Broker, Now);
        foreach (var party in Proposal.ConsentingParties) proposal.Apply(ProposalMove.Consent, party, Now);
        return new Deployment(proposal, commission);
    }

    [Fact]
    public void The_file_reads_back_as_one_event_with_the_visits_times_place_and_a_uid_per_visit()
    {
        var deployment = ActiveDeployment();
        // 9:00 in London during British Summer Time is 8:00 UTC; three half days end at lunchtime the next day.
        var visit = new Visit(deployment, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.FromHours(1)), 3, "Ash Primary, Room 4; Hall");

        var ics = VisitCalendar.Write(visit, deployment, Now, "app.test");

        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20261005T080000Z", ics, StringComparison.Ordinal);
        var calendar = Calendar.Load(ics)!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal($"{visit.Id:D}@app.test", e.Uid);
        Assert.Equal(new DateTime(2026, 10, 5, 8, 0, 0, DateTimeKind.Utc), e.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 10, 6, 11, 30, 0, DateTimeKind.Utc), e.DtEnd!.AsUtc);
        Assert.Equal("Support visit: Ada Leader at Ash Primary, Leyburn", e.Summary);
        Assert.Equal("Ash Primary, Room 4; Hall", e.Location);
        Assert.Equal("System leadership support visit. Objectives: Raise maths attainment in year 6; Coach the maths lead; weekly", e.Description);
        Assert.Equal("CONFIRMED", e.Status);

        // Downloaded again later, the file describes the same event, so a calendar updates it instead of adding another.
        visit.Cancel();
        var again = Assert.Single(Calendar.Load(VisitCalendar.Write(visit, deployment, Now.AddDays(3), "app.test"))!.Events);
        Assert.Equal(e.Uid, again.Uid);
        Assert.Equal("CANCELLED", again.Status);
        Assert.NotEqual(e.Uid, Assert.Single(Calendar.Load(VisitCalendar.Write(
            new Visit(deployment, visit.StartsAt, 3, visit.Location), deployment, Now, "app.test"))!.Events).Uid);
    }
}
