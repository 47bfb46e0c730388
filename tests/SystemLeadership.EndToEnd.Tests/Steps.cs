using Microsoft.Playwright;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>The steps every browser test repeats: signing in, waiting for the page to be live, following an emailed link.</summary>
public static partial class Steps
{
    /// <summary>The antiforgery token a page's form carries, decoded as it is posted back ("" when the page has none).</summary>
    public static string FormToken(string html) => System.Net.WebUtility.HtmlDecode(FormTokenField().Match(html).Groups[1].Value);

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex FormTokenField();

    public const string Password = "Demo-Password-2026!";

    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
    }

    /// <summary>
    /// Waits until the circuit is interactive on the page at the current address (or the page is a static one, which
    /// starts none) and the tenant has loaded, then checks the page with axe-core.
    /// </summary>
    public static async Task ReadyAsync(IPage page)
    {
        // The marker of this address: after a navigation inside the circuit the last page's marker is still there.
        var path = new Uri(page.Url).AbsolutePath;
        await page.Locator($"#interactive[data-at='{path}'], #static-page[data-at='{path}']").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator("#tenant-loading").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.Locator("main h1").First.WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
    }

    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await ReadyAsync(page);
    }

    /// <summary>The development mailbox: a static page, so there is no circuit to wait for.</summary>
    public static async Task OpenMailboxAsync(IPage page)
    {
        await page.GotoAsync("/dev/mail");
        await page.Locator("main h1").First.WaitForAsync();
    }

    /// <summary>On a scheme's start page (from "Apply" on the alliance's home): what starting means, then start it.</summary>
    public static async Task StartApplicationAsync(IPage page)
    {
        await page.WaitForURLAsync("**/apply/*");
        await ReadyAsync(page);
        await Assertions.Expect(page.Locator("#start-explained")).ToContainTextAsync("Nothing is sent until you submit it");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the application", Exact = true }).ClickAsync();
    }

    /// <summary>Opens the newest email with this subject in the development mailbox and follows its first link.</summary>
    public static async Task FollowEmailLinkAsync(IPage page, string subject)
    {
        await OpenMailboxAsync(page);
        var email = page.Locator(".email").Filter(new() { HasText = subject }).First;
        await email.GetByRole(AriaRole.Link).First.ClickAsync();
    }

    /// <summary>
    /// Answers the confirmation a consequential move asks for (what will happen, who is emailed), checking it with axe,
    /// by pressing its action button.
    /// </summary>
    public static async Task ConfirmAsync(IPage page, string action)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Emailed:");
        await Accessibility.AssertNoViolationsAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    /// <summary>Chooses an option in the MudSelect whose label is given.</summary>
    public static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.Locator(".mud-select").Filter(new() { HasText = label }).First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).First.ClickAsync();
        await page.Locator(".mud-popover-open").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    public static async Task<string> PdfTextAsync(IPage page, string href)
    {
        var response = await page.Context.APIRequest.GetAsync(href);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.BodyAsync());
        return string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}
