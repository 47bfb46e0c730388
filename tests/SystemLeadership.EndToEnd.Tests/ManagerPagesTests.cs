using Microsoft.Playwright;
using static SystemLeadership.EndToEnd.Tests.Steps;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>
/// The manager's reports and grids (designations, applications, every deployment): what they show and filter, and that
/// they are not found for a leader of the alliance or another alliance's manager. Runs in the crawl's class, on the same app.
/// </summary>
public partial class NavigationCrawlTests
{
    [Theory]
    [InlineData("leader@swaledale.test")]
    [InlineData("manager@learnersfirst.test")]
    public async Task The_reports_and_the_jpd_sessions_are_not_found_for_a_leader_of_the_alliance_or_another_alliances_manager(string email)
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, email);
        var response = await page.GotoAsync("/t/swaledale/reports");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("#kpi")).ToHaveCountAsync(0);
        Assert.Equal(404, (await page.GotoAsync("/t/swaledale/jpd"))!.Status);
        await Assertions.Expect(page.Locator("#record-session")).ToHaveCountAsync(0);
        // Nor the alliance's designations grid, nor its downloads.
        Assert.Equal(404, (await page.GotoAsync("/t/swaledale/designations"))!.Status);
        await Assertions.Expect(page.Locator("#designations")).ToHaveCountAsync(0);
        Assert.Equal(404, (await page.Context.APIRequest.GetAsync("/t/swaledale/designations.csv")).Status);
        Assert.Equal(404, (await page.Context.APIRequest.GetAsync("/t/swaledale/designations.xlsx")).Status);
        // Nor the alliance's every application.
        Assert.Equal(404, (await page.GotoAsync("/t/swaledale/applications?state=Designated"))!.Status);
        await Assertions.Expect(page.Locator("#applications")).ToHaveCountAsync(0);
        // Nor the alliance's every deployment.
        Assert.Equal(404, (await page.GotoAsync("/t/swaledale/brokerage/deployments?state=Completed"))!.Status);
        await Assertions.Expect(page.Locator("#deployments")).ToHaveCountAsync(0);
        // Nor the broker's board.
        Assert.Equal(404, (await page.GotoAsync("/t/swaledale/brokerage"))!.Status);
        await Assertions.Expect(page.Locator("#board-commissions")).ToHaveCountAsync(0);
        // Nor the alliance's every visit.
        Assert.Equal(404, (await page.GotoAsync("/t/swaledale/brokerage/visits?state=Recorded"))!.Status);
        await Assertions.Expect(page.Locator("#visits")).ToHaveCountAsync(0);
        // Nor the alliance's every support request: another alliance's manager is not let in; a leader sees only their own.
        var requests = await page.GotoAsync("/t/swaledale/commissions?state=Brokered");
        Assert.Equal(email == "manager@learnersfirst.test" ? 404 : 200, requests!.Status);
        await Assertions.Expect(page.Locator("#requests")).ToHaveCountAsync(0);
        // Nor the grids' downloads, to either of them.
        // Nor the audit trail.
        Assert.Equal(404, (await page.GotoAsync("/t/swaledale/audit?kind=Application"))!.Status);
        await Assertions.Expect(page.Locator("#audit")).ToHaveCountAsync(0);
        foreach (var download in new[] { "commissions.csv", "brokerage/deployments.xlsx?state=Completed", "brokerage/visits.csv", "brokerage/visits.xlsx?state=Recorded", "applications.csv", "audit.csv", "claims.csv?state=Approved" })
        {
            Assert.Equal(404, (await page.Context.APIRequest.GetAsync($"/t/swaledale/{download}")).Status);
        }
        if (email == "manager@learnersfirst.test")
        {
            // Another alliance's partnerships and a leader's own profile page are not there for them either.
            Assert.Equal(404, (await page.GotoAsync("/t/swaledale/partnerships"))!.Status);
            Assert.Equal(404, (await page.GotoAsync("/t/swaledale/my-profile"))!.Status);
        }
    }

    [Fact]
    public async Task The_manager_sees_the_kpi_and_the_leaders_by_designation_on_the_reports_page()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, "manager@swaledale.test");
        await GoAsync(page, "/t/swaledale/reports");
        await Assertions.Expect(page.Locator("#kpi")).ToContainTextAsync("SLEs deployed within three months of designation");
        await Assertions.Expect(page.Locator("#leaders table")).ToContainTextAsync("SLE");
        await Assertions.Expect(page.Locator("#leaders svg")).ToHaveCountAsync(1);
        // The demo's brokerage shows in the figures: a deployment rated by its school, and spend in an earlier term.
        await Assertions.Expect(page.Locator("#ratings table")).ToContainTextAsync("4 of 5");
        await Assertions.Expect(page.Locator("#brokering")).ToContainTextAsync("days on average");

        // The designations grid filters by its address, and its download holds what is filtered.
        await GoAsync(page, "/t/swaledale/designations?state=DeDesignated");
        await Assertions.Expect(page.Locator("#result-count")).ToContainTextAsync("of 1");
        await Assertions.Expect(page.Locator("#designations")).ToContainTextAsync("Emmy Noether");
        var csv = await page.Context.APIRequest.GetAsync((await page.GetByRole(AriaRole.Link, new() { Name = "CSV of the filtered designations" }).GetAttributeAsync("href"))!);
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("Emmy Noether", lines[1]);
        await Accessibility.AssertNoViolationsAsync(page);

        // Every application, from the home page, filtered by state and sorted by name in its address.
        await GoAsync(page, "/t/swaledale");
        await page.Locator("#every-application").ClickAsync();
        await ReadyAsync(page);
        await FilterAsync(page, "state", "Designated");
        await page.Locator("#applications a.sort-link[href*='sort=applicant']").ClickAsync();
        await page.WaitForURLAsync("**sort=applicant**");
        await ReadyAsync(page);
        var designated = await page.Locator("#applications tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.NotEmpty(designated);
        Assert.All(designated, state => Assert.Equal("Designated", state.Trim()));
        var names = await page.Locator("#applications tbody tr td:nth-child(1)").AllInnerTextsAsync();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names);

        // Every deployment, from the board, filtered by state in its address.
        await GoAsync(page, "/t/swaledale/brokerage");
        await page.GetByRole(AriaRole.Link, new() { Name = "Every deployment" }).ClickAsync();
        await ReadyAsync(page);
        await FilterAsync(page, "state", "Completed");
        var states = await page.Locator("#deployments tbody tr td:nth-child(6)").AllInnerTextsAsync();
        Assert.NotEmpty(states);
        Assert.All(states, state => Assert.Equal("Completed", state));
        await Assertions.Expect(page.Locator("#result-count")).ToContainTextAsync($"of {states.Count}");
        // Its download holds what is filtered: a heading and a row for each completed deployment.
        var deployments = await page.Context.APIRequest.GetAsync((await page.GetByRole(AriaRole.Link, new() { Name = "CSV of the filtered deployments" }).GetAttributeAsync("href"))!);
        Assert.Equal(200, deployments.Status);
        var deploymentLines = (await deployments.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(states.Count + 1, deploymentLines.Length);
        Assert.All(deploymentLines.Skip(1), line => Assert.EndsWith(",Completed", line));
        // Every visit, from the board, filtered to those recorded: date, time and length in their own columns.
        await GoAsync(page, "/t/swaledale/brokerage");
        await page.GetByRole(AriaRole.Link, new() { Name = "Every visit" }).ClickAsync();
        await ReadyAsync(page);
        await FilterAsync(page, "state", "Recorded");
        var visitStates = await page.Locator("#visits tbody tr td:nth-child(7)").AllInnerTextsAsync();
        Assert.NotEmpty(visitStates);
        Assert.All(visitStates, state => Assert.Equal("Recorded", state));
        await Assertions.Expect(page.Locator("#visits")).ToContainTextAsync("Mary Somerville");
        Assert.All(await page.Locator("#visits tbody tr td:nth-child(2)").AllInnerTextsAsync(), time => Assert.Matches("^[0-2][0-9]:[0-5][0-9]$", time));
        var visits = await page.Context.APIRequest.GetAsync((await page.GetByRole(AriaRole.Link, new() { Name = "CSV of the filtered visits" }).GetAttributeAsync("href"))!);
        Assert.Equal(200, visits.Status);
        Assert.Equal(visitStates.Count + 1, (await visits.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        // Grace's visit three school days ago is still scheduled: it reads "To record" until she records it.
        await GoAsync(page, "/t/swaledale/brokerage/visits?state=Scheduled&sort=date");
        await Assertions.Expect(page.Locator("#visits tbody tr").Filter(new() { HasText = "Grace Hopper" }).First).ToContainTextAsync("To record");
        // The claims, filtered by state in the address (the demo has claims in each state).
        await GoAsync(page, "/t/swaledale/claims?state=Paid");
        var paid = await page.Locator("#claims tbody tr td:nth-child(5)").AllInnerTextsAsync();
        Assert.NotEmpty(paid);
        Assert.All(paid, state => Assert.Equal("Paid", state.Trim()));

        // The audit trail, from the menu, filtered to applications: who did what, with a link to the record.
        await page.Locator("#nav-audit").First.ClickAsync();
        await page.WaitForURLAsync("**/t/swaledale/audit");
        await ReadyAsync(page);
        await FilterAsync(page, "kind", "Application");
        var kinds = await page.Locator("#audit tbody tr td:nth-child(4)").AllInnerTextsAsync();
        Assert.NotEmpty(kinds);
        Assert.All(kinds, kind => Assert.StartsWith("Application", kind));
        Assert.Contains("/applications/", await page.Locator("#audit tbody tr td:nth-child(4) a").First.GetAttributeAsync("href"));

        // The skip link takes a keyboard user to the content and stays on the page (the document's base is the site root).
        await GoAsync(page, "/t/swaledale/brokerage/deployments?state=Completed");
        await KeyboardOnly.SkipToContentAsync(page);
        await KeyboardOnly.TabToAsync(page, page.Locator("#q"));
    }

    /// <summary>Chooses this value of a grid's filter, sends the form, and waits for the address to carry it.</summary>
    private static async Task FilterAsync(IPage page, string field, string value)
    {
        await page.Locator($"#{field}").SelectOptionAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync($"**{field}={value}**");
        await ReadyAsync(page);
    }
}
