using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static SystemLeadership.EndToEnd.Tests.Steps;

namespace SystemLeadership.EndToEnd.Tests;

public class NationalDesignationFlowTests(AppHost app) : IClassFixture<AppHost>
{
    [Fact]
    public async Task A_chair_of_governors_applies_to_the_College_and_a_College_administrator_designates_them_an_NLG()
    {
        // A chair of governors joins the College's national tenant and applies to be an NLG.
        var chair = await app.NewPageAsync();
        await SignInAsync(chair, "chair@governors.test");
        await ReadyAsync(chair);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Apply to National College" }).ClickAsync();
        await chair.WaitForURLAsync("**/t/college");
        await ReadyAsync(chair);
        await chair.GetByRole(AriaRole.Link, new() { Name = "Apply to be designated National leader of governance" }).ClickAsync();
        await StartApplicationAsync(chair);
        await chair.WaitForURLAsync("**/edit");
        await ReadyAsync(chair);
        await ChooseAsync(chair, "Your current role", "Chair of governors");
        await chair.Locator("#school-urn").FillAsync("900004");
        await chair.Locator("#school-urn").BlurAsync();
        // The school is looked up and the form drawn again with it: a click meanwhile could land on the button before.
        await Assertions.Expect(chair.Locator("#school-found")).ToBeVisibleAsync();
        // Her chairmanship as a dated period: 2 years 11 months so far is short, and the message names the window it checked.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await chair.Locator("#add-period").ClickAsync();
        await chair.Locator("#period-school-1").FillAsync("Dales Federation");
        await chair.Locator("#period-from-1").FillAsync(today.AddYears(-3).AddMonths(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await chair.Locator("#period-from-1").BlurAsync();
        await Assertions.Expect(chair.Locator("#eligibility")).ToContainTextAsync(
            $"at least 3 years as a chair of governors within the last 5 years; you have 2 years 11 months between {today.AddYears(-5).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
        await chair.Locator("#period-from-1").FillAsync(today.AddYears(-4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await chair.Locator("#period-from-1").BlurAsync();
        await chair.Locator("#track-record").FillAsync("Chair of a federation of three primary schools since 2021.");
        await Assertions.Expect(chair.Locator("#eligibility")).ToContainTextAsync("You meet every rule for NLG");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Submit application" }).ClickAsync();
        await chair.WaitForURLAsync(new Regex("/applications/[0-9a-f-]+$"));
        await ReadyAsync(chair);
        var applicationPath = new Uri(chair.Url).AbsolutePath;

        // For an NLG the referee is the headteacher of the school they chair.
        await Assertions.Expect(chair.Locator("#references")).ToContainTextAsync("the headteacher of the school whose governing board you chair");
        await chair.Locator("#referee-name").FillAsync("Sam Carter");
        await chair.Locator("#referee-email").FillAsync("sam.carter@school.test");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Send reference request" }).ClickAsync();
        var referee = await app.NewPageAsync();
        await FollowEmailLinkAsync(referee, "Reference request for Helen Marsh");
        await referee.WaitForURLAsync("**/reference/college/**");
        await referee.GetByLabel("Years they have held a leadership role").FillAsync("4");
        await referee.GetByLabel("I confirm the school can release them").CheckAsync();
        await referee.GetByRole(AriaRole.Button, new() { Name = "Confirm reference" }).ClickAsync();
        await Assertions.Expect(referee.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();

        // The College administrator (two-factor set up at first sign-in) decides it from the national queue.
        var college = await app.NewPageAsync();
        await SignInAsync(college, "college@systemleadership.test");
        await TwoFactor.CompleteSetUpIfAskedAsync(college);
        await GoAsync(college, "/t/college");
        // The demo's queue is there too: Frances Bell's NLG application, her reference in.
        await Assertions.Expect(college.GetByRole(AriaRole.Link, new() { Name = "Review Frances Bell's application" })).ToBeVisibleAsync();
        await Assertions.Expect(college.Locator("#needs-review")).ToHaveTextAsync("2 applications with their references in, to review");
        await college.GetByRole(AriaRole.Link, new() { Name = "Review Helen Marsh's application" }).ClickAsync();
        await college.WaitForURLAsync(new Regex("/applications/[0-9a-f-]+$"));
        await ReadyAsync(college);
        // By keyboard alone, from the page's skip link (the focus after a navigation inside the circuit is not reliably on
        // the heading): the reason, the day it starts (a fortnight from now), Designate and its confirmation.
        await KeyboardOnly.SkipToContentAsync(college);
        await KeyboardOnly.TypeAsync(college, college.Locator("#decision-reason"), "Meets the criteria; strong record as chair.");
        var starts = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14);
        await KeyboardOnly.TypeAsync(college, college.Locator("#designate-start"), starts.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await KeyboardOnly.PressAsync(college, college.GetByRole(AriaRole.Button, new() { Name = "Designate", Exact = true }));
        await Assertions.Expect(college.GetByRole(AriaRole.Dialog)).ToContainTextAsync($"from {starts.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
        await KeyboardOnly.ConfirmAsync(college, "Designate");
        await Assertions.Expect(college.GetByText($"Designated from {starts.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}")).ToBeVisibleAsync();

        // Two years, ending the day before the anniversary, with the 24-hour induction.
        await GoAsync(chair, applicationPath);
        var href = await chair.GetByRole(AriaRole.Link, new() { Name = "Download the designation letter (PDF)" }).GetAttributeAsync("href");
        var text = await PdfTextAsync(chair, href!);
        Assert.Contains("National leader of governance", text);
        Assert.Contains("24-hour induction", text);
        Assert.Contains(starts.AddYears(2).AddDays(-1).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Contains("National College", text);

        // The national register lists it with its alliance, read-only.
        await GoAsync(college, "/college/register");
        var register = college.Locator("#register");
        await Assertions.Expect(register).ToContainTextAsync("Helen Marsh");
        await Assertions.Expect(register).ToContainTextAsync("National leader of governance");
        await Assertions.Expect(register.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        // Filtered by its address (a view to share), and downloaded as what is filtered.
        await college.GetByLabel("Search holder, school, designation or alliance").FillAsync("Marsh");
        await college.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await college.WaitForURLAsync(new Regex("/college/register\\?q=Marsh"));
        await Assertions.Expect(college.Locator("#result-count")).ToHaveTextAsync("Showing 1–1 of 1");
        var csv = await college.Context.APIRequest.GetAsync((await college.GetByRole(AriaRole.Link, new() { Name = "CSV of the filtered register" }).GetAttributeAsync("href"))!);
        Assert.Equal(200, csv.Status);
        var lines = (await csv.TextAsync()).Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("Helen Marsh", lines[1]);
        Assert.Equal(404, (await chair.Context.APIRequest.GetAsync("/college/register.csv")).Status);

        // Someone who is not a College administrator cannot open it.
        var visit = await chair.GotoAsync("/college/register");
        Assert.NotEqual("/college/register", new Uri(chair.Url).AbsolutePath);
        Assert.NotNull(visit);

        // An email the sender left in doubt (stopped between sending and recording it) waits for an administrator,
        // who sends it again; it then leaves the list. (Marked in doubt here in SQL, as the sender would.)
        await using (var connection = new Npgsql.NpgsqlConnection(app.AdminConnection))
        {
            await connection.OpenAsync();
            await using var mark = new Npgsql.NpgsqlCommand("""
                UPDATE "OutboxEmails" SET "SentAt" = NULL, "DeliveryInDoubtAt" = now(), "SendingStartedAt" = NULL, "LastError" = 'Delivery not confirmed: the sender stopped between sending and recording it.'
                WHERE "Id" = (SELECT "Id" FROM "OutboxEmails" WHERE "To" = 'chair@governors.test' ORDER BY "CreatedAt" DESC LIMIT 1)
                """, connection);
            Assert.Equal(1, await mark.ExecuteNonQueryAsync());
        }
        await GoAsync(college, "/college/emails");
        var emails = college.Locator("#emails");
        await Assertions.Expect(emails).ToContainTextAsync("chair@governors.test");
        await Assertions.Expect(emails).ToContainTextAsync("In doubt");
        await Accessibility.AssertNoViolationsAsync(college);
        await emails.GetByRole(AriaRole.Button, new() { Name = "Send again" }).First.ClickAsync();
        await Assertions.Expect(college.Locator("#emails-notice")).ToContainTextAsync("The email to chair@governors.test is queued to be sent again.");
        await Assertions.Expect(college.Locator("#emails")).ToHaveCountAsync(0);
    }
}
