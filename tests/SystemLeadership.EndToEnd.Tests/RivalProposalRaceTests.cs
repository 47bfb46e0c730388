using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static SystemLeadership.EndToEnd.Tests.Steps;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>
/// The demo's Swaledale Bridge request has two rival proposals, Grace Hopper's and Katherine Johnson's, each waiting only
/// for the leader's headteacher. Its own app, so the agreement it makes changes no other test's leaders.
/// </summary>
public partial class RivalProposalRaceTests(AppHost app) : IClassFixture<AppHost>
{
    private const string School = "Swaledale Bridge Community Primary School";

    [Fact]
    public async Task Two_headteachers_agreeing_rival_proposals_at_once_make_one_deployment_and_the_other_is_told_in_words()
    {
        var david = await AgreementsAsync("head@swaledale.test");
        var samuel = await AgreementsAsync("head3@swaledale.test");
        var grace = Agree(david, "Grace Hopper");
        var katherine = Agree(samuel, "Katherine Johnson");
        await Assertions.Expect(grace).ToBeVisibleAsync();
        await Assertions.Expect(katherine).ToBeVisibleAsync();

        // Both press Agree, then both confirm, at once.
        await Task.WhenAll(grace.ClickAsync(), katherine.ClickAsync());
        await Task.WhenAll(Confirm(david).ClickAsync(), Confirm(samuel).ClickAsync());

        List<string> outcomes = [];
        foreach (var (page, leader) in new[] { (david, "Grace Hopper"), (samuel, "Katherine Johnson") })
        {
            var told = page.GetByRole(AriaRole.Alert).Filter(new() { HasTextRegex = ToldInWords() });
            // Agreed, it leaves the cards waiting for them and shows as agreed among those asked of their staff.
            var agreed = page.Locator("#asked-of-staff tr").Filter(new() { HasText = leader }).Filter(new() { HasText = School }).GetByText("Agreed", new() { Exact = true });
            await Assertions.Expect(told.Or(agreed).First).ToBeVisibleAsync();
            outcomes.Add(await told.CountAsync() > 0 ? "told" : "agreed");
            Assert.Equal(0, await page.Locator("#blazor-error-ui:visible").CountAsync());
        }
        Assert.Equal(["agreed", "told"], outcomes.Order());

        // After a reload, the winner's proposal is agreed with its deployment, and the other is closed: one deployment.
        var (winner, winnerName, loser, loserName) = outcomes[0] == "agreed"
            ? (david, "Grace Hopper", samuel, "Katherine Johnson")
            : (samuel, "Katherine Johnson", david, "Grace Hopper");
        await OpenProposalAsync(winner, winnerName);
        await Assertions.Expect(winner.Locator("#proposal-state")).ToHaveTextAsync("Agreed");
        await Assertions.Expect(winner.Locator("#deployment-link")).ToBeVisibleAsync();
        await OpenProposalAsync(loser, loserName);
        await Assertions.Expect(loser.Locator("#proposal-state")).ToHaveTextAsync("Closed");
        await Assertions.Expect(loser.Locator("#deployment-link")).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(loser);
    }

    private async Task<IPage> AgreementsAsync(string email)
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page, email);
        await GoAsync(page, "/t/swaledale/agreements");
        return page;
    }

    private static ILocator Agree(IPage page, string leader) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Agree to {leader} supporting {School}" });

    private static ILocator Confirm(IPage page) => page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Agree", Exact = true });

    private static async Task OpenProposalAsync(IPage page, string leader)
    {
        await GoAsync(page, "/t/swaledale/agreements");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Open the proposal for {leader} at {School}" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/proposals/[0-9a-f-]{36}$"));
        await ReadyAsync(page);
    }

    [GeneratedRegex("changed by someone else|was agreed first")]
    private static partial Regex ToldInWords();
}
