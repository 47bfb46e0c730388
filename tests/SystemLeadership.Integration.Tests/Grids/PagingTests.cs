using Microsoft.EntityFrameworkCore;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.Telemetry;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Grids;

/// <summary>A page of a list and its total cost one statement; only a page past the end costs more.</summary>
public class PagingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private async Task<string> TenantsAsync(int count)
    {
        var prefix = "Paged " + Guid.NewGuid().ToString("N")[..6];
        await using var context = db.NewContext();
        for (var i = 0; i < count; i++) context.Tenants.Add(new Tenant($"{prefix} {i:00}", $"paged-{Guid.NewGuid():N}"[..20], 100001));
        await context.SaveChangesAsync();
        return prefix;
    }

    private async Task<(PageOf<string> Page, int RoundTrips)> PageAsync(string prefix, PageRequest request)
    {
        await using var context = db.NewContext();
        var trips = DatabaseRoundTrips.Begin();
        var page = await context.Tenants.Where(t => t.Name.StartsWith(prefix)).OrderBy(t => t.Name).Select(t => t.Name).ToPageAsync(request);
        return (page, trips.Count);
    }

    [Fact]
    public async Task A_first_page_that_is_not_full_is_the_whole_list_and_is_read_in_one_statement()
    {
        var prefix = await TenantsAsync(7);
        var (page, trips) = await PageAsync(prefix, new PageRequest(1, 10));
        Assert.Equal(7, page.Total);
        Assert.Equal(7, page.Rows.Count);
        Assert.Equal(1, trips);

        var (empty, emptyTrips) = await PageAsync("Nothing like this " + Guid.NewGuid(), new PageRequest(1, 10));
        Assert.Equal(0, empty.Total);
        Assert.Equal(1, emptyTrips);
    }

    [Fact]
    public async Task A_full_page_comes_with_the_count_of_the_whole_list_in_the_same_statement()
    {
        var prefix = await TenantsAsync(23);
        var (first, firstTrips) = await PageAsync(prefix, new PageRequest(1, 10));
        Assert.Equal((23, 10, 3, 1), (first.Total, first.Rows.Count, first.Pages, firstTrips));

        var (last, lastTrips) = await PageAsync(prefix, new PageRequest(3, 10));
        Assert.Equal((23, 3, 21, 23, 1), (last.Total, last.Rows.Count, last.First, last.Last, lastTrips));
        Assert.Equal($"{prefix} 22", last.Rows[^1]);
    }

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page()
    {
        var prefix = await TenantsAsync(20);
        var (page, trips) = await PageAsync(prefix, new PageRequest(9, 10));
        Assert.Equal(2, page.Request.Page);
        Assert.Equal(20, page.Total);
        Assert.Equal($"{prefix} 10", page.Rows[0]);
        // The empty page, the count, and the last page.
        Assert.Equal(3, trips);
    }
}
