using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Infrastructure.Deployments;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Integration.Tests.Brokerage;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Deployments;

/// <summary>
/// The broker's grid of every deployment and the board's capped lists: paged, sorted and filtered in SQL, counted by
/// state, the alliance's own only.
/// </summary>
public class DeploymentGridTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// One agreed deployment and <paramref name="copies"/> more like it (each on a proposal of its own), starting a day
    /// apart before it at schools "School 001"…; the first <paramref name="completed"/> copies completed, the next <paramref name="paused"/> paused. Copied in SQL:
    /// sixty deployments through the whole brokerage would cost a minute.
    /// </summary>
    private async Task<BrokerageWorld> DeploymentsAsync(int copies, int completed, int paused = 0)
    {
        var w = await BrokerageWorld.CreateAsync(db);
        var original = await w.AgreedDeploymentAsync();
        await using var admin = db.NewAdminContext();
        await using var transaction = await admin.Database.BeginTransactionAsync();
        var proposals = Enumerable.Range(0, copies).Select(_ => Guid.NewGuid()).ToArray();
        await admin.Database.ExecuteSqlAsync($"""
            INSERT INTO "Proposals"
            SELECT (jsonb_populate_record(p, jsonb_build_object('Id', n.id))).*
            FROM "Proposals" p, unnest({proposals}) AS n(id) WHERE p."Id" = {original.ProposalId}
            """);
        await admin.Database.ExecuteSqlAsync($"""
            INSERT INTO "Deployments"
            SELECT (jsonb_populate_record(d, jsonb_build_object(
                'Id', gen_random_uuid(), 'ProposalId', n.id, 'Start', d."Start" - n.i::int, 'End', d."End" - n.i::int,
                'SchoolName', 'School ' || lpad(n.i::text, 3, '0'), 'State', CASE WHEN n.i <= {completed} THEN 'Completed' WHEN n.i <= {completed + paused} THEN 'Paused' ELSE d."State" END))).*
            FROM "Deployments" d, unnest({proposals}) WITH ORDINALITY AS n(id, i) WHERE d."Id" = {original.Id}
            """);
        await transaction.CommitAsync();
        // Another alliance's deployment, never counted here.
        await (await BrokerageWorld.CreateAsync(db)).AgreedDeploymentAsync();
        return w;
    }

    [Fact]
    public async Task A_page_of_twenty_five_comes_back_with_the_alliances_count_latest_start_first()
    {
        var w = await DeploymentsAsync(copies: 59, completed: 0);
        var grid = new DeploymentGrid(w.Factory());

        var first = (await grid.PageAsync(w.Broker, new DeploymentFilter(), new PageRequest()))!;
        var third = (await grid.PageAsync(w.Broker, new DeploymentFilter(), new PageRequest(Page: 3)))!;

        Assert.Equal((60, 25, 3), (first.Total, first.Rows.Count, first.Pages));
        Assert.Equal(10, third.Rows.Count);
        Assert.True(first.Rows[0].Start > first.Rows[^1].Start);
        Assert.Equal("School 059", third.Rows[^1].SchoolName);
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(third.Rows.Select(r => r.Id)));

        var byEarliest = (await grid.PageAsync(w.Broker, new DeploymentFilter(), new PageRequest(Sort: "start")))!;
        Assert.Equal(third.Rows[^1].Id, byEarliest.Rows[0].Id);
        var bySchool = (await grid.PageAsync(w.Broker, new DeploymentFilter(), new PageRequest(Size: 10, Sort: "school", Descending: true)))!;
        Assert.Equal("School 059", bySchool.Rows[0].SchoolName);
    }

    [Fact]
    public async Task The_state_filter_the_search_and_the_board_agree_and_the_board_lists_at_most_fifty_a_state()
    {
        var w = await DeploymentsAsync(copies: 60, completed: 55, paused: 2);
        var grid = new DeploymentGrid(w.Factory());

        var completed = (await grid.PageAsync(w.Broker, new DeploymentFilter(DeploymentState.Completed), new PageRequest(Size: 100)))!;
        Assert.Equal(55, completed.Total);
        Assert.All(completed.Rows, r => Assert.Equal(DeploymentState.Completed, r.State));
        var search = (await grid.PageAsync(w.Broker, new DeploymentFilter(Search: "school 00"), new PageRequest()))!;
        Assert.Equal(9, search.Total);
        Assert.Equal(0, (await grid.PageAsync(w.Broker, new DeploymentFilter(Search: "No such school"), new PageRequest()))!.Total);

        var board = (await grid.BoardAsync(w.Broker))!;
        Assert.Equal(55, board.Counts[DeploymentState.Completed]);
        Assert.Equal(4, board.Counts[DeploymentState.Active]);
        Assert.Equal(2, board.Counts[DeploymentState.Paused]);
        Assert.Equal(0, board.Counts[DeploymentState.EndedEarly]);
        // The fifty latest of the completed (copies 1 to 50 start latest), and every active one.
        var listed = board.Rows.Where(r => r.State == DeploymentState.Completed).ToList();
        Assert.Equal(DeploymentGrid.BoardLimit, listed.Count);
        Assert.Equal(completed.Rows.Take(DeploymentGrid.BoardLimit).Select(r => r.Id), listed.Select(r => r.Id));
        Assert.Equal(4, board.Rows.Count(r => r.State == DeploymentState.Active));

        // By state in the workflow's order (active, paused, ended early, completed), not alphabetically ("Completed" first after "Active").
        var byState = (await grid.PageAsync(w.Broker, new DeploymentFilter(), new PageRequest(Size: 10, Sort: "state")))!;
        Assert.Equal([.. Enumerable.Repeat(DeploymentState.Active, 4), DeploymentState.Paused, DeploymentState.Paused, .. Enumerable.Repeat(DeploymentState.Completed, 4)],
            byState.Rows.Select(r => r.State));
    }

    [Fact]
    public async Task The_download_holds_every_filtered_row_in_the_grids_order_and_reads_back_as_a_spreadsheet()
    {
        var w = await DeploymentsAsync(copies: 60, completed: 55);
        var grid = new DeploymentGrid(w.Factory());

        var rows = (await grid.ExportAsync(w.Broker, new DeploymentFilter(DeploymentState.Completed), "school", descending: true))!;
        var shown = (await grid.PageAsync(w.Broker, new DeploymentFilter(DeploymentState.Completed), new PageRequest(Size: 100, Sort: "school", Descending: true)))!;
        Assert.Equal(shown.Rows.Select(r => r.Id), rows.Select(r => r.Id));
        using var file = new MemoryStream();
        await TableExport.WriteXlsxAsync(file, "Deployments", DeploymentGrid.Columns, rows);

        file.Position = 0;
        var read = (await file.QueryAsync(useHeaderRow: true)).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(55, read.Count);
        Assert.Equal("School 055", read[0]["School"]);
        Assert.Equal("Completed", read[0]["State"]);
        Assert.Equal(rows[0].Start.ToDateTime(TimeOnly.MinValue), Assert.IsType<DateTime>(read[0]["Starts"]));
        Assert.Equal(rows[0].AgreedHalfDays / 2m, Convert.ToDecimal(read[0]["Days agreed"], System.Globalization.CultureInfo.InvariantCulture));
        // Only the alliance's brokers have it.
        Assert.Null(await grid.ExportAsync(w.Leader, new DeploymentFilter(), null, false));
    }
}
