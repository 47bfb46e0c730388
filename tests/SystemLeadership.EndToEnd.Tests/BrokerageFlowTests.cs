using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static SystemLeadership.EndToEnd.Tests.Steps;

namespace SystemLeadership.EndToEnd.Tests;

public partial class BrokerageFlowTests(AppHost app) : IClassFixture<AppHost>
{
    private async Task<IPage> AsAsync(string email, string path)
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, email);
        await GoAsync(page, path);
        return page;
    }

    [Fact]
    public async Task A_school_asks_for_support_and_a_refused_proposal_gives_way_to_an_agreed_deployment_visits_an_evaluation_and_an_approved_claim()
    {
        // The school's contact asks for support; an empty form is refused field by field and nothing is stored.
        var school = await AsAsync("contact@swaledale.test", "/t/swaledale/commissions/new");
        await school.Locator("#submit-request").ClickAsync();
        await Assertions.Expect(school.Locator("#specialisms-error")).ToHaveTextAsync("Choose at least one area of expertise.");
        await Assertions.Expect(school.GetByText("Enter the school's URN", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(school.GetByText("Choose when the support should start.")).ToBeVisibleAsync();
        await CheckAsync(school);
        Assert.EndsWith("/commissions/new", school.Url);

        // Then by keyboard alone, from the skip link: typed fields, Space on the boxes, Enter on the button.
        await KeyboardOnly.SkipToContentAsync(school);
        await KeyboardOnly.TypeAsync(school, school.Locator("#school-urn"), "900006");
        await school.Keyboard.PressAsync("Tab");
        await Assertions.Expect(school.Locator("#school-found")).ToContainTextAsync("Stray Infant School");
        await KeyboardOnly.TickAsync(school, school.GetByRole(AriaRole.Checkbox, new() { Name = "Maths", Exact = true }));
        await KeyboardOnly.TickAsync(school, school.GetByRole(AriaRole.Checkbox, new() { Name = "Specialist leader of education (SLE)", Exact = true }));
        await KeyboardOnly.TickAsync(school, school.GetByRole(AriaRole.Checkbox, new() { Name = "Below the floor standard", Exact = true }));
        await KeyboardOnly.TypeAsync(school, school.Locator("#desired-start"), UkDay(7));
        await KeyboardOnly.TypeAsync(school, school.Locator("#length-weeks"), "6");
        await KeyboardOnly.TypeAsync(school, school.Locator("#days"), "4");
        await KeyboardOnly.TypeAsync(school, school.Locator("#funder"), "Stray Infant School");
        await KeyboardOnly.PressAsync(school, school.Locator("#submit-request"));
        await school.WaitForURLAsync(new Regex("/commissions/[0-9a-f-]{36}$"));
        await ReadyAsync(school);
        var commissionPath = new Uri(school.Url).AbsolutePath;
        await Assertions.Expect(school.Locator("#commission-state")).ToContainTextAsync("Requested");

        // The broker accepts it and finds leaders: ranked with each score explained, the secondary SLE filtered out with why.
        // The broker asks for more; the school answers on the same page; the broker accepts.
        // The broker's home says what waits for them, with a link to where it is done.
        var broker = await AsAsync("manager@swaledale.test", "/t/swaledale");
        await Assertions.Expect(broker.Locator("#needs-triage")).ToHaveTextAsync("2 support requests to triage"); // the demo's St Chloë's request and this one
        // The menu counts them beside the board, where they are triaged.
        await Assertions.Expect(broker.Locator("#nav-board .nav-count")).ToHaveTextAsync("2");
        await broker.Locator("#needs-triage a").ClickAsync();
        await broker.WaitForURLAsync("**/t/swaledale/brokerage");
        // From here to everyone's agreement, every step is by keyboard alone (Tab, typing, Enter, Space).
        await GoAsync(broker, commissionPath);
        await KeyboardOnly.TypeAsync(broker, broker.Locator("#commission-note"), "Which year groups need the support?");
        await KeyboardOnly.PressAsync(broker, broker.Locator("#commission-askforinformation"));
        await Assertions.Expect(broker.Locator("#commission-state")).ToContainTextAsync("Waiting for more information");
        await GoAsync(school, commissionPath);
        await Assertions.Expect(school.Locator("#broker-note")).ToHaveTextAsync("Which year groups need the support?");
        await KeyboardOnly.TypeAsync(school, school.Locator("#commission-note"), "Year 2, where number fluency is weakest");
        await KeyboardOnly.PressAsync(school, school.Locator("#commission-provideinformation"));
        await Assertions.Expect(school.Locator("#commission-state")).ToContainTextAsync("Requested");
        await CheckAsync(school);
        await GoAsync(broker, commissionPath);
        await Assertions.Expect(broker.Locator("#requester-reply")).ToHaveTextAsync("Year 2, where number fluency is weakest");
        // Accepted by keyboard alone (the page was opened afresh, so the focus starts at its heading).
        await KeyboardOnly.PressAsync(broker, broker.Locator("#commission-accept"));
        await KeyboardOnly.ConfirmAsync(broker, "Accept");
        await Assertions.Expect(broker.Locator("#commission-state")).ToContainTextAsync("Accepted for brokerage");
        // Grace marks herself away on her own profile from the day the support is to start; undated, she is told beside the field.
        var grace = await AsAsync("leader@swaledale.test", "/t/swaledale/my-profile");
        await grace.Locator("#away-save").ClickAsync();
        await Assertions.Expect(grace.GetByText("Enter the first day away as dd/mm/yyyy.")).ToBeVisibleAsync();
        await grace.Locator("#away-from").FillAsync(Day(7));
        await grace.Locator("#away-to").FillAsync(Day(11));
        await grace.Locator("#away-reason").FillAsync("Our own school's inspection");
        await grace.Locator("#away-save").ClickAsync();
        await Assertions.Expect(grace.Locator("#away-list")).ToContainTextAsync("Our own school's inspection");
        await CheckAsync(grace);

        await broker.Locator("#find-leaders").ClickAsync();
        await Assertions.Expect(broker.Locator("#ranked")).ToContainTextAsync("Katherine Johnson");
        await Assertions.Expect(broker.Locator("#ranked")).ToContainTextAsync("Mary Somerville");
        await Assertions.Expect(broker.Locator("#ranked")).ToContainTextAsync("Specialism fit: 35/35");
        await broker.Locator("#excluded summary").ClickAsync();
        await Assertions.Expect(broker.Locator("#excluded")).ToContainTextAsync("Grace Hopper");
        await Assertions.Expect(broker.Locator("#excluded")).ToContainTextAsync("secondary phase, not primary");
        await Assertions.Expect(broker.Locator("#excluded")).ToContainTextAsync($"(their calendar), when the support is to start.");
        await CheckAsync(broker);
        // Her profile opens for the broker from the list, and for nobody else: not a school contact of the alliance, not another alliance's manager.
        var profilePath = await broker.Locator("#excluded a").Filter(new() { HasText = "Grace Hopper" }).GetAttributeAsync("href");
        var others = await AsAsync("contact@swaledale.test", "/t/swaledale");
        Assert.Equal(404, (await others.GotoAsync(profilePath!))!.Status);
        var stranger = await AsAsync("manager@learnersfirst.test", "/t/learners-first");
        Assert.Equal(404, (await stranger.GotoAsync(profilePath!))!.Status);
        await GoAsync(broker, profilePath!);
        await Assertions.Expect(broker.Locator("h1")).ToHaveTextAsync("Grace Hopper: profile and availability");
        await Assertions.Expect(broker.Locator("#away-list")).ToContainTextAsync("Our own school's inspection");
        await CheckAsync(broker);
        await GoAsync(broker, commissionPath);
        await KeyboardOnly.PressAsync(broker, broker.Locator("#find-leaders"));
        await Assertions.Expect(broker.Locator("#ranked")).ToContainTextAsync("Katherine Johnson");
        await KeyboardOnly.PressAsync(broker, broker.GetByRole(AriaRole.Button, new() { Name = "Shortlist Katherine Johnson" }));
        await Assertions.Expect(broker.Locator("#proposals")).ToContainTextAsync("Katherine Johnson");
        // The button gave way to "Shortlisted", and the focus stays there: the keyboard carries on from the same row.
        await Assertions.Expect(broker.Locator("#ranked [id^=shortlisted-]").Filter(new() { HasText = "Katherine Johnson" })).ToBeFocusedAsync();
        // Mary ranks above Katherine: back up the list with Shift+Tab to her button.
        await KeyboardOnly.TabToAsync(broker, broker.GetByRole(AriaRole.Button, new() { Name = "Shortlist Mary Somerville" }), backwards: true);
        await broker.Keyboard.PressAsync("Enter");
        await Assertions.Expect(broker.Locator("#proposals")).ToContainTextAsync("Mary Somerville");

        await ProposeAsync(broker, "Katherine Johnson");

        // Katherine's headteacher refuses, with a reason that is recorded and shown in the feed.
        var head3 = await AsAsync("head3@swaledale.test", "/t/swaledale/agreements");
        await KeyboardOnly.TypeAsync(head3, head3.GetByLabel("Reason, if you refuse (Katherine Johnson supporting Stray Infant School)"), "Our own Ofsted inspection is due this term");
        await KeyboardOnly.PressAsync(head3, head3.GetByRole(AriaRole.Button, new() { Name = "Refuse Katherine Johnson supporting Stray Infant School" }));
        await KeyboardOnly.ConfirmAsync(head3, "Refuse");
        await Assertions.Expect(head3.Locator("#action-notice")).ToContainTextAsync("Your refusal of Katherine Johnson supporting Stray Infant School is recorded");
        await Assertions.Expect(head3.Locator("#asked-of-staff")).ToContainTextAsync("Refused: Our own Ofsted inspection is due this term");
        await CheckAsync(head3);

        // The broker sees the refusal in the feed and proposes Mary instead.
        await GoAsync(broker, commissionPath);
        await Assertions.Expect(broker.Locator("#feed")).ToContainTextAsync("refused the deployment of Katherine Johnson: Our own Ofsted inspection is due this term");
        await ProposeAsync(broker, "Mary Somerville");

        // Everyone agrees from their own list: the leader, her headteacher, then the school (also the commissioner), each
        // by keyboard: Tab to Agree, Enter, and Enter on the confirmation's Agree.
        foreach (var email in new[] { "leader3@swaledale.test", "head2@swaledale.test", "contact@swaledale.test" })
        {
            var party = await AsAsync(email, "/t/swaledale/agreements");
            await KeyboardOnly.PressAsync(party, party.GetByRole(AriaRole.Button, new() { Name = "Agree to Mary Somerville supporting Stray Infant School" }));
            await KeyboardOnly.ConfirmAsync(party, "Agree");
            await Assertions.Expect(party.Locator("#action-notice")).ToContainTextAsync("Your agreement to Mary Somerville supporting Stray Infant School is recorded");
            await Assertions.Expect(party.GetByRole(AriaRole.Button, new() { Name = "Agree to Mary Somerville supporting Stray Infant School" })).ToHaveCountAsync(0);
            await CheckAsync(party);
            await party.CloseAsync();
        }

        await GoAsync(school, commissionPath);
        await Assertions.Expect(school.Locator("#commission-state")).ToContainTextAsync("Brokered");
        await Assertions.Expect(school.Locator("#feed")).ToContainTextAsync("Everyone has agreed: Mary Somerville will support Stray Infant School");
        // The school's own feed shows the refusal too (everyone's business), never the broker's shortlisting.
        await Assertions.Expect(school.Locator("#feed")).Not.ToContainTextAsync("shortlisted");
        await school.Locator("#deployment-link").ClickAsync();
        await school.WaitForURLAsync(new Regex("/deployments/[0-9a-f-]{36}$"));
        await ReadyAsync(school);
        var deploymentPath = new Uri(school.Url).AbsolutePath;
        var agreement = await PdfTextAsync(school, (await school.Locator("#agreement-link").GetAttributeAsync("href"))!);
        Assert.Contains("Deployment agreement", agreement);
        Assert.Contains("Mary Somerville", agreement);
        Assert.Contains("£1,200.00", agreement);

        // The leader schedules two visits (warned before planning past the agreed days), then completes both forms for each.
        var leader = await AsAsync("leader3@swaledale.test", "/t/swaledale/deployments");
        await Assertions.Expect(leader.Locator("#capacity")).ToContainTextAsync("6 days a term");
        await GoAsync(leader, deploymentPath);
        await leader.Locator("#visit-days").FillAsync("5");
        await Assertions.Expect(leader.Locator("#visit-overrun")).ToContainTextAsync("over the 4 days agreed");
        await leader.Locator("#visit-date").FillAsync(Day(1));
        await leader.Locator("#visit-time").FillAsync("09:00");
        await leader.Locator("#visit-days").FillAsync("1");
        await leader.Locator("#visit-location").FillAsync("Stray Infant School, Harrogate");
        await Assertions.Expect(leader.Locator("#visit-overrun")).ToHaveCountAsync(0);
        await leader.Locator("#schedule-visit-button").ClickAsync();
        await Assertions.Expect(leader.Locator("#visits")).ToContainTextAsync(LongDay(1));
        // The second by keyboard alone, on the page opened afresh (it puts the focus on its heading): Tab, type, and Enter
        // on the button, the focus visible at every stop.
        await GoAsync(leader, deploymentPath);
        await KeyboardOnly.TypeAsync(leader, leader.Locator("#visit-date"), UkDay(2));
        await KeyboardOnly.TypeAsync(leader, leader.Locator("#visit-time"), "09:00");
        await KeyboardOnly.TypeAsync(leader, leader.Locator("#visit-days"), "1");
        await KeyboardOnly.TypeAsync(leader, leader.Locator("#visit-location"), "Stray Infant School, Harrogate");
        await KeyboardOnly.PressAsync(leader, leader.Locator("#schedule-visit-button"));
        await Assertions.Expect(leader.Locator("#visits")).ToContainTextAsync(LongDay(2));
        await CheckAsync(leader);
        var ics = await leader.Context.APIRequest.GetAsync((await leader.GetByRole(AriaRole.Link, new() { Name = $"Add to calendar (visit on {LongDay(1)})" }).GetAttributeAsync("href"))!);
        Assert.Equal(200, ics.Status);
        Assert.Contains("BEGIN:VCALENDAR", await ics.TextAsync());

        // Money only for what happened: the visits cannot be recorded until they have taken place; then the days pass.
        await Assertions.Expect(leader.GetByRole(AriaRole.Button, new() { Name = $"Record the visit on {LongDay(1)}" })).ToHaveCountAsync(0);
        await Assertions.Expect(leader.Locator("#visits")).ToContainTextAsync("Record it once it has taken place");
        await app.AdvanceClockAsync(TimeSpan.FromDays(3));
        await GoAsync(leader, deploymentPath);
        foreach (var offset in new[] { 1, 2 })
        {
            if (offset == 1)
            {
                await leader.GetByRole(AriaRole.Button, new() { Name = $"Record the visit on {LongDay(offset)}" }).ClickAsync();
                await leader.Locator("#record-summary").FillAsync($"Joint planning of the year 2 maths unit, visit {offset}");
                await leader.Locator("#record-actions").FillAsync("Maths lead to trial the new starter activities");
                await CheckAsync(leader);
                await leader.Locator("#submit-record").ClickAsync();
            }
            else
            {
                // The second visit recorded by keyboard alone, on the page opened afresh.
                await GoAsync(leader, deploymentPath);
                await KeyboardOnly.PressAsync(leader, leader.GetByRole(AriaRole.Button, new() { Name = $"Record the visit on {LongDay(offset)}" }));
                // The form takes the focus to its first field.
                await Assertions.Expect(leader.Locator("#record-summary")).ToBeFocusedAsync();
                await KeyboardOnly.TypeAsync(leader, leader.Locator("#record-summary"), $"Joint planning of the year 2 maths unit, visit {offset}");
                await KeyboardOnly.TypeAsync(leader, leader.Locator("#record-actions"), "Maths lead to trial the new starter activities");
                await KeyboardOnly.PressAsync(leader, leader.Locator("#submit-record"));
            }
            await Assertions.Expect(leader.Locator("#action-notice")).ToContainTextAsync("Visit Record sent");
            await leader.GetByRole(AriaRole.Button, new() { Name = $"Evaluate the visit on {LongDay(offset)}" }).ClickAsync();
            await ChooseAsync(leader, "Progress made (1 poor to 5 excellent)", "4");
            await leader.Locator("#evaluation-worked").FillAsync("The maths lead took the planning on herself");
            await leader.Locator("#submit-visit-evaluation").ClickAsync();
            await Assertions.Expect(leader.Locator("#action-notice")).ToContainTextAsync("Visit Evaluation sent");
        }
        await Assertions.Expect(leader.Locator("#days-used")).ToContainTextAsync("2 days logged of 4 days agreed");
        await CheckAsync(leader);

        // The broker reviews progress and marks the deployment complete from the moves offered.
        await GoAsync(broker, deploymentPath);
        await ChooseAsync(broker, "Objective", "Secure fluency in number facts in year 2");
        await ChooseAsync(broker, "Status", "On track");
        await broker.Locator("#save-review").ClickAsync();
        // Wait for the saved review itself (the form's own select already says "On track"), so the next step acts on the saved page.
        await Assertions.Expect(broker.Locator("#action-notice")).ToContainTextAsync("Review recorded");
        await Assertions.Expect(broker.Locator("#objective-reviews")).ToContainTextAsync("On track");
        await Assertions.Expect(broker.Locator("#deployment-pause")).ToBeVisibleAsync();
        await broker.Locator("#deployment-complete").ClickAsync();
        await ConfirmAsync(broker, "Complete");
        await Assertions.Expect(broker.Locator("#deployment-state")).ToContainTextAsync("Completed");
        await CheckAsync(broker);

        // The school sees the visit records (not the leader's own evaluations) and completes the Deployment Evaluation.
        await GoAsync(school, deploymentPath);
        await Assertions.Expect(school.Locator("#visits")).ToContainTextAsync("Joint planning of the year 2 maths unit, visit 1");
        await Assertions.Expect(school.Locator("#visits")).Not.ToContainTextAsync("took the planning on herself");
        await ChooseAsync(school, "Objective 1: Secure fluency in number facts in year 2", "5");
        await ChooseAsync(school, "Objective 2: Build the maths lead's coaching skills", "4");
        await ChooseAsync(school, "Leadership capacity built", "4");
        await school.Locator("#evaluation-impact").FillAsync("Year 2 number fluency checks rose from 58% to 81%");
        await school.Locator("#submit-evaluation").ClickAsync();
        await Assertions.Expect(school.Locator("#deployment-evaluation")).ToContainTextAsync("Completed by Tom Reid");
        await CheckAsync(school);

        // Reimbursement: the broker drafts the term's claim, Mary's headteacher submits it, the broker approves it.
        await GoAsync(broker, "/t/swaledale/claims");
        await broker.GetByRole(AriaRole.Button, new() { Name = "Generate claims", Exact = false }).First.ClickAsync();
        await Assertions.Expect(broker.Locator("#claims")).ToContainTextAsync("Wensleydale Head Primary School");
        await CheckAsync(broker);
        await broker.Locator("#claims a").Filter(new() { HasText = "Wensleydale Head Primary School" }).First.ClickAsync();
        await broker.WaitForURLAsync(new Regex("/claims/[0-9a-f-]{36}$"));
        await ReadyAsync(broker);
        var claimPath = new Uri(broker.Url).AbsolutePath;
        await Assertions.Expect(broker.Locator("#claim-approve")).ToHaveCountAsync(0);

        var head2 = await AsAsync("head2@swaledale.test", claimPath);
        await head2.Locator("#claim-submit").ClickAsync();
        await ConfirmAsync(head2, "Submit");
        await Assertions.Expect(head2.Locator("#claim-state")).ToContainTextAsync("Submitted");
        await Assertions.Expect(head2.Locator("#claim-submit")).ToHaveCountAsync(0);
        await CheckAsync(head2);

        await GoAsync(broker, claimPath);
        await broker.Locator("#claim-approve").ClickAsync();
        await ConfirmAsync(broker, "Approve");
        await Assertions.Expect(broker.Locator("#claim-state")).ToContainTextAsync("Approved");
        await Assertions.Expect(broker.Locator("#claim-markpaid")).ToBeEnabledAsync();
        await CheckAsync(broker);
        var statement = await PdfTextAsync(broker, (await broker.Locator("#statement-link").GetAttributeAsync("href"))!);
        Assert.Contains("Reimbursement claim statement", statement);
        Assert.Contains("Wensleydale Head Primary School", statement);
        Assert.Contains("£600.00", statement);
        Assert.Contains("Approved", statement);

        // The finance export for the term has a row per logged day; the school's contact cannot have it, nor the statement.
        await GoAsync(broker, "/t/swaledale/claims");
        var csvHref = await broker.Locator("#finance-exports a").First.GetAttributeAsync("href");
        var csv = await broker.Context.APIRequest.GetAsync(csvHref!);
        Assert.Equal(200, csv.Status);
        var rows = (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Mary's two days (the demo's other leaders' days and Grace's JPD session this term are in the export too).
        var days = rows.Skip(1).Where(r => r.Contains("Mary Somerville,Stray Infant School", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, days.Count);
        Assert.Contains(",Approved,", days[0]);
        Assert.Contains("Mary Somerville,Stray Infant School,2,300.00,300.00,600.00", days[0]);
        Assert.Equal(404, (await school.Context.APIRequest.GetAsync(csvHref!)).Status);
        var refused = await school.Context.APIRequest.GetAsync(claimPath + "/statement.pdf");
        Assert.Equal(404, refused.Status);
    }
}
