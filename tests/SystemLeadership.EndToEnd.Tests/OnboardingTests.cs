using System.Text;
using Microsoft.Playwright;
using static SystemLeadership.EndToEnd.Tests.Steps;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>
/// Onboarding in Chromium: the alliance manager downloads the template, uploads a file with a bad row (named by line),
/// then a good one, and imports it after the confirmation; the new leader's invitation is in the mailbox. The page and
/// its template are not found for a leader of the alliance or another alliance's manager. In the same app (one start
/// saves a minute): another alliance's manager answers the demo's network invitation on the networks page.
/// </summary>
public class OnboardingTests(AppHost app) : IClassFixture<AppHost>
{
    private static FilePayload Csv(params string[] rows) => new()
    {
        Name = "leaders.csv",
        MimeType = "text/csv",
        Buffer = Encoding.UTF8.GetBytes(string.Join("\r\n", ["Name,Email,Designation,Specialisms,School URN,Start date,End date,Days a term", .. rows])),
    };

    [Fact]
    public async Task A_manager_previews_a_file_with_its_problems_by_line_then_imports_a_good_one()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, "manager@swaledale.test");
        await GoAsync(page, "/t/swaledale/import-leaders");

        var template = await page.Context.APIRequest.GetAsync("/t/swaledale/import-leaders/template.csv");
        Assert.Equal(200, template.Status);
        Assert.StartsWith("Name,Email,Designation,Specialisms,School URN", Encoding.UTF8.GetString(await template.BodyAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);

        await page.Locator("input[type=file]").Last.SetInputFilesAsync(Csv(
            "Nora Newcomer,nora@dales-primary.sch.uk,SLE,Phonics,900006,01/09/2025,,8",
            "No Urn,nourn@dales-primary.sch.uk,SLE,Phonics,,01/09/2025,,8"));
        await Assertions.Expect(page.Locator("#import-problems")).ToContainTextAsync("Line 3, School URN: Enter the URN of the leader's school.");
        await Assertions.Expect(page.Locator("#import-all")).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page);

        await page.Locator("input[type=file]").Last.SetInputFilesAsync(Csv("Nora Newcomer,nora@dales-primary.sch.uk,SLE,Phonics; Early years,900006,01/09/2025,,8"));
        await Assertions.Expect(page.Locator("#preview-rows")).ToContainTextAsync("Added; invited to set a password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 1 designation" }).ClickAsync();
        await ConfirmAsync(page, "Import");
        await Assertions.Expect(page.Locator("#import-done")).ToContainTextAsync("Imported 1 designations from leaders.csv: 1 new accounts invited");

        await OpenMailboxAsync(page);
        await Assertions.Expect(page.Locator(".email").Filter(new() { HasText = "Swaledale Alliance has added you to SystemLeadership" })).ToContainTextAsync("nora@dales-primary.sch.uk");
    }

    [Theory]
    [InlineData("leader@swaledale.test")]
    [InlineData("manager@learnersfirst.test")]
    public async Task The_import_page_and_its_template_are_not_found_for_a_leader_or_another_alliances_manager(string email)
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, email);
        var response = await page.GotoAsync("/t/swaledale/import-leaders");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("#choose-file")).ToHaveCountAsync(0);
        Assert.Equal(404, (await page.Context.APIRequest.GetAsync("/t/swaledale/import-leaders/template.xlsx")).Status);
    }

    [Fact]
    public async Task Another_alliances_manager_joins_the_network_they_were_invited_to_from_their_home_page()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, "manager@learnersfirst.test");
        await GoAsync(page, "/t/learners-first");
        await page.Locator("#needs-network-invitations a").ClickAsync();
        await Assertions.Expect(page.Locator("#invitations")).ToContainTextAsync("Yorkshire Dales Network: Margaret Thompson of Swaledale Alliance invited you");
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Join Yorkshire Dales Network" }).ClickAsync();
        await ConfirmAsync(page, "Join");
        await Assertions.Expect(page.Locator("#action-notice")).ToContainTextAsync("You joined Yorkshire Dales Network.");
        await Assertions.Expect(page.Locator("#networks")).ToContainTextAsync("Members: Learners First Alliance, Swaledale Alliance");
        await Assertions.Expect(page.Locator("#invitations")).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Theory]
    [InlineData("leader@swaledale.test")]
    [InlineData("manager@learnersfirst.test")]
    public async Task The_networks_page_is_not_found_for_a_leader_or_another_alliances_manager(string email)
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, email);
        var response = await page.GotoAsync("/t/swaledale/networks");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("#start-network")).ToHaveCountAsync(0);
    }
}
