using Bunit;
using SystemLeadership.Web.Components.Layout;

namespace SystemLeadership.Web.Tests.Layout;

/// <summary>The theme is one cached stylesheet, not inline CSS in every page.</summary>
public class AppThemeTests : MudTestContext
{
    [Fact]
    public void The_stylesheet_carries_the_products_colours_as_mudblazor_variables()
    {
        Assert.Contains("--mud-palette-primary:", AppTheme.Css, StringComparison.Ordinal);
        Assert.Contains("29,79,115", AppTheme.Css.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // Plain CSS: a leftover tag would make the browser drop the first rule, the one with every variable.
        Assert.DoesNotContain("<", AppTheme.Css, StringComparison.Ordinal);
        Assert.StartsWith(":root", AppTheme.Css, StringComparison.Ordinal);
        Assert.Contains("--mud-zindex-dialog:", AppTheme.Css, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{16}$", AppTheme.Version);
    }

    [Fact]
    public void The_theme_provider_writes_nothing_into_the_page()
    {
        var provider = Render<ThemeStylesheet>();
        Assert.Equal("", provider.Markup.Trim());
    }
}
