using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Evaluations;
using SystemLeadership.Infrastructure.Reports;
using SystemLeadership.Infrastructure.Telemetry;
using SystemLeadership.Infrastructure.Tenancy;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Reports;

/// <summary>
/// The College's national dashboard against hand-counted fixtures in a database of its own: two alliances, each
/// counted once nationally and only its own in its alliance's dashboard; the national read changes nothing.
/// </summary>
public class NationalReportsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// Swaledale: Ada and Bo, each agreed for 8 half-days, raised on 1 September and agreed that day and ten days later;
    /// Ada gives one day, her deployment is completed and the school rates it 4 for capacity built. Fells: its own Ada, agreed
    /// for 6 half-days, unrated.
    /// </summary>
    internal static async Task<(BrokerageWorld Swaledale, BrokerageWorld Fells)> TwoAlliancesAsync(DatabaseFixture db)
    {
        var swaledale = await BrokerageWorld.CreateAsync(db);
        await swaledale.AddLeaderAsync("Bo", 20, ["Maths", "Science"]);
        var ada = await swaledale.AgreedDeploymentAsync();
        var second = await swaledale.AcceptedCommissionAsync();
        swaledale.Clock.Advance(TimeSpan.FromDays(10));
        var proposal = await swaledale.ProposalAwaitingHeadAsync(second.Id, "Bo");
        await swaledale.Proposals.ConsentAsync(proposal.Id, swaledale.Head);
        await swaledale.RecordedVisitAsync(ada.Id, new DateTimeOffset(2026, 10, 5, 8, 0, 0, TimeSpan.Zero), 2);
        await swaledale.Deployments.MoveAsync(ada.Id, (await swaledale.DeploymentAsync(ada.Id))!.Version, Domain.Deployments.DeploymentMove.Complete, swaledale.Broker);
        await swaledale.Quality.EvaluateDeploymentAsync(ada.Id, new DeploymentEvaluationForm([4, 4], "Better fluency", 4, true, ""), swaledale.Contact);

        var fells = await BrokerageWorld.CreateAsync(db);
        await fells.AgreedDeploymentAsync(halfDays: 6);
        return (swaledale, fells);
    }

    internal static TenantDbContextFactory College(BrokerageWorld w) => new(DatabaseSetup.Options(w.Db.Connections.App), TenantContext.For(w.Tenant.Id, "college-admin"));

    [Fact]
    public async Task The_nation_counts_every_alliance_once_and_an_alliance_only_its_own()
    {
        var (swaledale, fells) = await TwoAlliancesAsync(db);

        var nation = await new NationalReports(College(swaledale), swaledale.Clock, new MemoryCache(new MemoryCacheOptions())).CountAsync();

        Assert.Equal(new Figure("SLE", 3), Assert.Single(nation.LeadersByDesignation));
        Assert.Equal([new Figure("Maths", 3), new Figure("Science", 1)], nation.LeadersBySpecialism);
        Assert.Equal(3, nation.RequestsByState.Single(f => f.Label == CommissionWorkflow.Display(CommissionState.Brokered)).Value);
        Assert.Equal(8 + 8 + 6, nation.AgreedHalfDays);
        Assert.Equal(2, nation.LoggedHalfDays);
        // Ada's and Cy's requests were agreed the moment they were asked (a test clock); Bo's ten days after.
        Assert.Equal(3, nation.TimeToBroker.Brokered);
        Assert.Equal(10.0 / 3, nation.TimeToBroker.AverageDays!.Value, 3);
        Assert.Equal(1, nation.EvaluationRatings.Single(f => f.Label == "4 of 5").Value);
        Assert.Equal(1, nation.EvaluationRatings.Sum(f => f.Value));

        var own = (await new AllianceReports(fells.Factory(), fells.Clock).ForAsync(fells.Broker))!;
        Assert.Equal(new Figure("SLE", 1), Assert.Single(own.LeadersByDesignation));
        Assert.Equal(6, own.AgreedHalfDays);
        Assert.Equal(0, own.EvaluationRatings.Sum(f => f.Value));
    }

}

/// <summary>The national read is SELECT only: the College's dashboard can change no alliance's brokerage records.</summary>
public class NationalReadTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_national_read_cannot_change_an_alliances_request_or_deployment()
    {
        var (swaledale, _) = await NationalReportsTests.TwoAlliancesAsync(db);

        await using var context = NationalReportsTests.College(swaledale).NationalRegister();
        Assert.NotEmpty(await context.Set<Commission>().IgnoreQueryFilters().ToListAsync());
        // Raw commands on the register's own connection, in a transaction that carries its settings (the national read).
        await using var transaction = await context.Database.BeginTransactionAsync();
        var connection = context.Database.GetDbConnection();
        foreach (var table in new[] { "Commissions", "Proposals", "Deployments", "DeploymentEvaluations", "Claims" })
        {
            // The fixture makes no claim; every other table has rows the national read must see before it may not change them.
            if (table != "Claims") Assert.True(await CountAsync(connection, $"SELECT count(*) FROM \"{table}\"") > 0, $"{table}: the national read sees no row");
            Assert.Equal(0, await ExecuteAsync(connection, $"UPDATE \"{table}\" SET \"TenantId\" = \"TenantId\""));
            Assert.Equal(0, await ExecuteAsync(connection, $"DELETE FROM \"{table}\""));
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "SQL written by the tests.")]
    private static async Task<long> CountAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "SQL written by the tests.")]
    private static async Task<int> ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The College's dashboard counts the nation once in a while, not on every visit (a database of its own: it adds an alliance).</summary>
public class NationalFiguresKeptTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>Two alliances, and the College's reports over them with a cache of their own.</summary>
    private async Task<(BrokerageWorld Swaledale, NationalReports Reports)> CollegeOfTwoAlliancesAsync()
    {
        var (swaledale, _) = await NationalReportsTests.TwoAlliancesAsync(db);
        return (swaledale, new NationalReports(NationalReportsTests.College(swaledale), swaledale.Clock, new MemoryCache(new MemoryCacheOptions { SizeLimit = 10 })));
    }

    [Fact]
    public async Task The_nations_figures_are_kept_for_five_minutes_then_shown_while_counted_again_for_the_next_visit()
    {
        var (swaledale, reports) = await CollegeOfTwoAlliancesAsync();

        var counting = DatabaseRoundTrips.Begin();
        var first = await reports.FiguresAsync();
        Assert.True(counting.Count > 0);

        await (await BrokerageWorld.CreateAsync(db)).AgreedDeploymentAsync(halfDays: 4);
        swaledale.Clock.Advance(TimeSpan.FromMinutes(4));
        var keeping = DatabaseRoundTrips.Begin();
        var kept = await reports.FiguresAsync();
        Assert.Same(first, kept);
        Assert.Equal(0, keeping.Count);

        // Past five minutes the visit still gets the kept figures at once; the count it started serves the next visit.
        swaledale.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Same(first, await reports.FiguresAsync());
        var again = await NextCountAsync(reports, first);
        Assert.Equal(first.Figures.AgreedHalfDays + 4, again.Figures.AgreedHalfDays);
        Assert.Equal(swaledale.Clock.GetUtcNow(), again.CountedAt);
    }

    [Fact]
    public async Task Figures_older_than_an_hour_are_not_shown_the_visit_waits_for_a_new_count()
    {
        var (swaledale, reports) = await CollegeOfTwoAlliancesAsync();
        var first = await reports.FiguresAsync();

        await (await BrokerageWorld.CreateAsync(db)).AgreedDeploymentAsync(halfDays: 2);
        swaledale.Clock.Advance(NationalReports.ShownWhileCounted);
        var counted = await reports.FiguresAsync();
        Assert.Equal(first.Figures.AgreedHalfDays + 2, counted.Figures.AgreedHalfDays);
        Assert.Equal(swaledale.Clock.GetUtcNow(), counted.CountedAt);
    }

    [Fact]
    public async Task Visits_together_with_nothing_kept_start_one_count_between_them()
    {
        var (swaledale, reports) = await CollegeOfTwoAlliancesAsync();
        var visits = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => reports.FiguresAsync())));
        Assert.All(visits, v => Assert.Same(visits[0], v));
    }

    /// <summary>The figures once the count a visit started in the background has finished (at most 10 s).</summary>
    private static async Task<NationalFigures> NextCountAsync(NationalReports reports, NationalFigures shown)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            var now = await reports.FiguresAsync();
            if (!ReferenceEquals(now, shown)) return now;
            await Task.Delay(20);
        }
        throw new TimeoutException("The background count did not finish in 10 s");
    }
}
