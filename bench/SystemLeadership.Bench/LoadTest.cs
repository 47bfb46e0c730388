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
/// one to three seconds between steps (<c>--pause 5-15</c> for another range). Reports each page's p50 and p95 (paths with ids folded together), errors, and
/// each app node's resident memory before and after. Pages are fetched as a browser's first load fetches them (the
/// prerendered HTML). Each person also keeps a Blazor circuit open for the whole run (unless <c>--no-circuits</c>) on
/// their alliance's home, opened by <see cref="CircuitClient"/> as the browser's script opens it (with their own
/// cookies, its WebSocket through the proxy to whichever node the proxy keeps them on) but drawing nothing: a headless
/// Chromium tab each cost this 2-core machine more than the app did. The circuits still open, the circuits each node
/// holds (its own <c>/metrics</c>, asked directly on the machine) and the resident memory per circuit are reported at
/// the end; a circuit that closed during the run fails it, as an error does.
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
        var reopen = false;
        // The pause between one person's steps, in seconds: from the first to the second number, evenly.
        (double From, double To) pause = (1, 3);
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
                case "--reopen": reopen = true; break;
                case "--pause":
                    var range = Next().Split('-');
                    pause = (double.Parse(range[0], CultureInfo.InvariantCulture), double.Parse(range[^1], CultureInfo.InvariantCulture));
                    break;
                default: await Console.Error.WriteLineAsync($"Unknown option {args[i]}"); return 2;
            }
        }

        // Everyone but the College administrator, whose first sign-in sets up two-factor authentication.
        var accounts = DemoData.Accounts.Concat(DemoApplications.Accounts).Select(a => a.Email)
            .Where(e => !e.StartsWith("college@", StringComparison.Ordinal)).Distinct().ToList();
        var memoryBefore = nodePids.Select(ResidentMegabytes).ToList();
        var cpuBefore = (Machine: MachineBusySeconds(), Processes: ProcessCpuSeconds());
        var circuitsBefore = await CircuitsHeldAsync(nodeUrls);
        var opened = new ConcurrentBag<CircuitClient>();
        var holding = new ConcurrentBag<Task>();
        var holders = 0; // people whose circuit opened (the first time)
        // Each timing with when it began (seconds into the run), so the steady state after the sign-ins can be told apart.
        var timings = new ConcurrentDictionary<string, ConcurrentBag<(double At, double Ms)>>();
        void Time(string name, Stopwatch watch) => timings.GetOrAdd(name, _ => []).Add((clockAt(watch), watch.Elapsed.TotalMilliseconds));
        var errors = new ConcurrentDictionary<string, int>();
        var signedIn = 0;
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        var clock = Stopwatch.StartNew();
        // When a timed step began, in seconds into the run.
        double clockAt(Stopwatch watch) => clock.Elapsed.TotalSeconds - watch.Elapsed.TotalSeconds;

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
                    Time(name, watch);
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
            if (signIn is not { Status: HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther })
            {
                // The form shown again: the account was refused (not seeded, locked out, or limited). An error, not a pass.
                if (signIn is { } refused && (int)refused.Status < 400) errors.AddOrUpdate($"sign-in refused for {email}", 1, (_, c) => c + 1);
                return;
            }
            Interlocked.Increment(ref signedIn);

            // Where the sign-in lands, and the links its menu offers.
            var home = await TimedAsync("GET /", () => http.GetAsync("/"));
            // A person in one alliance is sent to its home; others stay on the alliance chooser.
            var landing = home?.Location is { } location && location.StartsWith('/') ? location : "/";
            var start = await TimedAsync(Fold(landing), () => http.GetAsync(landing));
            var pages = start is null ? [] : MenuLinks().Matches(start.Value.Body).Select(m => "/" + m.Groups[1].Value).Distinct().ToList();
            if (circuits)
            {
                // The person's circuit, held to the end: on the first page of their alliance's menu that is interactive
                // (a form; the home, lists and dashboards are static pages, which open none), started from the page as
                // the browser starts it once loaded.
                foreach (var candidate in pages.Where(p => AllianceHome().IsMatch(p)))
                {
                    var page = await TimedAsync(Fold(candidate), () => http.GetAsync(candidate));
                    if (page is { Status: HttpStatusCode.OK } loaded && CircuitClient.StartsCircuit(loaded.Body))
                    {
                        holding.Add(HoldCircuitAsync(candidate, loaded.Body));
                        break;
                    }
                    if (page is { Status: not HttpStatusCode.OK } other) errors.AddOrUpdate($"circuit page {Shape(candidate)} answered {(int)other.Status}", 1, (_, c) => c + 1);
                }
            }

            // Opens the circuit, and with --reopen opens it again whenever it is lost before the run ends (its node
            // killed): the page loaded again through the proxy, as the browser reloads it once the server it reaches
            // refuses the old circuit, then a new circuit on whichever node now serves the person.
            async Task HoldCircuitAsync(string path, string body)
            {
                DateTime? lostAt = null;
                while (true)
                {
                    var watch = Stopwatch.StartNew();
                    CircuitClient circuit;
                    try
                    {
                        circuit = await CircuitClient.OpenAsync(body, handler.CookieContainer, new Uri(url), path, TimeSpan.FromSeconds(60));
                    }
                    catch (Exception e)
                    {
                        // Counted, never thrown: one circuit that fails must not cost the run its report.
                        errors.AddOrUpdate($"circuit on {Shape(path)} {e.GetType().Name}", 1, (_, c) => c + 1);
                        return;
                    }
                    opened.Add(circuit);
                    if (lostAt is null) Interlocked.Increment(ref holders);
                    if (lostAt is { } since)
                        timings.GetOrAdd("circuit opened again (lost until drawn)", _ => []).Add((clockAt(watch), (DateTime.UtcNow - since).TotalMilliseconds));
                    else Time("circuit opened (until drawn)", watch);
                    var left = stop - DateTime.UtcNow;
                    if (!reopen || left <= TimeSpan.Zero || await Task.WhenAny(circuit.Lost, Task.Delay(left)) != circuit.Lost) return;
                    lostAt = await circuit.Lost;
                    string? again = null;
                    for (var attempt = 0; again is null && attempt < 10 && DateTime.UtcNow < stop; attempt++)
                    {
                        if (await TimedAsync(Fold(path), () => http.GetAsync(path)) is { Status: HttpStatusCode.OK } reloaded) again = reloaded.Body;
                        else await Task.Delay(1000);
                    }
                    if (again is null) return;
                    body = again;
                }
            }
            pages.Add("/directory");
            var directory = await TimedAsync("GET /directory", () => http.GetAsync("/directory"));
            var entries = directory is null ? [] : EntryLinks().Matches(directory.Value.Body).Select(m => "/" + m.Groups[1].Value).Distinct().ToList();
            pages.AddRange(entries);

            while (DateTime.UtcNow < stop)
            {
                await Task.Delay(TimeSpan.FromSeconds(pause.From + random.NextDouble() * (pause.To - pause.From)));
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

        Console.WriteLine($"{people} people on {url} for {seconds} s (starting over {ramp} s, {pause.From:0.#}–{pause.To:0.#} s between steps), " +
            $"{accounts.Count} accounts shared round them{(circuits ? ", a circuit each" : "")}");
        await Task.WhenAll(Enumerable.Range(0, people).Select(n => Task.Run(() => PersonAsync(n))));
        await Task.WhenAll(holding);
        var memoryAfter = nodePids.Select(ResidentMegabytes).ToList();
        var cpuAfter = (Machine: MachineBusySeconds(), Processes: ProcessCpuSeconds());
        var circuitsAfter = await CircuitsHeldAsync(nodeUrls);

        var ended = opened.Count(c => c.ServerError is not null);
        if (ended > 0) errors["circuit ended by an error on the server"] = ended;
        // Requests: the HTTP ones (a circuit's opening is timed beside them, not counted among them).
        var total = timings.Where(t => t.Key.StartsWith("GET ", StringComparison.Ordinal) || t.Key.StartsWith("POST ", StringComparison.Ordinal)).Sum(t => t.Value.Count);
        var failed = errors.Values.Sum();
        // The steady state: what began once everyone had started (the ramp) and a quarter of a minute more; before it,
        // the sign-ins' password hashing and the circuits opening share the cores with the pages.
        var steadyFrom = ramp + 15.0;
        Console.WriteLine($"{signedIn} of {people} signed in; {total:N0} requests in {clock.Elapsed.TotalSeconds:0} s ({total / clock.Elapsed.TotalSeconds:0.0}/s); {failed} errors");
        Console.WriteLine($"{"",-44} {"whole run",-33} {$"from {steadyFrom:0} s on",-24}");
        Console.WriteLine($"{"page",-44} {"count",7} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"count",7} {"p50 ms",8} {"p95 ms",8}");
        foreach (var (name, bag) in timings.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var sorted = bag.Select(t => t.Ms).Order().ToArray();
            var steady = bag.Where(t => t.At >= steadyFrom).Select(t => t.Ms).Order().ToArray();
            var steadyColumns = steady.Length == 0 ? $"{0,7}" : $"{steady.Length,7} {Percentile(steady, 0.50),8:0.0} {Percentile(steady, 0.95),8:0.0}";
            Console.WriteLine($"{name,-44} {sorted.Length,7} {Percentile(sorted, 0.50),8:0.0} {Percentile(sorted, 0.95),8:0.0} {sorted[^1],8:0.0} {steadyColumns}");
        }
        var pageTimes = timings.Where(t => t.Key.StartsWith("GET ", StringComparison.Ordinal)).SelectMany(t => t.Value).ToList();
        var allPages = pageTimes.Select(t => t.Ms).Order().ToArray();
        var steadyPages = pageTimes.Where(t => t.At >= steadyFrom).Select(t => t.Ms).Order().ToArray();
        if (allPages.Length > 0)
        {
            Console.WriteLine($"every page (GET) together: p50 {Percentile(allPages, 0.5):0} ms, p95 {Percentile(allPages, 0.95):0} ms" +
                (steadyPages.Length > 0 ? $"; from {steadyFrom:0} s on p50 {Percentile(steadyPages, 0.5):0} ms, p95 {Percentile(steadyPages, 0.95):0} ms" : ""));
        }
        foreach (var (what, count) in errors.OrderBy(e => e.Key, StringComparer.Ordinal)) Console.WriteLine($"error: {what} × {count}");
        if (nodePids.Count > 0)
        {
            // Where the cores went (from /proc): the app nodes, this load generator, each other program by name
            // (PostgreSQL's primary, standby and monitor with their backends, the proxy, pg_autoctl), and the rest
            // (the kernel, and processes that came and went between the two readings).
            var cores = Environment.ProcessorCount * clock.Elapsed.TotalSeconds;
            var machine = cpuAfter.Machine - cpuBefore.Machine;
            var used = cpuAfter.Processes.Select(p => (p.Key, p.Value.Name, Seconds: p.Value.Seconds - (cpuBefore.Processes.TryGetValue(p.Key, out var was) ? was.Seconds : 0)))
                .Select(p => (Name: nodePids.Any(n => n.Trim() == p.Key) ? "app nodes" : p.Key == Environment.ProcessId.ToString(CultureInfo.InvariantCulture) ? "this load generator" : p.Name, p.Seconds))
                .GroupBy(p => p.Name, p => p.Seconds).Select(g => (Name: g.Key, Seconds: g.Sum())).OrderByDescending(g => g.Seconds).ToList();
            var named = used.Where(u => u.Seconds / cores >= 0.01).ToList();
            var nodes = used.Where(u => u.Name == "app nodes").Sum(u => u.Seconds);
            Console.WriteLine($"CPU over the run: the machine {machine / cores:P0} busy ({Environment.ProcessorCount} cores): " +
                string.Join(", ", named.Select(u => $"{u.Name} {u.Seconds / cores:P0}")) + $", the rest {(machine - named.Sum(u => u.Seconds)) / cores:P0}; " +
                $"app nodes {nodes * 1000 / Math.Max(total, 1):0.0} ms of CPU per request");
        }
        for (var i = 0; i < nodePids.Count; i++)
        {
            var held = i < circuitsAfter.Count ? circuitsAfter[i] : null;
            var added = held is { } h && i < circuitsBefore.Count && circuitsBefore[i] is { } b ? h - b : (int?)null;
            // An upper bound: the node's growth under the whole load (caches, JIT, the pool), shared out over its circuits.
            var perCircuit = added is > 0 ? $", at most {(memoryAfter[i] - memoryBefore[i]) * 1024 / added.Value:0} KB of resident memory per circuit" : "";
            Console.WriteLine($"app node {i + 1}: resident memory {memoryBefore[i]:0} MB before, {memoryAfter[i]:0} MB after; " +
                $"circuits held {(i < circuitsBefore.Count ? circuitsBefore[i]?.ToString(CultureInfo.InvariantCulture) ?? "?" : "?")} before, {held?.ToString(CultureInfo.InvariantCulture) ?? "?"} after{perCircuit}");
        }
        var open = opened.Count(c => c.Connected);
        var lost = opened.Count(c => c.Lost.IsCompleted);
        if (circuits)
        {
            Console.WriteLine($"circuits: {holders} of {signedIn} people opened one ({signedIn - holding.Count} have no interactive page in an alliance to open one on); " +
                $"{opened.Count} opened in all, {lost} lost during the run" + (reopen ? $" ({opened.Count - holders} opened again)" : "") + $", {open} open at the end; " +
                $"{opened.Sum(c => c.Batches)} render batches acknowledged, {opened.Sum(c => c.Calls)} JavaScript calls answered; {circuitsAfter.Sum(c => c ?? 0)} held by the nodes at the end");
        }
        // One line for bench/faults.sh to carry into its own.
        var again = timings.TryGetValue("circuit opened again (lost until drawn)", out var reopened) ? reopened.Select(t => t.Ms / 1000).Order().ToArray() : [];
        Console.WriteLine($"load: {signedIn} of {people} people signed in, {total:N0} requests, {failed} errors" +
            (circuits ? $"; circuits: {holders} opened, {lost} lost, {opened.Count - holders} opened again" +
                (again.Length > 0 ? $" (in {Percentile(again, 0.5):0.0} s at the median, {again[^1]:0.0} s at most)" : "") + $", {open} open at the end" : ""));
        foreach (var circuit in opened) await circuit.DisposeAsync();
        // The home calls JavaScript as it starts (the menu's remembered state, MudBlazor's set-up): none answered means the
        // client no longer matches the server's protocol, and the circuits are not a browser's.
        var calls = opened.Sum(c => c.Calls);
        if (circuits && !opened.IsEmpty && calls == 0)
            Console.WriteLine("circuits: no JavaScript call was answered: CircuitClient no longer matches the server's protocol");
        // Everyone who opened a circuit still holds one at the end: with --reopen, after opening it again if it was lost.
        return failed == 0 && open == holders && (!circuits || opened.IsEmpty || calls > 0) ? 0 : 1;
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
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A node down or too busy to answer in time: its count is unknown, and the run still reports.
                held.Add(null);
            }
        }
        return held;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The path with ids folded, so every designation's page counts as one page.</summary>
    private static string Fold(string path) => "GET " + Shape(path);

    /// <summary>A path without its query, with its ids as {id}: one name for every record's page of a kind.</summary>
    private static string Shape(string path) => Ids().Replace(path.Split('?')[0], "{id}");

    private static string Token(string html) => WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);

    /// <summary>
    /// CPU seconds each process has used, by pid with its name (/proc/PID/stat: user and system, with those of its children
    /// that have ended, so a PostgreSQL server counts the backends it has reaped).
    /// </summary>
    private static Dictionary<string, (string Name, double Seconds)> ProcessCpuSeconds()
    {
        var used = new Dictionary<string, (string Name, double Seconds)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(directory);
            if (!pid.All(char.IsAsciiDigit)) continue;
            try
            {
                var stat = File.ReadAllText($"{directory}/stat");
                var name = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                // After the name: state is field 3, so utime (14), stime (15), cutime (16), cstime (17) are 11 to 14.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                used[pid] = (name, fields[11..15].Sum(f => double.Parse(f, CultureInfo.InvariantCulture)) / 100);
            }
            catch (IOException)
            {
                // Gone between listing and reading.
            }
        }
        return used;
    }

    /// <summary>CPU seconds the whole machine has been busy (every core, /proc/stat: all but idle and iowait).</summary>
    private static double MachineBusySeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (cpu.Take(8).Sum() - cpu[3] - cpu[4]) / 100;
    }

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
