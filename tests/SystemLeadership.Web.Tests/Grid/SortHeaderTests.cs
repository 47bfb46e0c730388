using Bunit;
using SystemLeadership.Web.Components.Shared.Grid;

namespace SystemLeadership.Web.Tests.Grid;

/// <summary>A column heading says the order the list is in, and its link asks for the other one.</summary>
public class SortHeaderTests : MudTestContext
{
    private IRenderedComponent<SortHeader> Heading(string? current, bool descending, bool defaultDescending) =>
        Render<SortHeader>(p => p.Add(x => x.Text, "Starts").Add(x => x.Key, "start").Add(x => x.Current, current)
            .Add(x => x.Descending, descending).Add(x => x.IsDefault, true).Add(x => x.DefaultDescending, defaultDescending)
            .Add(x => x.Link, (key, desc) => $"?sort={key}&desc={desc}"));

    [Fact]
    public void A_list_in_its_default_newest_first_order_says_descending_and_its_heading_asks_for_oldest_first()
    {
        var th = Heading(current: null, descending: false, defaultDescending: true).Find("th");
        Assert.Equal("descending", th.GetAttribute("aria-sort"));
        Assert.Equal("?sort=start&desc=False", th.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("▼", th.TextContent);
    }

    [Fact]
    public void A_list_asked_for_oldest_first_says_ascending_and_its_heading_asks_for_newest_first()
    {
        var th = Heading(current: "start", descending: false, defaultDescending: true).Find("th");
        Assert.Equal("ascending", th.GetAttribute("aria-sort"));
        Assert.Equal("?sort=start&desc=True", th.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void A_default_order_from_a_to_z_says_ascending()
    {
        var th = Heading(current: null, descending: false, defaultDescending: false).Find("th");
        Assert.Equal("ascending", th.GetAttribute("aria-sort"));
        Assert.Equal("?sort=start&desc=True", th.QuerySelector("a")!.GetAttribute("href"));
    }
}
