using Microsoft.Playwright;
using Npgsql;
using static SystemLeadership.EndToEnd.Tests.Steps;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>
/// A scheme's start page (applying from the alliance's home): a static page whose form post starts a draft, found only
/// by someone who may apply for that scheme. Runs in the crawl's class, on the same app.
/// </summary>
public partial class NavigationCrawlTests
{
    [Theory]
    [InlineData("manager@swaledale.test")]
    [InlineData("leader@swaledale.test")]
    [InlineData("manager@learnersfirst.test")]
    public async Task The_sle_start_page_is_not_found_for_the_alliances_manager_a_holder_or_another_alliances_manager(string email)
    {
        // The manager decides here and applies for nothing; Grace Hopper already holds an SLE designation; Learners
        // First's manager is not of Swaledale.
        var page = await app.NewPageAsync();
        await SignInAsync(page, email);
        var response = await page.GotoAsync("/t/swaledale/apply/SpecialistLeaderOfEducation");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("#start-application")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Page not found");

        // Nor does a post start anything, even with a good form token of theirs (from their account page): the form is
        // not there to take it.
        var manage = await (await page.Context.APIRequest.GetAsync("/Account/Manage")).TextAsync();
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("_handler", "start-application");
        form.Set("__RequestVerificationToken", Steps.FormToken(manage));
        var before = await ApplicationsOfAsync(email);
        var post = await page.Context.APIRequest.PostAsync("/t/swaledale/apply/SpecialistLeaderOfEducation", new() { Form = form });
        Assert.InRange(post.Status, 400, 404);
        Assert.Equal(before, await ApplicationsOfAsync(email));
    }

    private async Task<long> ApplicationsOfAsync(string email)
    {
        // As the superuser: the owner, under forced row-level security with no tenant set, would count none.
        await using var connection = new NpgsqlConnection(app.AdminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM \"Applications\" a JOIN \"AspNetUsers\" u ON u.\"Id\" = a.\"ApplicantUserId\" WHERE u.\"Email\" = @email", connection);
        command.Parameters.AddWithValue("email", email);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Starting_an_application_twice_opens_the_one_draft_and_the_home_then_offers_to_continue_it()
    {
        // Priya Shah, a head of maths who has applied for nothing in this app, starts an SLE application.
        var page = await app.NewPageAsync();
        await SignInAsync(page, "applicant@swaledale.test");
        await GoAsync(page, "/t/swaledale");
        var apply = page.GetByRole(AriaRole.Link, new() { Name = "Apply to be designated Specialist leader of education" });
        var start = await apply.GetAttributeAsync("href");
        await apply.ClickAsync();
        await StartApplicationAsync(page);
        await page.WaitForURLAsync("**/edit");
        var draft = page.Url;

        // The start page opened again (as a second tab would) says so, and its button opens the same draft.
        await GoAsync(page, start!);
        await Assertions.Expect(page.Locator("#start-draft")).ToContainTextAsync("You have started this application");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue the application", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/edit");
        Assert.Equal(draft, page.Url);

        // The home no longer offers to apply, and lists the draft to continue.
        await GoAsync(page, "/t/swaledale");
        await Assertions.Expect(apply).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#mine").GetByRole(AriaRole.Link, new() { Name = "Continue SLE application" })).ToHaveAttributeAsync("href", new Uri(draft).AbsolutePath);
    }
}
