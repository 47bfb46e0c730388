using Microsoft.Playwright;
using SystemLeadership.Infrastructure.Telemetry;
using static SystemLeadership.EndToEnd.Tests.Steps;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>
/// What a page costs the database, read from the Server-Timing entry the app sends in Development
/// (RoundTripsMiddleware): the main read pages stay within three round trips, the person's memberships included.
/// Runs in the crawl's class, so on the same app.
/// </summary>
public partial class NavigationCrawlTests
{
    [Fact]
    public async Task The_main_read_pages_cost_at_most_three_database_round_trips_once_the_menu_is_counted()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, "manager@swaledale.test");
        await GoAsync(page, "/t/swaledale/designations");
        var detail = await page.Locator("#designations a[href*='/designations/']").First.GetAttributeAsync("href");
        Assert.NotNull(detail);

        var costs = new Dictionary<string, int>();
        string[] pages =
        [
            "/t/swaledale/designations", "/t/swaledale/designations?state=DeDesignated&sort=holder", detail!, detail + "/letter.pdf",
            "/t/swaledale/designations.csv", "/t/swaledale/commissions", "/t/swaledale/brokerage/deployments", "/t/swaledale/brokerage/visits", "/t/swaledale/applications", "/t/swaledale/audit", "/directory",
            "/t/swaledale/claims", "/t/swaledale/reports", "/t/swaledale",
        ];
        foreach (var path in pages)
        {
            // The second asking: the menu's counts are kept for half a minute, and a first page may count them.
            await RoundTripsAsync(page.Context.APIRequest, path);
            costs[path] = await RoundTripsAsync(page.Context.APIRequest, path);
        }

        var over = costs.Where(c => c.Value > 3).Select(c => $"{c.Key}: {c.Value}").ToList();
        Assert.True(over.Count == 0, "Over their round trips:\n" + string.Join('\n', over) + "\nAll: " + string.Join(", ", costs.Select(c => $"{c.Key} {c.Value}")));

        // Someone not signed in pays for the directory's read and its commit only.
        await using var anonymous = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl });
        await RoundTripsAsync(anonymous.APIRequest, "/directory");
        Assert.True(await RoundTripsAsync(anonymous.APIRequest, "/directory") <= 2);
    }

    private static async Task<int> RoundTripsAsync(IAPIRequestContext http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.Ok, $"{path} answered {response.Status}");
        var timing = response.Headers.GetValueOrDefault("server-timing");
        var trips = DatabaseRoundTrips.FromServerTiming(timing);
        Assert.True(trips.HasValue, $"{path} sent no round-trip count (Server-Timing: '{timing}')");
        return trips.Value;
    }
}
