using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static SystemLeadership.EndToEnd.Tests.Steps;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>The brokerage flow's steps it takes more than once, and its days.</summary>
public partial class BrokerageFlowTests
{
    /// <summary>Today as the app sees it: the UK's day, a day ahead of UTC's in the summer hour before midnight.</summary>
    private static DateOnly UkToday => SystemLeadership.Domain.Common.UkTime.Day(DateTimeOffset.UtcNow);

    private static string Day(int fromToday) => UkToday.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string UkDay(int fromToday) => UkToday.AddDays(fromToday).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string LongDay(int fromToday) => UkToday.AddDays(fromToday).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>axe-core after a step (it waits for MudBlazor's fade back from disabled to finish).</summary>
    private static Task CheckAsync(IPage page) => Accessibility.AssertNoViolationsAsync(page);

    /// <summary>Opens the shortlisted leader's draft, completes the terms and sends it for agreement, by keyboard alone.</summary>
    private static async Task ProposeAsync(IPage broker, string leader)
    {
        await KeyboardOnly.PressAsync(broker, broker.GetByRole(AriaRole.Link, new() { Name = $"Edit and propose the proposal for {leader}" }));
        await broker.WaitForURLAsync(new Regex("/proposals/[0-9a-f-]{36}$"));
        await ReadyAsync(broker);
        await KeyboardOnly.TypeAsync(broker, broker.Locator("#objectives"), "Secure fluency in number facts in year 2\nBuild the maths lead's coaching skills");
        await KeyboardOnly.TypeAsync(broker, broker.Locator("#expected-impact"), "Year 2 pupils at the expected standard in number");
        await KeyboardOnly.TypeAsync(broker, broker.Locator("#support-approach"), "Coaching the maths lead; joint planning and lesson observation");
        await KeyboardOnly.TypeAsync(broker, broker.Locator("#proposal-days"), "4");
        await KeyboardOnly.TypeAsync(broker, broker.Locator("#pattern"), "Half a day a week");
        await Assertions.Expect(broker.Locator("#financial-terms")).ToContainTextAsync("£1,200.00");
        await CheckAsync(broker);
        await KeyboardOnly.PressAsync(broker, broker.Locator("#propose"));
        await Assertions.Expect(broker.Locator("#proposal-state")).ToContainTextAsync("Waiting for agreement");
        await Assertions.Expect(broker.Locator("#consents")).ToContainTextAsync("The leader's headteacher (or chair of governors): waiting");
        var commission = await broker.GetByRole(AriaRole.Link, new() { Name = "The support request" }).GetAttributeAsync("href");
        await GoAsync(broker, commission!);
    }
}
