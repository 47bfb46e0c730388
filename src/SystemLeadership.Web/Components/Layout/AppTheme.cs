using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace SystemLeadership.Web.Components.Layout;

/// <summary>
/// The product's MudBlazor theme, served once as a cached stylesheet (/theme.css) instead of ~12 KB of inline
/// &lt;style&gt; in every page: App.razor links the file, and no theme provider is placed in the layout (each one
/// builds a whole default MudTheme, palettes and colours, for every page rendered).
/// </summary>
public static partial class AppTheme
{
    // Dark-enough primary for white app bar text at WCAG AA contrast.
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4f73",
            Secondary = "#7a3e65",
            AppbarBackground = "#1d4f73",
            Success = "#1e6b34",
            Warning = "#8a5300",
            Error = "#b3261e",
            Info = "#1f5f9e",
        },
    };

    private static readonly Lazy<(string Css, string ETag)> Built = new(() =>
    {
        var css = StyleTags().Replace(new ThemeStylesheet().Css(), "").Trim();
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..16] + "\"";
        return (css, etag);
    });

    public static string Css => Built.Value.Css;

    /// <summary>A short hash of the stylesheet, for its address (changes when the theme does) and its ETag.</summary>
    public static string Version => Built.Value.ETag.Trim('"');

    public static void MapThemeStylesheet(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/theme.css", (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                http.Response.Headers.ETag = Built.Value.ETag;
                return Results.Text(Css, "text/css; charset=utf-8");
            })
            .AllowAnonymous();

    [GeneratedRegex("</?style[^>]*>")]
    private static partial Regex StyleTags();
}

/// <summary>
/// MudBlazor's theme provider, used only to write /theme.css (<see cref="Css"/>); were it placed in a page, it would
/// write nothing there.
/// </summary>
public sealed class ThemeStylesheet : MudThemeProvider
{
    public ThemeStylesheet() => Theme = AppTheme.Theme;

    /// <summary>What MudThemeProvider would write inline: the theme's variables and the scrollbar style.</summary>
    public string Css() => BuildTheme() + "\n" + BuildMudBlazorScrollbar();

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        // Nothing inline: App.razor links /theme.css.
    }
}
