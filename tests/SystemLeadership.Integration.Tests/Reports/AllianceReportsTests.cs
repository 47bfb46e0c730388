using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Reports;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Reports;

/// <summary>
/// The alliance dashboard against hand-counted fixtures: the seeds' KPI (SLEs deployed within three months of
/// designation) at its boundary, the quarters of its trend, requests by state and days agreed.
/// </summary>
public class AllianceReportsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// Three SLEs: Ada designated 1 July and deployed from 1 October (exactly three months: counts); Bo designated
    /// 30 June and deployed from 1 October (three months and a day: does not); Cy designated 1 August, not deployed.
    /// </summary>
    private async Task<BrokerageWorld> ThreeLeadersAsync()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        await w.AddLeaderAsync("Bo", 20);
        await w.AddLeaderAsync("Cy", 20);
        await w.AgreedDeploymentAsync();
        var second = await w.AcceptedCommissionAsync();
        var proposal = await w.ProposalAwaitingHeadAsync(second.Id, "Bo");
        await w.Proposals.ConsentAsync(proposal.Id, w.Head);
        await DesignatedOnAsync(w.LeaderDesignationId, new DateOnly(2026, 7, 1));
        await DesignatedOnAsync(w.Leaders["Bo"].DesignationId, new DateOnly(2026, 6, 30));
        await DesignatedOnAsync(w.Leaders["Cy"].DesignationId, new DateOnly(2026, 8, 1));
        return w;
    }

    private async Task DesignatedOnAsync(Guid designationId, DateOnly start) =>
        Assert.Equal(1, await db.ExecuteAsAdminAsync("UPDATE \"Designations\" SET \"StartDate\" = @start WHERE \"Id\" = @id", ("start", start), ("id", designationId)));

    [Fact]
    public async Task The_kpi_counts_a_deployment_starting_exactly_three_months_after_designation_and_not_a_day_later()
    {
        var w = await ThreeLeadersAsync();
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        var figures = (await new AllianceReports(w.Factory(), w.Clock).ForAsync(w.Broker))!;

        Assert.Equal(3, figures.Kpi.Designated);
        Assert.Equal(1, figures.Kpi.DeployedWithinThreeMonths);
        Assert.Equal(1.0 / 3, figures.Kpi.Share, 3);
        Assert.Equal(new Figure("SLE", 3), Assert.Single(figures.LeadersByDesignation));
        Assert.Equal(16, figures.AgreedHalfDays);
        Assert.Equal(0, figures.LoggedHalfDays);
        // Every state in the workflow's order, each with its own count: both requests were brokered.
        Assert.Equal(Enum.GetValues<CommissionState>().Select(s => new Figure(CommissionWorkflow.Display(s), s == CommissionState.Brokered ? 2 : 0)),
            figures.RequestsByState);
    }

    [Fact]
    public async Task An_sle_joins_the_kpi_only_once_their_three_months_have_passed()
    {
        var w = await ThreeLeadersAsync();
        // 31 October: Ada (1 July) and Bo (30 June) have had their three months; Cy (1 August) has not.
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 31, 9, 0, 0, TimeSpan.Zero));

        var figures = (await new AllianceReports(w.Factory(), w.Clock).ForAsync(w.Broker))!;

        Assert.Equal(2, figures.Kpi.Designated);
        Assert.Equal(1, figures.Kpi.DeployedWithinThreeMonths);
    }

    [Fact]
    public async Task The_trend_shows_the_last_four_quarters_whose_windows_have_closed()
    {
        var w = await ThreeLeadersAsync();
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        var trend = (await new AllianceReports(w.Factory(), w.Clock).ForAsync(w.Broker))!.KpiTrend;

        // July–September 2026 is not closed until 31 December; April–June holds Bo alone, not deployed in time.
        Assert.Equal(["Jul–Sep 2025", "Oct–Dec 2025", "Jan–Mar 2026", "Apr–Jun 2026"], trend.Select(q => q.Quarter));
        Assert.Equal(new DeploymentKpi("Apr–Jun 2026", 1, 0), trend[^1]);
        Assert.All(trend.Take(3), q => Assert.Equal(0, q.Designated));
    }

    [Fact]
    public async Task Only_an_alliance_manager_gets_the_figures()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var reports = new AllianceReports(w.Factory(), w.Clock);
        Assert.Null(await reports.ForAsync(w.Leader));
        Assert.Null(await reports.ForAsync(w.Contact));
        Assert.Null(await reports.ForAsync(w.Head));
    }

    [Fact]
    public async Task Another_alliances_deployments_and_designations_are_not_counted()
    {
        var mine = await ThreeLeadersAsync();
        var other = await BrokerageWorld.CreateAsync(db);
        other.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        var figures = (await new AllianceReports(other.Factory(), other.Clock).ForAsync(other.Broker))!;

        Assert.Equal(new Figure("SLE", 1), Assert.Single(figures.LeadersByDesignation));
        Assert.Equal(0, figures.AgreedHalfDays);
        Assert.Equal(0, figures.RequestsByState.Sum(f => f.Value));
        Assert.NotEqual(mine.Tenant.Id, other.Tenant.Id);
    }

    [Fact]
    public async Task Leaders_are_placed_by_their_schools_local_authority_and_only_designations_ending_within_ninety_days_are_listed()
    {
        var w = await ThreeLeadersAsync();
        w.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var today = new DateOnly(2026, 12, 1);
        Assert.Equal(1, await db.ExecuteAsAdminAsync("UPDATE \"Schools\" SET \"LaName\" = 'North Yorkshire' WHERE \"Urn\" = @urn", ("urn", w.LeaderSchoolUrn)));
        Assert.Equal(3, await db.ExecuteAsAdminAsync("UPDATE \"Designations\" SET \"SchoolUrn\" = @urn WHERE \"TenantId\" = @tenant", ("urn", w.LeaderSchoolUrn), ("tenant", w.Tenant.Id)));
        // Bo's ends in 30 days (listed), Cy's in 120 (not yet), Ada's in four years.
        await db.ExecuteAsAdminAsync("UPDATE \"Designations\" SET \"EndDate\" = @end WHERE \"Id\" = @id", ("end", today.AddDays(30)), ("id", w.Leaders["Bo"].DesignationId));
        await db.ExecuteAsAdminAsync("UPDATE \"Designations\" SET \"EndDate\" = @end WHERE \"Id\" = @id", ("end", today.AddDays(120)), ("id", w.Leaders["Cy"].DesignationId));

        var figures = (await new AllianceReports(w.Factory(), w.Clock).ForAsync(w.Broker))!;

        Assert.Equal(new Figure("North Yorkshire", 3), Assert.Single(figures.LeadersByPlace));
        var expiring = Assert.Single(figures.Expiring);
        Assert.Equal((w.Leaders["Bo"].DesignationId, today.AddDays(30)), (expiring.Id, expiring.EndDate));
    }

    [Fact]
    public async Task Spend_by_term_adds_up_approved_and_paid_claims_and_never_drafts_or_submitted_ones()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        await w.RecordedVisitAsync(deployment.Id, new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero), 3);
        var claim = Assert.Single(await w.GenerateClaims.ForTermAsync(SchoolTerm.Of(new DateOnly(2026, 10, 1)), w.Broker));
        var reports = new AllianceReports(w.Factory(), w.Clock);
        Assert.Empty((await reports.ForAsync(w.Broker))!.SpendByTermPence);

        foreach (var (state, counted) in new[] { ("Submitted", false), ("Approved", true), ("Paid", true) })
        {
            await db.ExecuteAsAdminAsync("UPDATE \"Claims\" SET \"State\" = @state WHERE \"Id\" = @id", ("state", state), ("id", claim.Id));
            var spend = (await reports.ForAsync(w.Broker))!.SpendByTermPence;
            if (counted) Assert.Equal(new Figure(claim.TermKey, claim.TotalPence), Assert.Single(spend));
            else Assert.Empty(spend);
        }
    }
}
