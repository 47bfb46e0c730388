using System.Diagnostics;
using System.Net;
using Microsoft.Playwright;
using SystemLeadership.Testing;
using static SystemLeadership.EndToEnd.Tests.Steps;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>
/// Two app nodes on one database behind HAProxy (LocalHaproxy, configured as scripts/cluster.sh configures it): the
/// tests go through the proxy.
/// </summary>
public sealed class TwoNodeHost : AppHost
{
    private readonly List<string> _secondOutput = [];
    private Process? _second;
    private LocalHaproxy? _proxy;

    public string SecondNodeUrl { get; private set; } = "";

    protected override async Task StartMoreAsync()
    {
        SecondNodeUrl = $"http://127.0.0.1:{SystemLeadership.Infrastructure.Database.LocalPostgres.FreePort()}";
        _second = StartNode(SecondNodeUrl, Database, Settings, _secondOutput);
        await WaitUntilHealthyAsync(SecondNodeUrl, _second, () => { lock (_secondOutput) return string.Join('\n', _secondOutput.TakeLast(80)); });
        await WarmAsync(SecondNodeUrl);
        _proxy = LocalHaproxy.Start(new Uri(NodeUrl), new Uri(SecondNodeUrl));
        BaseUrl = _proxy.Url;
    }

    /// <summary>The node the proxy's cookie pins this page's browser to: "node1" or "node2".</summary>
    public static async Task<string> PinnedNodeAsync(IPage page) =>
        (await page.Context.CookiesAsync()).Single(c => c.Name == "SL_NODE").Value;

    /// <summary>Kills a node at once, as a crash would.</summary>
    public void Kill(string node)
    {
        var process = node == "node1" ? AppProcess : _second;
        process?.Kill(entireProcessTree: true);
        process?.WaitForExit();
    }

    public override async Task DisposeAsync()
    {
        _proxy?.Dispose();
        if (_second is { HasExited: false })
        {
            _second.Kill(entireProcessTree: true);
            await _second.WaitForExitAsync();
        }
        _second?.Dispose();
        await base.DisposeAsync();
    }
}

public class TwoNodeTests(TwoNodeHost app) : IClassFixture<TwoNodeHost>
{
    [Fact]
    public async Task Through_the_proxy_a_manager_works_on_either_node_and_carries_on_when_theirs_dies()
    {
        // Signed in through the proxy; the schemes page becomes interactive, so its circuit's WebSocket passes through
        // (the alliance's home is a static page, with no circuit).
        var page = await app.NewPageAsync();
        await SignInAsync(page, "manager@swaledale.test");
        await GoAsync(page, "/t/swaledale/schemes");
        var pinned = await TwoNodeHost.PinnedNodeAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Designations", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/t/swaledale/designations**");
        await ReadyAsync(page);

        // The other node accepts the sign-in cookie the first issued, and a form token it rendered:
        // the data-protection key ring is shared through the database.
        var cookies = await page.Context.CookiesAsync();
        var jar = new CookieContainer();
        foreach (var c in cookies) jar.Add(new System.Net.Cookie(c.Name, c.Value, c.Path, "127.0.0.1"));
        var other = pinned == "node1" ? app.SecondNodeUrl : app.NodeUrl;
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }))
        {
            var home = await http.GetAsync(other + "/t/swaledale");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("Swaledale", await home.Content.ReadAsStringAsync());

            var form = await (await http.GetAsync((pinned == "node1" ? app.NodeUrl : app.SecondNodeUrl) + "/Account/Manage")).Content.ReadAsStringAsync();
            var token = Steps.FormToken(form);
            Assert.NotEmpty(token);
            using var post = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "profile", ["Input.PhoneNumber"] = "",
            });
            var answer = await http.PostAsync(other + "/Account/Manage", post);
            // Refused as a forged form, it would be 400; saved, the page answers or redirects.
            Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"the other node answered {answer.StatusCode}");
        }

        // Their node dies. The next page goes, through the same proxy and cookie, to the other node: still signed in.
        app.Kill(pinned);
        await GoAsync(page, "/t/swaledale/designations");
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Designations");
        Assert.NotEqual(pinned, await TwoNodeHost.PinnedNodeAsync(page));
    }
}
