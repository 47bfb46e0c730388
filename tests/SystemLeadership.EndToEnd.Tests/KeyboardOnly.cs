using Microsoft.Playwright;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>
/// A person with a keyboard only: Tab from the skip link to each control, type, and press Enter or Space, with the focus
/// visible at every stop on the way. No mouse clicks.
/// </summary>
public static class KeyboardOnly
{
    /// <summary>Null when the focused element shows that it has the focus; otherwise what has it, for the message.</summary>
    private const string FocusProblem = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return 'nothing has the focus';
          const shows = el => { const s = getComputedStyle(el); return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
          if (shows(e)) return null;
          // MudBlazor's outlined fields show the focus on the field's border, drawn thicker.
          const border = e.closest('.mud-input')?.querySelector('.mud-input-outlined-border');
          if (border && parseFloat(getComputedStyle(border).borderTopWidth) >= 2) return null;
          return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
        }
        """;

    /// <summary>
    /// The skip link, the first thing on every page: Enter on it moves the focus to the page's content and stays on the
    /// page. (A page just loaded puts the focus on its heading already, so a keyboard user starts there.)
    /// </summary>
    public static async Task SkipToContentAsync(IPage page)
    {
        var skip = page.Locator(".skip-link");
        // Its address is this page's own, so it stays here even without the script (the document's base is the site root).
        Assert.Equal(page.Url.Split('#')[0] + "#main-content", await skip.EvaluateAsync<string>("e => e.href"));
        await skip.FocusAsync();
        await AssertFocusVisibleAsync(page);
        var path = new Uri(page.Url).AbsolutePath;
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#main-content")).ToBeFocusedAsync();
        Assert.Equal(path, new Uri(page.Url).AbsolutePath);
    }

    /// <summary>Presses Tab until the target has the focus, checking the focus is visible at each stop.</summary>
    public static async Task TabToAsync(IPage page, ILocator target, int most = 150)
    {
        // Already there (the page moved the focus to it): nothing to press.
        if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
        {
            await AssertFocusVisibleAsync(page);
            return;
        }
        for (var presses = 1; presses <= most; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            await AssertFocusVisibleAsync(page);
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }
        Assert.Fail($"{target} was not reached in {most} presses of Tab.");
    }

    /// <summary>Tabs to a field and types into it (what was there is replaced).</summary>
    public static async Task TypeAsync(IPage page, ILocator field, string text)
    {
        await TabToAsync(page, field);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to a button or link and presses Enter on it.</summary>
    public static async Task PressAsync(IPage page, ILocator control, int most = 150)
    {
        await TabToAsync(page, control, most);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Tabs to a checkbox and presses Space on it.</summary>
    public static async Task TickAsync(IPage page, ILocator checkbox)
    {
        await TabToAsync(page, checkbox);
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(checkbox).ToBeCheckedAsync();
    }

    /// <summary>
    /// Answers a confirmation (what will happen, who is emailed) by keyboard: it takes the focus when it opens, so its
    /// action is a few presses of Tab away, not the whole page's; Enter on it closes it.
    /// </summary>
    public static async Task ConfirmAsync(IPage page, string action)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Emailed:");
        await Accessibility.AssertNoViolationsAsync(page);
        await PressAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }), most: 5);
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    private static async Task AssertFocusVisibleAsync(IPage page)
    {
        var problem = await page.EvaluateAsync<string?>(FocusProblem);
        Assert.True(problem is null, $"The focus is not visible on {problem}");
    }
}
