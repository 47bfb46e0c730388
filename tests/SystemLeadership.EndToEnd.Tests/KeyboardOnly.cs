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

    /// <summary>Presses Tab (or Shift+Tab, backwards) until the target has the focus, checking the focus is visible at each stop.</summary>
    public static async Task TabToAsync(IPage page, ILocator target, int most = 150, bool within = false, bool backwards = false)
    {
        // The target itself has the focus, or (for a composite control) something inside it.
        var reached = within ? "e => e.contains(document.activeElement)" : "e => e === document.activeElement";
        // Already there (the page moved the focus to it): nothing to press.
        if (await target.EvaluateAsync<bool>(reached))
        {
            await AssertFocusVisibleAsync(page);
            return;
        }
        for (var presses = 1; presses <= most; presses++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            await AssertFocusVisibleAsync(page);
            if (await target.EvaluateAsync<bool>(reached)) return;
        }
        Assert.Fail($"{target} was not reached in {most} presses of Tab.");
    }

    /// <summary>Tabs to a field (forwards, or back with Shift+Tab) and types into it (what was there is replaced).</summary>
    public static async Task TypeAsync(IPage page, ILocator field, string text, bool backwards = false)
    {
        await TabToAsync(page, field, backwards: backwards);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to a button or link and presses Enter on it.</summary>
    public static async Task PressAsync(IPage page, ILocator control, int most = 150)
    {
        await TabToAsync(page, control, most);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>
    /// Chooses an option of a MudSelect by keyboard: Tab to it, open it with the down arrow, move down the options with
    /// the arrow until the one asked for is the active one, press Enter to choose it and Escape to close the list.
    /// </summary>
    public static async Task ChooseAsync(IPage page, string label, string option)
    {
        var select = page.Locator(".mud-select").Filter(new() { HasText = label }).First;
        await TabToAsync(page, select, within: true);
        await page.Keyboard.PressAsync("ArrowDown");
        var list = page.Locator(".mud-popover-open [role=listbox]");
        await list.WaitForAsync();
        // The option the arrows have reached: the select names it as its active descendant.
        const string Active = """
            () => {
              const id = document.activeElement?.getAttribute('aria-activedescendant');
              const item = id && document.getElementById(id);
              return item ? item.textContent.trim() : '';
            }
            """;
        var active = await page.EvaluateAsync<string>(Active);
        for (var presses = 0; presses < 30; presses++)
        {
            if (active == option)
            {
                // Enter chooses it (the select shows it); Escape closes the list, leaving the focus on the select.
                await page.Keyboard.PressAsync("Enter");
                await Assertions.Expect(select.Locator(".mud-select-input").First).ToContainTextAsync(option);
                await page.Keyboard.PressAsync("Escape");
                await list.WaitForAsync(new() { State = WaitForSelectorState.Detached });
                await Assertions.Expect(select).ToContainTextAsync(option);
                return;
            }
            await page.Keyboard.PressAsync("ArrowDown");
            // Each press is answered by the circuit: wait for the active option to move before reading it. A press that
            // lands while the list is still opening moves nothing: the next turn presses again.
            try
            {
                await page.WaitForFunctionAsync($"() => ({Active})() !== {System.Text.Json.JsonSerializer.Serialize(active)}", null, new() { Timeout = 3_000 });
            }
            catch (TimeoutException)
            {
            }
            active = await page.EvaluateAsync<string>(Active);
        }
        Assert.Fail($"'{option}' never became the active option of '{label}' with the down arrow.");
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
