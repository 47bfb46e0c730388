using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using SystemLeadership.Testing;

namespace SystemLeadership.EndToEnd.Tests;

/// <summary>
/// The real application, started as its own process on a free loopback port against a fresh database, and real
/// Chromium (Debian's) driven by Playwright. One per test class.
/// </summary>
public class AppHost : IAsyncLifetime
{
    private Process? _app;

    /// <summary>The first app node's process.</summary>
    protected Process? AppProcess => _app;
    private PostgresServer? _server;
    private TestDatabaseConnections? _database;
    private IPlaywright? _playwright;
    private readonly List<string> _output = [];

    /// <summary>Where the tests go: the app, or the proxy in front of its nodes (<see cref="TwoNodeHost"/>).</summary>
    public string BaseUrl { get; protected set; } = "";

    /// <summary>The first (or only) app node's own address.</summary>
    public string NodeUrl { get; private set; } = "";

    /// <summary>The app's database, for a host that starts a second node on it.</summary>
    protected TestDatabaseConnections Database => _database ?? throw new InvalidOperationException("Not started.");

    /// <summary>The owner's connection to the app's database, for counting rows a test must not have left behind.</summary>
    public string OwnerConnection => _database?.Owner ?? throw new InvalidOperationException("Not started.");

    /// <summary>The administrator's connection to the app's database, past every policy: to act as the sender would on any tenant's email.</summary>
    public string AdminConnection => _database?.Admin ?? throw new InvalidOperationException("Not started.");

    /// <summary>Settings this host adds to the app's environment (e.g. a raised rate limit for a test that posts a corpus).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>Whether the tests drive Chromium; an HTTP-only suite does without.</summary>
    protected virtual bool UsesBrowser => true;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        var demo = await Demo.Value;
        _database = await _server.CreateDatabaseAsync(demo.Name);
        var port = SystemLeadership.Infrastructure.Database.LocalPostgres.FreePort();
        BaseUrl = NodeUrl = $"http://127.0.0.1:{port}";
        await demo.MoveLinksAsync(_database, BaseUrl);

        _app = StartNode(BaseUrl, _database, Settings, _output);
        try
        {
            await WaitUntilHealthyAsync(BaseUrl, _app, Output);
            await WarmAsync(BaseUrl);
            await StartMoreAsync();
            if (UsesBrowser) await LaunchBrowserAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop the app here, or it outlives the test run.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The migrated template with the demo data in it, made once per run by starting the app on a copy of the template
    /// and stopping it gracefully: each class then starts on a copy of it in a few seconds instead of writing the demo
    /// again (about 12 s on 2 cores). What the app does on an empty database is the same as before, once.
    /// </summary>
    private static readonly Lazy<Task<DemoTemplate>> Demo = new(SeedDemoAsync);

    private static async Task<DemoTemplate> SeedDemoAsync()
    {
        var server = await PostgresServer.GetAsync();
        var database = await server.CreateDatabaseAsync();
        var url = $"http://127.0.0.1:{SystemLeadership.Infrastructure.Database.LocalPostgres.FreePort()}";
        var output = new List<string>();
        using var app = StartNode(url, database, new Dictionary<string, string>(), output);
        try
        {
            await WaitUntilHealthyAsync(url, app, () => { lock (output) return string.Join('\n', output.TakeLast(80)); });
        }
        finally
        {
            await StopAsync(app);
        }
        return new DemoTemplate(database.Name, url);
    }

    /// <summary>Stops a node as an operator would (SIGTERM: an email being sent is finished and recorded), killing it after 30 s.</summary>
    private static async Task StopAsync(Process app)
    {
        if (app.HasExited) return;
        // SIGTERM straight from libc: a slim Debian image has no kill program.
        _ = Signals.Kill(app.Id, Signals.Terminate);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await app.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    /// <summary>The seeded database, and the address of the node that wrote it (its emails' links begin with it).</summary>
    private sealed record DemoTemplate(string Name, string SeededAt)
    {
        /// <summary>Points the copied demo emails' links at the node that will serve this copy.</summary>
        public async Task MoveLinksAsync(TestDatabaseConnections database, string url)
        {
            await using var connection = new Npgsql.NpgsqlConnection(database.Admin);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "UPDATE \"OutboxEmails\" SET \"TextBody\" = replace(\"TextBody\", @seeded, @url) WHERE strpos(\"TextBody\", @seeded) > 0", connection);
            command.Parameters.AddWithValue("seeded", SeededAt);
            command.Parameters.AddWithValue("url", url);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// A few signed-out pages once, so a class's first steps do not meet a node still compiling its code (writing the
    /// demo used to do that for each class): a click that lands while the first page is slow to draw can be lost.
    /// </summary>
    internal static async Task WarmAsync(string url)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        foreach (var path in new[] { "/", "/Account/Login", "/directory" })
        {
            using var response = await http.GetAsync(path);
        }
    }

    /// <summary>Called once the app is healthy, before the browser starts: a host with more parts starts them here.</summary>
    protected virtual Task StartMoreAsync() => Task.CompletedTask;

    private async Task LaunchBrowserAsync()
    {
        // A 2-core CI machine can take more than Playwright's default 5 s to finish a step that saves, emails and reloads.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-GB" });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        // The browser's complaints (a circuit lost, a script error) go into the app's log, which a failed run prints.
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning") lock (_output) _output.Add($"[browser] {message.Type} {page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => { lock (_output) _output.Add($"[browser] page error {page.Url}: {error}"); };
        return page;
    }

    /// <summary>Moves the app's clock forward (Development's /dev/clock, from this machine only).</summary>
    public async Task AdvanceClockAsync(TimeSpan by)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{NodeUrl}/dev/clock?advance={by:c}", null);
        response.EnsureSuccessStatusCode();
    }

    public string Output()
    {
        lock (_output) return string.Join('\n', _output.TakeLast(80));
    }

    /// <summary>
    /// Starts the built app (Development, the adjustable clock, a 1 s outbox poll) on <paramref name="url"/> against the
    /// database, its output kept in <paramref name="output"/>. Another node on the same database is started the same way.
    /// </summary>
    internal static Process StartNode(string url, TestDatabaseConnections database, IReadOnlyDictionary<string, string> settings, List<string> output)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var webDirectory = Path.Combine(root, "src", "SystemLeadership.Web");
        var dll = Path.Combine(webDirectory, "bin", configuration, "net10.0", "SystemLeadership.Web.dll");

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = webDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["App__BaseUrl"] = url;
        start.Environment["ConnectionStrings__Default"] = database.App;
        start.Environment["ConnectionStrings__Migrations"] = database.Owner;
        start.Environment["Outbox__PollInterval"] = "00:00:01";
        // The browser tests move the app's clock (a visit is recorded once it has taken place): see AdvanceClockAsync.
        start.Environment["App__AdjustableClock"] = "true";
        foreach (var (name, value) in settings) start.Environment[name] = value;
        var app = Process.Start(start) ?? throw new InvalidOperationException("Could not start the application.");
        app.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        app.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits for the node's /health, failing with its output if it exits or takes more than 90 s.</summary>
    internal static async Task WaitUntilHealthyAsync(string url, Process app, Func<string> output)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (app.HasExited) throw new InvalidOperationException("The application exited during start-up:\n" + output());
            try
            {
                var response = await http.GetAsync(url + "/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The application did not become healthy in 90 s:\n" + output());
    }

    public virtual async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            // Null when Chromium could not be launched.
            if (Browser is not null) await Browser.CloseAsync();
            _playwright.Dispose();
        }
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }
        _app?.Dispose();
        // The application's own log, for reading after a failed run (the test output shows only the assertion).
        string[] lines;
        lock (_output) lines = [.. _output];
        await File.WriteAllLinesAsync(Path.Combine(AppContext.BaseDirectory, $"app-{new Uri(NodeUrl).Port}.log"), lines);
        if (_server is not null && _database is not null) await _server.DropDatabaseAsync(_database.Name);
    }


    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SystemLeadership.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("SystemLeadership.sln not found above the test output.");
    }
}

/// <summary>Runs axe-core (from npm) in the page and fails on any violation.</summary>
public static class Accessibility
{
    private static readonly string AxeScript = Path.Combine(AppHost.RepositoryRoot(), "tests", "SystemLeadership.EndToEnd.Tests", "node_modules", "axe-core", "axe.min.js");

    public static async Task AssertNoViolationsAsync(IPage page)
    {
        // A page that is still navigating (a sign-in redirect, a form post) would lose the script: check the page it lands on.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
                // An enhanced navigation moves the address before it patches the page in: wait until the page shown is
                // the one at the address (the layout's skip link names its own page), or the last page's parts are judged.
                // (At most 5 s: an address the two write differently is judged as it stands.)
                try
                {
                    await page.WaitForFunctionAsync("""
                        () => { const skip = document.querySelector('.skip-link');
                                return !skip || skip.href.split('#')[0] === location.href.split('#')[0]; }
                        """, null, new() { Timeout = 5_000 });
                }
                catch (TimeoutException)
                {
                }
                await CheckAsync(page);
                return;
            }
            catch (PlaywrightException e) when (attempt < 3 && e.Message.Contains("context was destroyed", StringComparison.Ordinal))
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
    }

    private static async Task CheckAsync(IPage page)
    {
        // MudBlazor fades a button back from disabled after a step; contrast is judged on the page at rest, so let every
        // finite animation and transition finish first (spinners repeat forever and are left alone).
        await page.EvaluateAsync("""
            () => Promise.all(document.getAnimations()
              .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
              .map(a => a.finished.catch(() => null)))
            """);
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
            }
            """);
        var list = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(list.Count == 0, $"Accessibility violations on {page.Url}:\n" + string.Join('\n', list));
    }
}

/// <summary>Sends a POSIX signal to a process (Process.Kill sends only SIGKILL, which stops a node without its shutdown).</summary>
internal static class Signals
{
    public const int Terminate = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
