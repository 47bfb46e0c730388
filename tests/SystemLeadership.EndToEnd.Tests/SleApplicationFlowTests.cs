using System.Text.RegularExpressions;
using static SystemLeadership.EndToEnd.Tests.Steps;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace SystemLeadership.EndToEnd.Tests;

public class SleApplicationFlowTests(AppHost app) : IClassFixture<AppHost>
{
    [Fact]
    public async Task An_applicant_applies_a_headteacher_confirms_by_email_and_the_manager_designates()
    {
        // The applicant signs in, lands in their only alliance and fills the SLE form, watching the eligibility rules.
        var applicant = await app.NewPageAsync();
        await SignInAsync(applicant, "applicant@swaledale.test");
        await applicant.WaitForURLAsync("**/t/swaledale");
        await ReadyAsync(applicant);
        // Started by keyboard alone, like the form after it: from the skip link, Tab to the card's link, Enter, and on
        // the start page, from its skip link, Tab to its button, Enter.
        await KeyboardOnly.SkipToContentAsync(applicant);
        await KeyboardOnly.PressAsync(applicant, applicant.GetByRole(AriaRole.Link, new() { Name = "Apply to be designated Specialist leader of education" }));
        await applicant.WaitForURLAsync("**/apply/*");
        await ReadyAsync(applicant);
        await Assertions.Expect(applicant.Locator("#start-explained")).ToContainTextAsync("Nothing is sent until you submit it");
        await KeyboardOnly.SkipToContentAsync(applicant);
        await KeyboardOnly.PressAsync(applicant, applicant.GetByRole(AriaRole.Button, new() { Name = "Start the application" }), most: 5);
        await applicant.WaitForURLAsync("**/edit");
        await ReadyAsync(applicant);

        var eligibility = applicant.Locator("#eligibility");
        await Assertions.Expect(eligibility).ToContainTextAsync("Tell us your current role.");
        // The form by keyboard alone, from the skip link (the first stop of the page): the role with the arrows, the URN
        // typed (Tab moves on and looks it up).
        await KeyboardOnly.SkipToContentAsync(applicant);
        await KeyboardOnly.ChooseAsync(applicant, "Your current role", "Middle leader (e.g. subject or key stage leader)");
        await KeyboardOnly.TypeAsync(applicant, applicant.Locator("#school-urn"), "900003");
        await applicant.Keyboard.PressAsync("Tab");
        await Assertions.Expect(applicant.Locator("#school-found")).ToContainTextAsync("Ofsted");
        await KeyboardOnly.TypeAsync(applicant, applicant.Locator("#years"), "1");
        await KeyboardOnly.TypeAsync(applicant, applicant.Locator("#months"), "11");
        await Assertions.Expect(eligibility).ToContainTextAsync("you have 1 year 11 months");
        await Assertions.Expect(eligibility).ToContainTextAsync("at least 1 specialism");
        // Back a field with Shift+Tab to correct the years.
        await KeyboardOnly.TypeAsync(applicant, applicant.Locator("#years"), "2", backwards: true);
        await KeyboardOnly.TypeAsync(applicant, applicant.Locator("#months"), "0");
        await KeyboardOnly.TickAsync(applicant, applicant.GetByRole(AriaRole.Checkbox, new() { Name = "Maths", Exact = true }));
        await Assertions.Expect(eligibility).ToContainTextAsync("You meet every rule for SLE");
        // A 30,000-character paste is cut to 8,000 in the browser and gets the field's message; the page stays alive.
        await applicant.Locator("#track-record").FillAsync(new string('x', 30_000));
        Assert.Equal(8_000, (await applicant.Locator("#track-record").InputValueAsync()).Length);
        await Assertions.Expect(applicant.GetByText("This must be 4,000 characters or fewer.").First).ToBeVisibleAsync();
        await applicant.Locator("#track-record").FillAsync(string.Concat(Enumerable.Repeat("😀", 10_000)));
        await Assertions.Expect(applicant.GetByText("This must be 4,000 characters or fewer.").First).ToBeVisibleAsync();
        await KeyboardOnly.TypeAsync(applicant, applicant.Locator("#track-record"), "Head of maths for four years; led the trust's maths network.");
        await Assertions.Expect(applicant.Locator("#autosaved")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(applicant);
        await KeyboardOnly.PressAsync(applicant, applicant.GetByRole(AriaRole.Button, new() { Name = "Submit application" }));
        await applicant.WaitForURLAsync(new Regex("/applications/[0-9a-f-]+$"));
        await ReadyAsync(applicant);
        // On the new page the keyboard starts again from its skip link.
        await KeyboardOnly.SkipToContentAsync(applicant);
        var applicationUrl = applicant.Url;

        // The applicant names their headteacher, who gets an emailed link: by keyboard alone.
        await KeyboardOnly.TypeAsync(applicant, applicant.Locator("#referee-name"), "David Okafor");
        await KeyboardOnly.TypeAsync(applicant, applicant.Locator("#referee-email"), "head@swaledale.test");
        await KeyboardOnly.PressAsync(applicant, applicant.GetByRole(AriaRole.Button, new() { Name = "Send reference request" }));
        await Assertions.Expect(applicant.Locator("#references")).ToContainTextAsync("requested");

        // The referee, with no account, opens the link from the development mailbox and confirms.
        var referee = await app.NewPageAsync();
        await OpenMailboxAsync(referee);
        var email = referee.Locator(".email").Filter(new() { HasText = "Reference request for Priya Shah" });
        await email.GetByRole(AriaRole.Link).ClickAsync();
        await referee.WaitForURLAsync("**/reference/swaledale/**");
        await Accessibility.AssertNoViolationsAsync(referee);
        // By keyboard alone: the years, Space on the confirmation, Enter on the button.
        await KeyboardOnly.TypeAsync(referee, referee.GetByLabel("Years they have held a leadership role"), "3");
        await KeyboardOnly.TickAsync(referee, referee.GetByLabel("I confirm the school can release them"));
        await KeyboardOnly.PressAsync(referee, referee.GetByRole(AriaRole.Button, new() { Name = "Confirm reference" }));
        await Assertions.Expect(referee.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(referee);

        // The link is single-use.
        await referee.GoBackAsync();
        await referee.ReloadAsync();
        await Assertions.Expect(referee.GetByText("This reference link has already been used.")).ToBeVisibleAsync();

        // The alliance manager, in another browser, sees the reference and designates.
        var manager = await app.NewPageAsync();
        await SignInAsync(manager, "manager@swaledale.test");
        await manager.GotoAsync("/t/swaledale");
        await ReadyAsync(manager);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Review Priya Shah's application" }).ClickAsync();
        await manager.WaitForURLAsync(new Regex("/applications/[0-9a-f-]+$"));
        await ReadyAsync(manager);
        await Assertions.Expect(manager.Locator("#references")).ToContainTextAsync("Confirmed: the school can release the applicant");

        // A second manager has the same application open; both press Designate at once. Both pages stay alive: one
        // designates, the other is told someone else changed it, and nothing is designated twice.
        var deputy = await app.NewPageAsync();
        await SignInAsync(deputy, "deputy@swaledale.test");
        await deputy.GotoAsync(applicationUrl);
        await ReadyAsync(deputy);
        await Task.WhenAll(
            manager.GetByRole(AriaRole.Button, new() { Name = "Designate", Exact = true }).ClickAsync(),
            deputy.GetByRole(AriaRole.Button, new() { Name = "Designate", Exact = true }).ClickAsync());
        await Task.WhenAll(
            manager.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Designate", Exact = true }).ClickAsync(),
            deputy.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Designate", Exact = true }).ClickAsync());
        var outcomes = new List<string>();
        foreach (var page in new[] { manager, deputy })
        {
            var designated = page.GetByText("Designated from");
            var stale = page.GetByText("This record was changed by someone else");
            await Assertions.Expect(designated.Or(stale).First).ToBeVisibleAsync();
            outcomes.Add(await stale.CountAsync() > 0 ? "stale" : "designated");
            Assert.Equal(0, await page.Locator("#blazor-error-ui:visible").CountAsync());
        }
        Assert.Equal(["designated", "stale"], outcomes.Order());
        await manager.ReloadAsync();
        await ReadyAsync(manager);
        await Assertions.Expect(manager.GetByText("Designated from")).ToBeVisibleAsync();
        await Assertions.Expect(manager.Locator("#history")).ToContainTextAsync("Designate");

        // The leader downloads the designation letter and it says what it should.
        await applicant.GotoAsync(applicationUrl);
        await ReadyAsync(applicant);
        var letterLink = applicant.GetByRole(AriaRole.Link, new() { Name = "Download the designation letter (PDF)" });
        var href = await letterLink.GetAttributeAsync("href");
        var response = await applicant.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        using var pdf = PdfDocument.Open(await response.BodyAsync());
        var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Priya Shah", text);
        Assert.Contains("Specialist leader of education", text);
        Assert.Contains("Maths", text);
        var today = DateTime.UtcNow;
        Assert.Contains(today.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture).Split(' ')[1], text);
        Assert.Contains((today.Year + 4).ToString(System.Globalization.CultureInfo.InvariantCulture), text);

        // A manager of another alliance is told "not found" for every Swaledale address.
        var outsider = await app.NewPageAsync();
        await SignInAsync(outsider, "manager@learnersfirst.test");
        foreach (var path in new[] { "/t/swaledale", new Uri(applicationUrl).AbsolutePath, new Uri(applicationUrl).AbsolutePath + "/edit", href! })
        {
            var visit = await outsider.GotoAsync(path);
            Assert.True(visit!.Status == 404, $"{path} gave {visit.Status} to a user of another tenant");
        }
    }
}
