using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Brokerage;

/// <summary>The broker's grid of every support request: paged, sorted and filtered in SQL, counted by state, the alliance's own only.</summary>
public class CommissionGridTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>Thirty requests raised a day apart; the first three accepted; another alliance has one of its own.</summary>
    private async Task<BrokerageWorld> ThirtyRequestsAsync()
    {
        var w = await BrokerageWorld.CreateAsync(db);
        for (var i = 0; i < 30; i++)
        {
            var commission = await w.Commissions.RaiseCommissionAsync(w.Contact, w.Request());
            if (i < 3) await w.Commissions.MoveCommissionAsync(commission.Id, commission.Version, CommissionMove.Accept, w.Broker);
            w.Clock.Advance(TimeSpan.FromDays(1));
        }
        var other = await BrokerageWorld.CreateAsync(db);
        await other.Commissions.RaiseCommissionAsync(other.Contact, other.Request());
        return w;
    }

    [Fact]
    public async Task The_second_page_holds_the_oldest_five_and_the_count_is_of_the_alliances_own()
    {
        var w = await ThirtyRequestsAsync();
        var grid = new CommissionGrid(w.Factory());

        var first = (await grid.PageAsync(w.Broker, new CommissionFilter(), new PageRequest()))!;
        var second = (await grid.PageAsync(w.Broker, new CommissionFilter(), new PageRequest(Page: 2)))!;

        Assert.Equal(30, first.Total);
        Assert.Equal(25, first.Rows.Count);
        Assert.Equal(5, second.Rows.Count);
        // Newest first, and no request on two pages.
        Assert.True(first.Rows[0].RaisedAt > first.Rows[^1].RaisedAt);
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
        var oldestFirst = (await grid.PageAsync(w.Broker, new CommissionFilter(), new PageRequest(Sort: "asked")))!;
        Assert.Equal(second.Rows[^1].Id, oldestFirst.Rows[0].Id);
    }

    [Fact]
    public async Task A_state_filter_and_the_counts_agree()
    {
        var w = await ThirtyRequestsAsync();
        var grid = new CommissionGrid(w.Factory());

        var accepted = (await grid.PageAsync(w.Broker, new CommissionFilter(CommissionState.Accepted), new PageRequest()))!;
        var counts = (await grid.CountsAsync(w.Broker))!;
        var open = (await grid.OpenAsync(w.Broker))!;

        Assert.Equal(3, accepted.Total);
        Assert.All(accepted.Rows, r => Assert.Equal(CommissionState.Accepted, r.State));
        Assert.Equal(3, counts[CommissionState.Accepted]);
        Assert.Equal(27, counts[CommissionState.Requested]);
        Assert.Equal(0, counts[CommissionState.Brokered]);
        // The board lists at most BoardLimit a state, the longest waiting first.
        Assert.Equal(3 + 27, open.Count);
        Assert.True(open.First(r => r.State == CommissionState.Requested).RaisedAt < open.Last(r => r.State == CommissionState.Requested).RaisedAt);
        Assert.Equal(0, (await grid.PageAsync(w.Broker, new CommissionFilter(Search: "No such school"), new PageRequest()))!.Total);

        // The download holds the filtered rows, in the grid's order; only for the alliance's brokers.
        var download = (await grid.ExportAsync(w.Broker, new CommissionFilter(CommissionState.Accepted), null, false))!;
        Assert.Equal(accepted.Rows.Select(r => r.Id), download.Select(r => r.Id));
        Assert.Null(await grid.ExportAsync(w.Leader, new CommissionFilter(), null, false));
    }

    [Fact]
    public async Task The_board_lists_the_fifty_longest_waiting_of_a_state_with_sixty_waiting_and_every_one_of_a_smaller_state()
    {
        var w = await ThirtyRequestsAsync();
        var newest = (await new CommissionGrid(w.Factory()).PageAsync(w.Broker, new CommissionFilter(CommissionState.Requested), new PageRequest(Size: 10)))!.Rows[0];
        // Thirty-three more waiting for triage, copied in SQL, raised a day apart before the first thirty.
        await using (var admin = db.NewAdminContext())
        {
            await admin.Database.ExecuteSqlAsync($"""
                INSERT INTO "Commissions"
                SELECT (jsonb_populate_record(c, jsonb_build_object('Id', gen_random_uuid(), 'RaisedAt', c."RaisedAt" - make_interval(days => 30 + n.i)))).*
                FROM "Commissions" c, generate_series(1, 33) AS n(i) WHERE c."Id" = {newest.Id}
                """);
        }
        var grid = new CommissionGrid(w.Factory());

        var open = (await grid.OpenAsync(w.Broker))!;
        var requested = open.Where(r => r.State == CommissionState.Requested).ToList();
        Assert.Equal(60, (await grid.CountsAsync(w.Broker))![CommissionState.Requested]);
        Assert.Equal(CommissionGrid.BoardLimit, requested.Count);
        // The fifty longest waiting: the grid's oldest fifty of the state, in that order.
        var oldest = (await grid.PageAsync(w.Broker, new CommissionFilter(CommissionState.Requested), new PageRequest(Size: 50, Sort: "asked")))!;
        Assert.Equal(oldest.Rows.Select(r => r.Id), requested.Select(r => r.Id));
        Assert.Equal(3, open.Count(r => r.State == CommissionState.Accepted));
    }
}
