using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SystemLeadership.Infrastructure.Demo;

namespace SystemLeadership.Bench;

/// <summary>
/// bench/load.sh: simulated people on scripts/cluster.sh, through its proxy. Each signs in for real (the demo accounts,
/// shared round the people), then for the run's length opens the pages their menu offers and the public directory,
/// and now and then asks for support from a directory entry (a write: enquiry, audit, outbox email), with a pause of
/// one to three seconds between steps. Reports each page's p50 and p95 (paths with ids folded together), errors, and
/// each app node's resident memory before and after. Pages are fetched as a browser's first load fetches them (the
/// prerendered HTML). Each person also keeps a Blazor circuit open for the whole run (unless <c>--no-circuits</c>): a
/// tab of headless Chromium, signed in with the person's own cookie, on the page their sign-in landed on, its
/// WebSocket through the proxy to whichever node the proxy keeps them on. The circuits each node holds (its own
/// <c>/metrics</c>, asked directly on the machine) and the resident memory per circuit are reported at the end.
/// </summary>
internal static partial class LoadTest
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = "http://127.0.0.1:6080";
        var people = 200;
        var seconds = 300;
        var ramp = 30;
        var nodePids = new List<string>();
        var nodeUrls = new List<string>();
        var circuits = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--url": url = Next(); break;
                case "--people": people = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--ramp": ramp = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--node-pid": nodePids.Add(Next()); break;
                case "--node-url": nodeUrls.Add(Next()); break;
                case "--no-circuits": circuits = false; break;
                default: await Console.Error.WriteLineAsync($"Unknown option {args[i]}"); return 2;
            }
        }

        // Everyone but the College administrator, whose first sign-in sets up two-factor authentication.
        var accounts = DemoData.Accounts.Concat(DemoApplications.Accounts).Select(a => a.Email)
            .Where(e => !e.StartsWith("college@", StringComparison.Ordinal)).Distinct().ToList();
        var memoryBefore = nodePids.Select(ResidentMegabytes).ToList();
        var circuitsBefore = await CircuitsHeldAsync(nodeUrls);
        using var playwright = circuits ? await Microsoft.Playwright.Playwright.CreateAsync() : null;
        await using var browser = playwright is null ? null
            : await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
        var tabs = new ConcurrentBag<Microsoft.Playwright.IPage>();
        // Tabs open two at a time, beside the people's requests (each person carries on meanwhile): a 2-core machine
        // that starts many at once spends its time in Chromium, not in the app.
        var opening = new ConcurrentBag<Task>();
        using var openGate = new SemaphoreSlim(2);
        var timings = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var errors = new ConcurrentDictionary<string, int>();
        var signedIn = 0;
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var clock = Stopwatch.StartNew();

        async Task PersonAsync(int n)
        {
            await Task.Delay(TimeSpan.FromSeconds(ramp * (double)n / people));
            using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
            var random = new Random(n);
            async Task<(HttpStatusCode Status, string Body, string? Location)?> TimedAsync(string name, Func<Task<HttpResponseMessage>> send)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    using var response = await send();
                    var body = await response.Content.ReadAsStringAsync();
                    watch.Stop();
                    timings.GetOrAdd(name, _ => []).Add(watch.Elapsed.TotalMilliseconds);
                    if ((int)response.StatusCode >= 400) errors.AddOrUpdate($"{name} {(int)response.StatusCode}", 1, (_, c) => c + 1);
                    return (response.StatusCode, body, response.Headers.Location?.OriginalString);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    errors.AddOrUpdate($"{name} {e.GetType().Name}", 1, (_, c) => c + 1);
                    return null;
                }
            }

            var email = accounts[n % accounts.Count];
            var login = await TimedAsync("GET /Account/Login", () => http.GetAsync("/Account/Login"));
            if (login is null) return;
            var signIn = await TimedAsync("POST /Account/Login", () => http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Token(login.Value.Body), ["_handler"] = "login",
                ["Input.Email"] = email, ["Input.Password"] = DemoData.Password,
            })));
            if (signIn is not { Status: HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther }) return;
            Interlocked.Increment(ref signedIn);

            // Where the sign-in lands, and the links its menu offers.
            var home = await TimedAsync("GET /", () => http.GetAsync("/"));
            // A person in one alliance is sent to its home; others stay on the alliance chooser.
            var landing = home?.Location is { } location && location.StartsWith('/') ? location : "/";
            var start = await TimedAsync(Fold(landing), () => http.GetAsync(landing));
            var pages = start is null ? [] : MenuLinks().Matches(start.Value.Body).Select(m => "/" + m.Groups[1].Value).Distinct().ToList();
            if (browser is not null)
            {
                // The person's circuit, held to the end.
                // The home of their alliance (interactive: lists and dashboards are static pages, which open none).
                var circuitPage = AllianceHome().Match(landing) is { Success: true } own ? own.Value
                    : pages.Select(p => AllianceHome().Match(p)).FirstOrDefault(m => m.Success)?.Value;
                var cookies = handler.CookieContainer.GetCookies(new Uri(url));
                if (circuitPage is not null) opening.Add(Task.Run(async () =>
                {
                    await openGate.WaitAsync();
                    try
                    {
                        var watch = Stopwatch.StartNew();
                        tabs.Add(await OpenCircuitAsync(browser, url, cookies, circuitPage.TrimEnd('/')));
                        timings.GetOrAdd("circuit opened (tab, until interactive)", _ => []).Add(watch.Elapsed.TotalMilliseconds);
                    }
                    catch (Exception e)
                    {
                        // Counted, never thrown: one tab that fails must not cost the run its report.
                        errors.AddOrUpdate($"circuit on {Fold(circuitPage)[4..]} {e.GetType().Name}", 1, (_, c) => c + 1);
                    }
                    finally
                    {
                        openGate.Release();
                    }
                }));
            }
            pages.Add("/directory");
            var directory = await TimedAsync("GET /directory", () => http.GetAsync("/directory"));
            var entries = directory is null ? [] : EntryLinks().Matches(directory.Value.Body).Select(m => "/" + m.Groups[1].Value).Distinct().ToList();
            pages.AddRange(entries);

            while (DateTime.UtcNow < stop)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1000 + random.Next(2000)));
                if (entries.Count > 0 && random.Next(20) == 0)
                {
                    var entry = entries[random.Next(entries.Count)];
                    var form = await TimedAsync("GET /directory/{id}", () => http.GetAsync(entry));
                    if (form is null || Token(form.Value.Body) is not { Length: > 0 } token) continue;
                    await TimedAsync("POST /directory/{id} (ask)", () => http.PostAsync(entry, new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["__RequestVerificationToken"] = token, ["_handler"] = "ask-support",
                        ["Ask.RequestKey"] = RequestKey().Match(form.Value.Body).Groups[1].Value,
                        ["Ask.ContactName"] = "Load Test", ["Ask.ContactEmail"] = $"load-{n}-{Guid.NewGuid():N}@example.org",
                        ["Ask.SchoolUrn"] = "900003", ["Ask.Need"] = "Help with reading in year 2, please.",
                    })));
                    continue;
                }
                if (pages.Count == 0) break;
                var page = pages[random.Next(pages.Count)];
                await TimedAsync(Fold(page), () => http.GetAsync(page));
            }
        }

        Console.WriteLine($"{people} people on {url} for {seconds} s (starting over {ramp} s), {accounts.Count} accounts shared round them");
        await Task.WhenAll(Enumerable.Range(0, people).Select(n => Task.Run(() => PersonAsync(n))));
        var stillOpening = opening.Count(t => !t.IsCompleted);
        await Task.WhenAll(opening);
        if (stillOpening > 0) Console.WriteLine($"{stillOpening} tabs were still opening when the run ended: waited for them");
        var memoryAfter = nodePids.Select(ResidentMegabytes).ToList();
        var circuitsAfter = await CircuitsHeldAsync(nodeUrls);

        var total = timings.Values.Sum(b => b.Count);
        var failed = errors.Values.Sum();
        Console.WriteLine($"{signedIn} of {people} signed in; {total:N0} requests in {clock.Elapsed.TotalSeconds:0} s ({total / clock.Elapsed.TotalSeconds:0.0}/s); {failed} errors");
        Console.WriteLine($"{"page",-44} {"count",7} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
        foreach (var (name, bag) in timings.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var sorted = bag.Order().ToArray();
            Console.WriteLine($"{name,-44} {sorted.Length,7} {Percentile(sorted, 0.50),8:0.0} {Percentile(sorted, 0.95),8:0.0} {sorted[^1],8:0.0}");
        }
        foreach (var (what, count) in errors.OrderBy(e => e.Key, StringComparer.Ordinal)) Console.WriteLine($"error: {what} × {count}");
        for (var i = 0; i < nodePids.Count; i++)
        {
            var held = i < circuitsAfter.Count ? circuitsAfter[i] : null;
            var added = held is { } h && i < circuitsBefore.Count && circuitsBefore[i] is { } b ? h - b : (int?)null;
            // An upper bound: the node's growth under the whole load (caches, JIT, the pool), shared out over its circuits.
            var perCircuit = added is > 0 ? $", at most {(memoryAfter[i] - memoryBefore[i]) * 1024 / added.Value:0} KB of resident memory per circuit" : "";
            Console.WriteLine($"app node {i + 1}: resident memory {memoryBefore[i]:0} MB before, {memoryAfter[i]:0} MB after; " +
                $"circuits held {(i < circuitsBefore.Count ? circuitsBefore[i]?.ToString(CultureInfo.InvariantCulture) ?? "?" : "?")} before, {held?.ToString(CultureInfo.InvariantCulture) ?? "?"} after{perCircuit}");
        }
        if (browser is not null)
            Console.WriteLine($"circuits: {tabs.Count} of {signedIn} people kept a tab open; {circuitsAfter.Sum(c => c ?? 0)} held by the nodes at the end");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// A tab signed in with the person's cookies, on the page, once its circuit is up (the layout marks the page it is
    /// on as interactive only when the circuit has drawn it).
    /// </summary>
    private static async Task<Microsoft.Playwright.IPage> OpenCircuitAsync(Microsoft.Playwright.IBrowser browser, string url, CookieCollection cookies, string path)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = url });
        try
        {
            await context.AddCookiesAsync(cookies.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = url }));
            var page = await context.NewPageAsync();
            await page.GotoAsync(path, new() { Timeout = 60_000 });
            await page.Locator($"#interactive[data-at='{path}']").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached, Timeout = 60_000 });
            return page;
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>The Blazor circuits each node holds, from its own /metrics (answered to a caller on the same machine); null where it did not answer.</summary>
    private static async Task<List<int?>> CircuitsHeldAsync(IReadOnlyList<string> nodeUrls)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var held = new List<int?>();
        foreach (var node in nodeUrls)
        {
            try
            {
                var text = await http.GetStringAsync($"{node.TrimEnd('/')}/metrics");
                // Every series of the meter (one per set of labels), added up.
                held.Add((int)ActiveCircuits().Matches(text).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
            }
            catch (HttpRequestException)
            {
                held.Add(null);
            }
        }
        return held;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The path with ids folded, so every designation's page counts as one page.</summary>
    private static string Fold(string path) => "GET " + Ids().Replace(path.Split('?')[0], "{id}");

    private static string Token(string html) => WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);

    private static double ResidentMegabytes(string pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid.Trim()}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" (?:type=\"hidden\" )?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"Ask.RequestKey\" value=\"([^\"]*)\"")]
    private static partial Regex RequestKey();

    [GeneratedRegex("href=\"/?(t/[a-z0-9-]+/[^\"#?]*)\"")]
    private static partial Regex MenuLinks();

    [GeneratedRegex("href=\"(directory/[0-9a-f-]{36})\"")]
    private static partial Regex EntryLinks();

    [GeneratedRegex("^/t/[a-z0-9-]+")]
    private static partial Regex AllianceHome();

    [GeneratedRegex(@"^aspnetcore_components_circuit_active\S*(?:\{[^}]*\})?\s+([0-9.e+]+)", RegexOptions.Multiline)]
    private static partial Regex ActiveCircuits();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Ids();
}
