using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static SystemLeadership.EndToEnd.Tests.Steps;

namespace SystemLeadership.EndToEnd.Tests;

public class AllianceSystemLeaderFlowTests(AppHost app) : IClassFixture<AppHost>
{
    [Fact]
    public async Task An_alliance_system_leader_is_designated_after_a_reference_and_a_scored_panel_interview()
    {
        // The applicant, a deputy head, fills the alliance system leader form and attaches evidence.
        var applicant = await app.NewPageAsync();
        await SignInAsync(applicant, "applicant@swaledale.test");
        await GoAsync(applicant, "/t/swaledale");
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Apply to be designated Alliance system leader" }).ClickAsync();
        await StartApplicationAsync(applicant);
        await applicant.WaitForURLAsync("**/edit");
        await ReadyAsync(applicant);
        await ChooseAsync(applicant, "Your current role", "Deputy headteacher");
        await applicant.Locator("#school-urn").FillAsync("900003");
        await applicant.Locator("#school-urn").BlurAsync();
        await Assertions.Expect(applicant.Locator("#school-found")).ToBeVisibleAsync();
        await applicant.Locator("#years").FillAsync("3");
        await applicant.Locator("#months").FillAsync("0");
        await applicant.GetByText("English", new() { Exact = true }).ClickAsync();
        await applicant.Locator("#track-record").FillAsync("Deputy head for three years; led writing across the trust.");
        await applicant.Locator("#evidence-of-impact").FillAsync("Writing at the expected standard rose from 61% to 78% in two years.");
        await Assertions.Expect(applicant.Locator("#eligibility")).ToContainTextAsync("You meet every rule for ASL");
        await Assertions.Expect(applicant.Locator("#autosaved")).ToBeVisibleAsync();

        // A renamed program is refused at the field; a real PDF is kept.
        await applicant.Locator("#evidence-upload").SetInputFilesAsync(new FilePayload
        {
            Name = "evidence.pdf", MimeType = "application/pdf", Buffer = [(byte)'M', (byte)'Z', 0x90, 0x00, .. new byte[200]],
        });
        await Assertions.Expect(applicant.Locator("#evidence-error")).ToContainTextAsync("not a PDF");
        await applicant.Locator("#evidence-upload").SetInputFilesAsync(new FilePayload
        {
            Name = "writing-results.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        });
        await Assertions.Expect(applicant.Locator("#evidence")).ToContainTextAsync("writing-results.pdf");
        await Assertions.Expect(applicant.Locator("#evidence")).Not.ToContainTextAsync("evidence.pdf");
        await Accessibility.AssertNoViolationsAsync(applicant);

        await applicant.GetByRole(AriaRole.Button, new() { Name = "Submit application" }).ClickAsync();
        await applicant.WaitForURLAsync(new Regex("/applications/[0-9a-f-]+$"));
        await ReadyAsync(applicant);
        var applicationPath = new Uri(applicant.Url).AbsolutePath;

        // The deputy asks their headteacher, who confirms by email with the days a term they can release them.
        await applicant.Locator("#referee-name").FillAsync("David Okafor");
        await applicant.Locator("#referee-email").FillAsync("head@swaledale.test");
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Send reference request" }).ClickAsync();
        await Assertions.Expect(applicant.Locator("#references")).ToContainTextAsync("requested");

        var referee = await app.NewPageAsync();
        await FollowEmailLinkAsync(referee, "Reference request for Priya Shah");
        await referee.WaitForURLAsync("**/reference/swaledale/**");
        await Assertions.Expect(referee.GetByText("keep the right to refuse any deployment", new() { Exact = false })).ToBeVisibleAsync();
        await referee.GetByLabel("Years they have held a leadership role").FillAsync("3");
        await referee.GetByLabel("Days a term the school can release them").FillAsync("6");
        await referee.GetByLabel("I confirm the school can release them").CheckAsync();
        await referee.GetByRole(AriaRole.Button, new() { Name = "Confirm reference" }).ClickAsync();
        await Assertions.Expect(referee.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();

        // The manager cannot designate before an interview: the button is not offered. They shortlist and schedule a panel.
        var manager = await app.NewPageAsync();
        await SignInAsync(manager, "manager@swaledale.test");
        await GoAsync(manager, applicationPath);
        await Assertions.Expect(manager.Locator("#references")).ToContainTextAsync("6 days a term");
        await Assertions.Expect(manager.Locator("#evidence")).ToContainTextAsync("writing-results.pdf");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Shortlist" }).ClickAsync();
        await Assertions.Expect(manager.Locator("#interview")).ToContainTextAsync("Schedule the interview");
        await Assertions.Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Designate", Exact = true })).ToHaveCountAsync(0);

        var day = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await manager.Locator("#interview-date").FillAsync(day);
        await manager.Locator("#interview-time").FillAsync("14:30");
        await manager.Locator("#interview-location").FillAsync("Swaledale Academy, meeting room 2");
        await manager.GetByLabel("David Okafor").CheckAsync();
        await manager.GetByLabel("Amira Patel").CheckAsync();
        await manager.Locator("#schedule-interview").ClickAsync();
        await Assertions.Expect(manager.Locator("#interview-when")).ToContainTextAsync("14:30");
        await Accessibility.AssertNoViolationsAsync(manager);

        // Each headteacher on the panel records their own scores.
        foreach (var (email, comment) in new[] { ("head@swaledale.test", "Clear on impact."), ("head2@swaledale.test", "Strong coaching approach.") })
        {
            var panellist = await app.NewPageAsync();
            await SignInAsync(panellist, email);
            await GoAsync(panellist, applicationPath);
            for (var i = 0; i < 4; i++)
            {
                await ChooseAsync(panellist, i switch { 0 => "Expertise in their area", 1 => "Track record of impact", 2 => "Capacity to support other leaders", _ => "Fit with the alliance's priorities" }, "4");
            }
            await panellist.Locator("#panel-comments").FillAsync(comment);
            await panellist.Locator("#save-scores").ClickAsync();
            await Assertions.Expect(panellist.Locator("#interview")).ToContainTextAsync(comment);
            await Accessibility.AssertNoViolationsAsync(panellist);
            await panellist.CloseAsync();
        }

        // With every score in, the manager designates with reasons.
        await GoAsync(manager, applicationPath);
        await Assertions.Expect(manager.Locator("#interview")).ToContainTextAsync("16");
        await manager.Locator("#decision-reason").FillAsync("Strong evidence of impact; the panel scored 16 of 16.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Designate", Exact = true }).ClickAsync();
        await ConfirmAsync(manager, "Designate");
        await Assertions.Expect(manager.GetByText("Designated from")).ToBeVisibleAsync();
        await Assertions.Expect(manager.Locator("#history")).ToContainTextAsync("Panel scores recorded");
        await Assertions.Expect(manager.Locator("#history")).ToContainTextAsync("Schedule interview");

        // The letter names the designation, its four-year period and the induction and training.
        await GoAsync(applicant, applicationPath);
        var href = await applicant.GetByRole(AriaRole.Link, new() { Name = "Download the designation letter (PDF)" }).GetAttributeAsync("href");
        var text = await PdfTextAsync(applicant, href!);
        Assert.Contains("Alliance system leader", text);
        Assert.Contains("System Leaders Development Group", text);
        Assert.Contains((DateTime.UtcNow.Year + 4).ToString(CultureInfo.InvariantCulture), text);

        // Later, the manager de-designates for conduct; the leader sees why, when and who decided in their history.
        var designationPath = new Uri(new Uri(app.BaseUrl), href!.Replace("/letter.pdf", "", StringComparison.Ordinal)).AbsolutePath;
        await GoAsync(manager, designationPath);
        await manager.Locator("#dedesignate-open").ClickAsync();
        await ChooseAsync(manager, "Reason", "Conduct");
        await manager.Locator("#dedesignate-note").FillAsync("Breach of the alliance's safeguarding code during a deployment.");
        await manager.Locator("#dedesignate").ClickAsync();
        await ConfirmAsync(manager, "De-designate");
        await Assertions.Expect(manager.Locator("#end-reason")).ToContainTextAsync("Conduct");
        await Assertions.Expect(manager.Locator("#history")).ToContainTextAsync("De-designate");
        await Accessibility.AssertNoViolationsAsync(manager);

        await GoAsync(applicant, "/t/swaledale/my-designations");
        await Assertions.Expect(applicant.Locator("#end-reason-0")).ToContainTextAsync("Conduct");
        await Assertions.Expect(applicant.Locator("#end-note-0")).ToContainTextAsync("safeguarding code");
        await Assertions.Expect(applicant.Locator("#ended-by-0")).ToContainTextAsync("Margaret Thompson");
        await Assertions.Expect(applicant.Locator("#ended-on-0")).ToContainTextAsync(DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture));
    }
}
