using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Deployments;

/// <summary>The broker's grid of every visit: paged, sorted and filtered in SQL, the alliance's own only, its brokers' only.</summary>
public class VisitGridTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset First = new(2026, 10, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// One visit scheduled through the product and <paramref name="copies"/> more like it, a day apart before it, at "Room
    /// 001"…; the first <paramref name="recorded"/> copies recorded, the next <paramref name="cancelled"/> cancelled. Copied in
    /// SQL. Another alliance has a visit of its own, never listed here.
    /// </summary>
    private async Task<BrokerageWorld> VisitsAsync(int copies, int recorded, int cancelled)
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var deployment = await w.AgreedDeploymentAsync();
        var visit = (await w.Visits.ScheduleVisitAsync(deployment.Id, First, 1, "Ash Primary", w.Leader)).Visit;
        await using (var admin = db.NewAdminContext())
        {
            await admin.Database.ExecuteSqlAsync($"""
                INSERT INTO "Visits"
                SELECT (jsonb_populate_record(v, jsonb_build_object(
                    'Id', gen_random_uuid(), 'StartsAt', v."StartsAt" - make_interval(days => n.i), 'Location', 'Room ' || lpad(n.i::text, 3, '0'),
                    'State', CASE WHEN n.i <= {recorded} THEN 'Recorded' WHEN n.i <= {recorded + cancelled} THEN 'Cancelled' ELSE v."State" END))).*
                FROM "Visits" v, generate_series(1, {copies}) AS n(i) WHERE v."Id" = {visit.Id}
                """);
        }
        var other = await BrokerageWorld.CreateAsync(db);
        await other.Visits.ScheduleVisitAsync((await other.AgreedDeploymentAsync()).Id, First, 1, "Elsewhere", other.Leader);
        return w;
    }

    [Fact]
    public async Task A_page_of_twenty_five_visits_comes_back_with_the_alliances_count_latest_first_and_sorts_and_filters_in_sql()
    {
        var w = await VisitsAsync(copies: 60, recorded: 40, cancelled: 5);
        var grid = new VisitGrid(w.Factory(), w.Clock);

        var first = (await grid.PageAsync(w.Broker, new VisitFilter(), new PageRequest()))!;
        Assert.Equal((61, 25, 3), (first.Total, first.Rows.Count, first.Pages));
        Assert.Equal("Ash Primary", first.Rows[0].Location);
        Assert.True(first.Rows[0].StartsAt > first.Rows[^1].StartsAt);
        var earliest = (await grid.PageAsync(w.Broker, new VisitFilter(), new PageRequest(Sort: "date")))!;
        Assert.Equal("Room 060", earliest.Rows[0].Location);

        Assert.Equal(40, (await grid.PageAsync(w.Broker, new VisitFilter(VisitState.Recorded), new PageRequest()))!.Total);
        Assert.Equal(5, (await grid.PageAsync(w.Broker, new VisitFilter(VisitState.Cancelled), new PageRequest()))!.Total);
        Assert.Equal(0, (await grid.PageAsync(w.Broker, new VisitFilter(Search: "No such school"), new PageRequest()))!.Total);
        var bySchool = (await grid.PageAsync(w.Broker, new VisitFilter(Search: first.Rows[0].SchoolName[..5].ToUpperInvariant()), new PageRequest()))!;
        Assert.Equal(61, bySchool.Total);

        // In the workflow's order: scheduled, recorded, cancelled.
        var byState = (await grid.PageAsync(w.Broker, new VisitFilter(), new PageRequest(Size: 100, Sort: "state")))!;
        Assert.Equal([.. Enumerable.Repeat(VisitState.Scheduled, 16), .. Enumerable.Repeat(VisitState.Recorded, 40), .. Enumerable.Repeat(VisitState.Cancelled, 5)],
            byState.Rows.Select(r => r.State));
    }

    [Fact]
    public async Task Only_the_alliances_brokers_have_the_visits_and_another_alliances_broker_sees_only_their_own()
    {
        var w = await VisitsAsync(copies: 2, recorded: 1, cancelled: 0);
        Assert.Null(await new VisitGrid(w.Factory(), w.Clock).PageAsync(w.Leader, new VisitFilter(), new PageRequest()));
        Assert.Null(await new VisitGrid(w.Factory(), w.Clock).PageAsync(w.Contact, new VisitFilter(), new PageRequest()));
        Assert.Null(await new VisitGrid(w.Factory(), w.Clock).ExportAsync(w.Head, new VisitFilter(), null, false));

        var other = await BrokerageWorld.CreateAsync(db);
        await other.Visits.ScheduleVisitAsync((await other.AgreedDeploymentAsync()).Id, First, 2, "Their school", other.Leader);
        var theirs = (await new VisitGrid(other.Factory(), other.Clock).PageAsync(other.Broker, new VisitFilter(), new PageRequest()))!;
        Assert.Equal("Their school", Assert.Single(theirs.Rows).Location);
    }

    [Fact]
    public async Task The_download_holds_every_filtered_visit_with_its_uk_date_and_time_in_their_own_columns()
    {
        var w = await VisitsAsync(copies: 30, recorded: 0, cancelled: 0);
        var grid = new VisitGrid(w.Factory(), w.Clock);

        var rows = (await grid.ExportAsync(w.Broker, new VisitFilter(VisitState.Scheduled), null, false))!;
        Assert.Equal(31, rows.Count);
        using var file = new MemoryStream();
        await TableExport.WriteXlsxAsync(file, "Visits", VisitGrid.Columns, rows);

        file.Position = 0;
        var read = (await file.QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(31, read.Count);
        // 08:00 UTC on 5 October is 09:00 in London (summer time).
        Assert.Equal(new DateTime(2026, 10, 5), Assert.IsType<DateTime>(read[0]["Date"]));
        Assert.Equal("09:00", read[0]["Time"]);
        Assert.Equal(0.5m, Convert.ToDecimal(read[0]["Days"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("Ash Primary", "Scheduled"), (read[0]["Where"], read[0]["State"]));

        // Once it has taken place, a visit still scheduled reads "To record", on the page and in the download.
        w.Clock.SetUtcNow(First.AddHours(1));
        var after = (await grid.ExportAsync(w.Broker, new VisitFilter(VisitState.Scheduled), null, false))!;
        Assert.Equal("To record", after[0].StateText);
        Assert.Equal("To record", VisitGrid.Columns.Single(c => c.Heading == "State").Value(after[0]));
        Assert.All(after.Skip(1), v => Assert.Equal("To record", v.StateText));
    }
}
