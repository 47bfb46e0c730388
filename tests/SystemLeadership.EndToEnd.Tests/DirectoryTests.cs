using Microsoft.Playwright;
using static SystemLeadership.EndToEnd.Tests.Steps;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>
/// The public "find a system leader" directory in Chromium: a signed-out visitor searches by expertise and postcode and
/// opens a leader (axe on each page) and asks for support, which the broker sees once the school confirms by email; the
/// same search works with JavaScript switched off; and a leader withdraws from the directory and lists themselves again.
/// </summary>
public class DirectoryTests(AppHost app) : IClassFixture<AppHost>
{
    [Fact]
    public async Task A_signed_out_visitor_finds_the_nearest_maths_leaders_to_a_postcode_and_opens_one()
    {
        var page = await app.NewPageAsync();
        await GoAsync(page, "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Find a system leader" }).ClickAsync();
        await ReadyAsync(page);

        await page.GetByLabel("Area of expertise").SelectOptionAsync("Maths");
        await page.GetByLabel("Near a school or postcode").FillAsync("HG2 0ZS");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("near=HG2", StringComparison.Ordinal));
        await ReadyAsync(page);

        // Stray Infant School's postcode: Grace (39.9 km), Katherine (52.1 km), Mary (55.3 km, her school kept private).
        await Assertions.Expect(page.Locator("#results-heading")).ToContainTextAsync("3 system leaders, nearest to HG2 0ZS first");
        var names = await page.Locator(".directory-result h3").AllInnerTextsAsync();
        Assert.Equal(["Grace Hopper", "Katherine Johnson", "Mary Somerville"], names);
        await Assertions.Expect(page.Locator(".directory-result").Nth(0)).ToContainTextAsync("24.8 miles (39.9 km)");
        await Assertions.Expect(page.Locator(".directory-result").Nth(2)).ToContainTextAsync("Not shown — Primary, North Yorkshire");

        // The search is in the address: a link shares it.
        Assert.Contains("specialism=Maths", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Grace Hopper" }).ClickAsync();
        await ReadyAsync(page);
        await Assertions.Expect(page.Locator("#leader-name")).ToHaveTextAsync("Grace Hopper");
        await Assertions.Expect(page.Locator("#leader-school")).ToContainTextAsync("Moorside Academy Northallerton");
        await Assertions.Expect(page.Locator("#leader-specialisms")).ToHaveTextAsync("Maths, Assessment");

        // Asking for support: a bad URN and no need are refused beside their fields (the form posts without a circuit).
        await page.GetByLabel("Your name").FillAsync("Tom Reid");
        await page.GetByLabel("Your email address").FillAsync("office@stray-infant.sch.uk");
        await page.GetByLabel("Your school's URN").FillAsync("12x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ask-urn-error")).ToHaveTextAsync("A URN is a number of up to 7 digits.");
        await page.GetByLabel("Your school's URN").FillAsync("900006");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ask-need-error")).ToHaveTextAsync("Say what support your school needs.");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("What support does your school need?").FillAsync("Our new maths lead would like coaching on mastery in Key Stage 1.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ask-sent")).ToContainTextAsync("We have sent a link to office@stray-infant.sch.uk.");

        // The school follows the emailed link; then the broker sees it on the board and deals with it.
        await FollowEmailLinkAsync(page, "Confirm your request for support from Swaledale Alliance");
        // Opening the link sends nothing (a mail scanner may open it): the school presses the button.
        await Assertions.Expect(page.Locator("#enquiry-need")).ToContainTextAsync("coaching on mastery");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my request to Swaledale Alliance" }).ClickAsync();
        await Assertions.Expect(page.Locator("#enquiry-confirmed")).ToContainTextAsync("Swaledale Alliance has your request for support for Stray Infant School from Grace Hopper");
        await Accessibility.AssertNoViolationsAsync(page);

        var broker = await app.NewPageAsync();
        await SignInAsync(broker, "manager@swaledale.test");
        await GoAsync(broker, "/t/swaledale");
        await broker.Locator("#needs-enquiries a, a#needs-enquiries").First.ClickAsync();
        await ReadyAsync(broker);
        var enquiries = broker.Locator("#enquiries");
        await Assertions.Expect(enquiries).ToContainTextAsync("Stray Infant School (URN 900006) asks for Grace Hopper");
        await Assertions.Expect(enquiries).ToContainTextAsync("coaching on mastery");
        await enquiries.GetByLabel("What you did").FillAsync("Raised a support request with Tom for Grace.");
        await enquiries.GetByRole(AriaRole.Button, new() { Name = "Mark as dealt with" }).ClickAsync();
        await Assertions.Expect(broker.Locator("#enquiry-notice")).ToContainTextAsync("marked as dealt with");

        // A confirmation link through another alliance's address, or made up, matches nothing and says so.
        await GoAsync(page, "/directory/confirm/learners-first/not-a-real-token");
        await Assertions.Expect(page.Locator("#enquiry-problem")).ToContainTextAsync("does not match a request for support");

        // An address that is not a listing is not found.
        var missing = await page.GotoAsync($"/directory/{Guid.NewGuid()}");
        Assert.Equal(404, missing!.Status);
    }

    [Fact]
    public async Task The_directory_works_with_javascript_switched_off()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "en-GB", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/directory");
        await page.GetByLabel("Area of expertise").SelectOptionAsync("Early years");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("specialism=Early", StringComparison.Ordinal));
        Assert.Equal(["Mary Somerville"], await page.Locator(".directory-result h3").AllInnerTextsAsync());

        // A name shared by several schools asks which one, by links.
        await page.GotoAsync("/directory?near=Primary");
        await Assertions.Expect(page.Locator("#school-choices")).ToContainTextAsync("Which school did you mean?");
        await page.Locator("#school-choices a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#results-heading")).ToContainTextAsync("nearest to");
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_leader_withdraws_from_the_directory_and_lists_themselves_again()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, "leader2@swaledale.test");
        await GoAsync(page, "/t/swaledale/my-designations");
        var panel = page.Locator("#directory-listing");
        await Assertions.Expect(panel.Locator("#listing-state")).ToContainTextAsync("You are listed");
        var entry = await panel.Locator("#listing-link").GetAttributeAsync("href");

        await panel.GetByRole(AriaRole.Button, new() { Name = "Withdraw from the directory" }).ClickAsync();
        await ConfirmAsync(page, "Withdraw");
        await Assertions.Expect(panel.Locator("#listing-notice")).ToHaveTextAsync("You have left the directory.");
        var gone = await page.Context.APIRequest.GetAsync("/" + entry!.TrimStart('/'));
        Assert.Equal(404, gone.Status);

        await panel.GetByLabel("About you (optional)").FillAsync("Maths lead across an all-through trust; I coach new heads of department.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "List me in the directory" }).ClickAsync();
        await Assertions.Expect(panel.Locator("#listing-notice")).ToHaveTextAsync("You are listed in the directory.");
        await Accessibility.AssertNoViolationsAsync(page);

        await panel.Locator("#listing-link").ClickAsync();
        await ReadyAsync(page);
        await Assertions.Expect(page.Locator("#leader-about")).ToHaveTextAsync("Maths lead across an all-through trust; I coach new heads of department.");
    }
}
