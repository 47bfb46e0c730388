using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Bench;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure;
using SystemLeadership.Infrastructure.Brokerage;
using SystemLeadership.Infrastructure.Auditing;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Designations;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Tenancy;

// bench/load.sh: people on a running cluster; no data set of the bench's own.
if (args is ["--load", .. var loadArgs]) return await LoadTest.RunAsync(loadArgs);

var options = BenchOptions.Parse(args);
if (options is null) return 2;
var total = Stopwatch.StartNew();
void Say(string text) => Console.WriteLine($"[{total.Elapsed:mm\\:ss}] {text}");

var dataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "systemleadership-bench", Guid.NewGuid().ToString("N")[..12]);
Say($"PostgreSQL of the bench's own in {dataDirectory}");
using var server = LocalPostgres.Start(dataDirectory, Say);
try
{
    const string database = "bench";
    await DatabaseSetup.EnsureRolesAndDatabaseAsync(server.ConnectionString("postgres"), database);
    var owner = server.ConnectionString(database, DatabaseSetup.OwnerRole);
    var app = server.ConnectionString(database, DatabaseSetup.AppRole);
    await DatabaseSetup.MigrateAsync(owner);
    Say("Migrated as the owner role; the application role was granted its rights");

    var size = DataSetSize.National(options.Scale);
    var watch = Stopwatch.StartNew();
    var data = NationalDataSet.Generate(size);
    var generated = watch.Elapsed;
    Say($"Generated in {generated.TotalSeconds:0.0} s: {data.Tenants.Count:N0} tenants, {data.Schools.Count:N0} schools, " +
        $"{data.Designations.Count:N0} designations ({Count(DesignationType.SpecialistLeaderOfEducation)} SLE, {Count(DesignationType.LocalLeaderOfEducation)} LLE, " +
        $"{Count(DesignationType.NationalLeaderOfEducation)} NLE + {Count(DesignationType.NationalSupportSchool)} NSS, {Count(DesignationType.NationalLeaderOfGovernance)} NLG), " +
        $"{data.Profiles.Count:N0} leader profiles, {data.Commissions.Count:N0} commissions, {data.Proposals.Count:N0} proposals, " +
        $"{data.Deployments.Count:N0} deployments, {data.Visits.Count:N0} visits, {data.Commitments.Count:N0} capacity commitments, {data.Evaluations.Count:N0} evaluations");
    string Count(DesignationType type) => data.Designations.Count(d => d.Type == type).ToString("N0", CultureInfo.InvariantCulture);

    watch.Restart();
    await Loader.LoadAsync(owner, data, Say);
    var loaded = watch.Elapsed;
    Say($"Loaded with binary COPY as the owner role in {loaded.TotalSeconds:0.0} s, then VACUUM (ANALYZE)");

    await Loader.CheckAppRoleAsync(app, Say);

    // The tenants measured: spread over the size range, the largest always included.
    var leadersPerTenant = data.Designations.GroupBy(d => d.TenantId).ToDictionary(g => g.Key, g => g.Count());
    var bySize = data.Tenants.OrderByDescending(t => leadersPerTenant.GetValueOrDefault(t.Id)).ToList();
    var measured = Enumerable.Range(0, Math.Min(options.Tenants, bySize.Count))
        .Select(i => bySize[i * (bySize.Count - 1) / Math.Max(1, Math.Min(options.Tenants, bySize.Count) - 1)]).Distinct().ToList();
    Say($"Measuring {measured.Count} tenants with {string.Join(", ", measured.Select(t => leadersPerTenant.GetValueOrDefault(t.Id)))} designations " +
        $"(largest {leadersPerTenant.Values.Max()}, median {leadersPerTenant.Values.Order().ElementAt(leadersPerTenant.Count / 2)})");

    var clock = new FixedClock(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));
    var links = new AppLinks("https://bench.test");
    var appOptions = DatabaseSetup.Options(app);
    var finders = measured.ToDictionary(t => t.Id, t => new FindLeaders(new TenantDbContextFactory(appOptions, TenantContext.For(t.Id))));
    var views = measured.ToDictionary(t => t.Id, t => new BrokerageViews(new TenantDbContextFactory(appOptions, TenantContext.For(t.Id)), clock));
    var broker = new Actor("bench-broker", "Bench Broker", "broker@bench.test", TenantRoles.AllianceManager);

    if (options.Explain)
    {
        await Explain.RunAsync(app, measured[0].Id, data.ProbeCommission[measured[0].Id], clock, links, Say);
    }

    var match = await Measure.RunAsync("ranked match (FindLeaders.FindLeadersAsync)", measured, options, Say,
        async tenant =>
        {
            var result = await finders[tenant.Id].FindLeadersAsync(data.ProbeCommission[tenant.Id]);
            return result.Ranked.Count + result.Excluded.Count;
        });
    var board = await Measure.RunAsync("broker's board (BrokerageViews.BoardAsync)", measured, options, Say,
        async tenant => (await views[tenant.Id].BoardAsync(broker))!.Rows);

    // The College's national register (every tenant's designations through the national read policy): the first page
    // in its default order, and a search, as the page at /college/register asks for them (issue 9).
    var register = new NationalRegister(new TenantDbContextFactory(appOptions, TenantContext.For(null, "bench-college")), new Changes(clock));
    var registerFirst = await Measure.RunAsync("register first page (NationalRegister.PageAsync, 25 rows)", measured, options, Say,
        async _ => (await register.PageAsync(new RegisterFilter(), new PageRequest())).Rows.Count);
    var registerSearch = await Measure.RunAsync("register search (holder 'Okafor', sorted by alliance)", measured, options, Say,
        async _ => (await register.PageAsync(new RegisterFilter(Search: "Okafor"), new PageRequest(Sort: "alliance"))).Rows.Count);

    // The College's national dashboard (issue 9): every figure of /college/reports, SQL aggregates over every tenant
    // through the national read policy.
    var nation = new SystemLeadership.Infrastructure.Reports.NationalReports(new TenantDbContextFactory(appOptions, TenantContext.For(null, "bench-college")), clock,
        new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()));
    var dashboard = await Measure.RunAsync("national dashboard (NationalReports.CountAsync, every figure, uncached)", measured, options, Say,
        async _ => (await nation.CountAsync()).RequestsByState.Sum(f => (int)f.Value));
    // For information, not the gate (the gate is the counting above): what a College administrator waits for, the
    // page's figures as kept on the node, ten seconds passing between
    // visits, so one visit in thirty finds them stale and starts a count in the background that the next visits run
    // beside (the clock is the bench's: the visits themselves follow each other at once, so a step much longer would
    // make the kept figures an hour old while one count runs).
    var visitClock = new SteppedClock(clock.GetUtcNow());
    var visited = new SystemLeadership.Infrastructure.Reports.NationalReports(new TenantDbContextFactory(appOptions, TenantContext.For(null, "bench-college")), visitClock,
        new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions()));
    var dashboardVisit = await Measure.RunAsync("national dashboard visit (NationalReports.FiguresAsync, ten seconds between visits)", measured, options, Say,
        async _ =>
        {
            visitClock.Advance(TimeSpan.FromSeconds(10));
            return (await visited.FiguresAsync()).Figures.RequestsByState.Sum(f => (int)f.Value);
        });

    // The public directory (issue 10): a school looks for maths leaders near it, as /directory?specialism=Maths&near=URN
    // asks: the school placed by its URN, then the first page nearest first, both as the directory role.
    var directory = new SystemLeadership.Infrastructure.LeaderDirectory.PublicDirectory(NpgsqlDataSource.Create(app), DatabaseSetup.DirectoryRole, clock);
    var directoryNear = await Measure.RunAsync("directory search (Maths near a school's URN: place + first page)", measured, options, Say,
        async tenant =>
        {
            var place = await directory.PlaceAsync(tenant.LeadTeachingSchoolUrn.ToString(CultureInfo.InvariantCulture));
            return (await directory.SearchAsync(new SystemLeadership.Infrastructure.LeaderDirectory.DirectoryFilter(Specialism: "Maths"), place.Place, new PageRequest())).Total;
        });

    (HttpComparison.Load App, HttpComparison.Load Bare)? http = null;
    if (options.Http)
    {
        http = await HttpComparison.RunAsync(app, owner, measured[0].LeadTeachingSchoolUrn, Say);
    }

    // A designation letter: layout, fonts slimmed to the glyphs used, PDF written (issue 14: fonts prepared once).
    IReadOnlyList<PageComparison.Row>? pages = null;
    var largest = measured[0];
    var shown = data.Designations.First(d => d.TenantId == largest.Id);
    if (options.Pages)
    {
        pages = await PageComparison.RunAsync(app, owner, largest, shown.Id, largest.LeadTeachingSchoolUrn, Say);
    }

    (CircuitBench.MemoryFigures Baseline, IReadOnlyList<CircuitBench.Step> Steps)? circuits = null;
    if (options.Circuits is { } counts)
    {
        circuits = await CircuitBench.RunAsync(app, owner, largest, shown.Id, counts, Say);
    }

    var sample = data.Designations[0];
    var letter = await Measure.RunAsync("designation letter (DesignationLetter.Render, PDF bytes)", measured, options, Say,
        _ => Task.FromResult(SystemLeadership.Infrastructure.Documents.DesignationLetter.Render(sample, "Bench Alliance", clock.GetUtcNow()).Length));

    Console.WriteLine();
    Console.WriteLine($"Data set (scale {options.Scale.ToString(CultureInfo.InvariantCulture)}): {data.Tenants.Count:N0} tenants, {data.Schools.Count:N0} schools, " +
        $"{data.Designations.Count:N0} designations, {data.Commissions.Count:N0} commissions, {data.Deployments.Count:N0} deployments, {data.Visits.Count:N0} visits");
    Console.WriteLine($"Generation {generated.TotalSeconds:0.0} s, load (COPY + VACUUM ANALYZE) {loaded.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores; " +
        $"{options.Iterations} iterations per query after {options.Warmup} warm-up, across {measured.Count} tenants; app role, RLS forced");
    Console.WriteLine($"{"query",-26} {"p50",8} {"p95",8} {"p99",8} {"max",8} {"rows (min/avg/max)",22}");
    foreach (var r in new[] { match, board, registerFirst, registerSearch, dashboard, dashboardVisit, directoryNear, letter }) Console.WriteLine(r.Line());
    if (http is { } h)
    {
        Console.WriteLine();
        Console.WriteLine($"Directory page under wrk (2 threads, 8 connections, 15 s): the app {h.App.RequestsPerSecond:N0} requests/s (p50 {h.App.P50}, p99 {h.App.P99}); " +
            $"a bare ASP.NET Core page of the same calls {h.Bare.RequestsPerSecond:N0} requests/s (p50 {h.Bare.P50}, p99 {h.Bare.P99}); " +
            $"the app at {h.App.RequestsPerSecond / h.Bare.RequestsPerSecond:P0} of the bare page (target at least 40 %)");
        if (h.App.Non2xx + h.Bare.Non2xx > 0) Console.WriteLine($"Non-2xx answers: app {h.App.Non2xx}, bare {h.Bare.Non2xx}");
    }
    if (pages is { Count: > 0 })
    {
        var bareRps = pages[0].Loads.ToDictionary(l => l.Connections, l => l.RequestsPerSecond);
        Console.WriteLine();
        Console.WriteLine($"Pages under wrk (2 threads; 3 s warm-up, 10 s measured at each connection count), signed in as a manager of the largest alliance; " +
            $"load average {(await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[0]}");
        Console.WriteLine($"{"page",-40} {"trips",5} " + string.Join(" ", PageComparison.ConnectionCounts.Select(c => $"{"c" + c + " req/s",12} {"of bare",7} {"p50",8} {"p99",8}")));
        foreach (var row in pages)
        {
            Console.WriteLine($"{row.Page,-40} {row.RoundTrips?.ToString(CultureInfo.InvariantCulture) ?? "1",5} " + string.Join(" ", row.Loads.Select(l =>
                $"{l.RequestsPerSecond,12:N0} {l.RequestsPerSecond / bareRps[l.Connections],7:P0} {l.P50,8} {l.P99,8}")));
        }
        var failed = pages.Where(r => r.Loads.Any(l => l.Non2xx > 0)).Select(r => r.Page).ToList();
        if (failed.Count > 0) Console.WriteLine($"Pages with non-2xx answers: {string.Join(", ", failed)}");
    }
    if (circuits is { } c)
    {
        Console.WriteLine();
        Console.WriteLine($"Idle circuits on a designation's page, as a manager (headless Chromium, one tab each; the app in Production); before any: " +
            $"{CircuitBench.Mb(c.Baseline.ManagedBytes)} live managed heap, {CircuitBench.Mb(c.Baseline.WorkingSetBytes)} working set");
        Console.WriteLine($"{"tabs",6} {"held",6} {"managed",10} {"per circuit",12} {"working set",12} {"per circuit",12} {"transactions/circuit",21} {"opening",8}");
        foreach (var step in c.Steps)
        {
            Console.WriteLine($"{step.Circuits,6} {step.Held,6} {CircuitBench.Mb(step.ManagedBytes),10} {(step.ManagedBytes - c.Baseline.ManagedBytes) / 1024.0 / step.Circuits,9:0} KB " +
                $"{CircuitBench.Mb(step.WorkingSetBytes),12} {(step.WorkingSetBytes - c.Baseline.WorkingSetBytes) / 1024.0 / step.Circuits,9:0} KB {step.TransactionsPerCircuit,21:0.0} {step.Opening.TotalSeconds,6:0} s");
        }
    }
    Console.WriteLine($"Total {total.Elapsed.TotalSeconds:0} s");
    return match.P95 <= 20 && board.P95 <= 20 && registerFirst.P95 <= 50 && registerSearch.P95 <= 50 && dashboard.P95 <= 50 && directoryNear.P95 <= 20 ? 0 : 1;
}
finally
{
    NpgsqlConnection.ClearAllPools();
    server.Dispose();
    if (options.DataDirectory is null && !options.Keep)
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            Console.WriteLine($"Could not remove {dataDirectory}");
        }
        catch (UnauthorizedAccessException)
        {
            Console.WriteLine($"Could not remove {dataDirectory}");
        }
    }
}

internal sealed record BenchOptions(double Scale, int Iterations, int Warmup, int Tenants, bool Explain, bool Keep, string? DataDirectory, bool Http = false, bool Pages = false,
    IReadOnlyList<int>? Circuits = null)
{
    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions(1.0, 500, 50, 8, false, false, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--scale": o = o with { Scale = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--iterations": o = o with { Iterations = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--warmup": o = o with { Warmup = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--tenants": o = o with { Tenants = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--explain": o = o with { Explain = true }; break;
                case "--keep": o = o with { Keep = true }; break;
                case "--http": o = o with { Http = true }; break;
                case "--pages": o = o with { Pages = true }; break;
                case "--circuits": o = o with { Circuits = [.. Next().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).Order()] }; break;
                case "--data-dir": o = o with { DataDirectory = Next() }; break;
                default:
                    Console.WriteLine("""
                        Usage: bench/run.sh [--scale 1.0] [--iterations 500] [--warmup 50] [--tenants 8] [--explain] [--keep] [--data-dir DIR] [--http] [--pages]
                          --scale       multiplies every count of the national data set (0.1 for a quick run)
                          --iterations  timed calls of each query, spread round-robin over the measured tenants
                          --tenants     how many tenants to measure, spread over the size range (the largest always)
                          --explain     print EXPLAIN (ANALYZE, BUFFERS) of every SQL statement of the match, the board and the national dashboard, as the app role
                          --keep        keep the temporary cluster's folder; --data-dir uses (and keeps) a folder of your choice
                          --http        also load the directory page with wrk: the app (Production) against a bare ASP.NET Core page
                          --pages       also load a manager's main pages with wrk at 2, 8 and 16 connections beside a bare page of
                                        the same rows, with each page's database round trips (bench/pages.sh)
                          --circuits N,M  also open N then M idle Blazor circuits on a designation's page in headless Chromium and
                                        report memory and database transactions per circuit (bench/circuits.sh)
                        """);
                    return null;
            }
        }
        return o;
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>A clock the bench moves on by hand.</summary>
internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => start.AddTicks(Interlocked.Read(ref _ticks));
}

internal sealed record Result(string Name, double P50, double P95, double P99, double Max, int RowsMin, double RowsAvg, int RowsMax)
{
    public string Line() => $"{Name,-26} {P50,6:0.00}ms {P95,6:0.00}ms {P99,6:0.00}ms {Max,6:0.00}ms {$"{RowsMin}/{RowsAvg:0}/{RowsMax}",22}";
}

internal static class Measure
{
    public static async Task<Result> RunAsync(string name, List<Tenant> tenants, BenchOptions options, Action<string> say, Func<Tenant, Task<int>> query)
    {
        say($"Warming up the {name}: {options.Warmup} calls");
        for (var i = 0; i < options.Warmup; i++) await query(tenants[i % tenants.Count]);
        var times = new double[options.Iterations];
        var rows = new int[options.Iterations];
        var watch = new Stopwatch();
        for (var i = 0; i < options.Iterations; i++)
        {
            watch.Restart();
            rows[i] = await query(tenants[i % tenants.Count]);
            times[i] = watch.Elapsed.TotalMilliseconds;
            if ((i + 1) % Math.Max(1, options.Iterations / 5) == 0) say($"  {i + 1}/{options.Iterations}");
        }
        var sorted = times.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        // The table's name: the words before the method in brackets (or a comma).
        var shortName = name.Split(" (")[0].Split(',')[0];
        var result = new Result(shortName, At(0.50), At(0.95), At(0.99), sorted[^1], rows.Min(), rows.Average(), rows.Max());
        say($"{name}: p50 {result.P50:0.00} ms, p95 {result.P95:0.00} ms, p99 {result.P99:0.00} ms, max {result.Max:0.00} ms");
        return result;
    }
}
