using System.Net.Http.Json;
using Microsoft.Playwright;
using Npgsql;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Bench;

/// <summary>
/// Issue 14, "a circuit costs little": the built app (Production, against the national data set) with its memory
/// diagnostics on; headless Chromium signed in as a manager of the largest alliance opens a designation's page (its
/// actions are forms, so it is interactive; the alliance home is a static page and starts no circuit) in one tab after
/// another, each tab a Blazor circuit, and leaves them idle. At each count asked for, the app's live managed heap
/// after a full collection, its working set and the circuits it holds (<c>/diagnostics/memory</c>), and the database
/// transactions the opening cost (PostgreSQL's own count for the database, less what the app does idle in as long).
/// </summary>
internal static class CircuitBench
{
    public sealed record Step(int Circuits, int Held, long ManagedBytes, long WorkingSetBytes, double TransactionsPerCircuit, TimeSpan Opening);

    public static async Task<(MemoryFigures Baseline, IReadOnlyList<Step> Steps)> RunAsync(string appConnection, string ownerConnection, Tenant tenant,
        Guid designationId, IReadOnlyList<int> counts, Action<string> say)
    {
        var email = await PageComparison.ManagerAsync(ownerConnection, tenant);
        var port = LocalPostgres.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var app = HttpComparison.StartApp(appConnection, ownerConnection, port, new Dictionary<string, string> { ["Diagnostics__MemoryEndpoint"] = "true" });
        try
        {
            await HttpComparison.WaitForAsync($"{baseUrl}/health/live", app, say);
            var cookie = await PageComparison.SignInAsync(baseUrl, email);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
            await context.AddCookiesAsync(cookie.Split("; ").Select(c => c.Split('=', 2))
                .Select(c => new Cookie { Name = c[0], Value = c[1], Url = baseUrl }));
            var detail = $"/t/{tenant.Slug}/designations/{designationId}";

            // Warm up: one circuit opened and its tab closed (the server keeps a disconnected circuit a while).
            var warm = await OpenAsync(context, detail);
            await warm.CloseAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var baseline = await MemoryAsync(baseUrl);
            await DumpHeapAsync(app.Id, "circuits-0", say);
            say($"Baseline: {Mb(baseline.ManagedBytes)} managed, {Mb(baseline.WorkingSetBytes)} working set, {baseline.Circuits} circuit(s) held");

            var steps = new List<Step>();
            var pages = new List<IPage>();
            foreach (var target in counts)
            {
                var before = await TransactionsAsync(ownerConnection);
                var started = DateTime.UtcNow;
                while (pages.Count < target) pages.Add(await OpenAsync(context, detail));
                var opening = DateTime.UtcNow - started;
                // Idle: nothing is asked of the circuits now; PostgreSQL's counts catch up within a second.
                await Task.Delay(TimeSpan.FromSeconds(5));
                var opened = await TransactionsAsync(ownerConnection) - before;
                // What the app does idle (the outbox sender's polls) in as long, taken off.
                var quietFrom = await TransactionsAsync(ownerConnection);
                await Task.Delay(opening + TimeSpan.FromSeconds(5));
                var quiet = await TransactionsAsync(ownerConnection) - quietFrom;
                var memory = await MemoryAsync(baseUrl);
                var added = target - (steps.Count == 0 ? 0 : steps[^1].Circuits);
                var step = new Step(target, memory.Circuits, memory.ManagedBytes, memory.WorkingSetBytes, Math.Max(0, opened - quiet) / (double)added, opening);
                steps.Add(step);
                say($"{target} tabs open ({memory.Circuits} circuits held) in {opening.TotalSeconds:0} s: {Mb(memory.ManagedBytes)} managed, " +
                    $"{Mb(memory.WorkingSetBytes)} working set; {step.TransactionsPerCircuit:0.0} database transactions per circuit opened");
                await DumpHeapAsync(app.Id, $"circuits-{target}", say);
            }
            return (baseline, steps);
        }
        finally
        {
            if (!app.HasExited) app.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// With BENCH_GCDUMP set to a folder, a heap dump of the app there (dotnet-gcdump, from BENCH_GCDUMP_TOOL or the path):
    /// <c>dotnet-gcdump report</c> then says which types hold the heap, and the difference of two dumps what circuits add.
    /// </summary>
    private static async Task DumpHeapAsync(int processId, string name, Action<string> say)
    {
        if (Environment.GetEnvironmentVariable("BENCH_GCDUMP") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        var output = Path.Combine(folder, name + ".gcdump");
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("BENCH_GCDUMP_TOOL") ?? "dotnet-gcdump")
        {
            ArgumentList = { "collect", "-p", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", output },
            RedirectStandardOutput = true,
        };
        using var dump = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("dotnet-gcdump did not start.");
        await dump.StandardOutput.ReadToEndAsync();
        await dump.WaitForExitAsync();
        say($"Heap dump: {output} (exit {dump.ExitCode})");
    }

    public static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MB";

    /// <summary>A tab on the page, once its circuit is up (the layout's marker for the page it is on).</summary>
    private static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        try
        {
            await page.Locator($"#interactive[data-at='{path}']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        }
        catch (TimeoutException e)
        {
            var text = await page.InnerTextAsync("body");
            throw new InvalidOperationException($"{page.Url} did not start its circuit: {text[..Math.Min(text.Length, 300)]}", e);
        }
        return page;
    }

    public sealed record MemoryFigures(long ManagedBytes, long WorkingSetBytes, int Circuits);

    private static async Task<MemoryFigures> MemoryAsync(string baseUrl)
    {
        using var http = new HttpClient();
        return await http.GetFromJsonAsync<MemoryFigures>($"{baseUrl}/diagnostics/memory")
            ?? throw new InvalidOperationException("The memory diagnostics answered nothing.");
    }

    /// <summary>Transactions committed or rolled back in the bench's database so far, as PostgreSQL counts them.</summary>
    private static async Task<long> TransactionsAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_stat_clear_snapshot(); SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", db);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }
}
