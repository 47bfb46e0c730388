using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Grids;
using SystemLeadership.Infrastructure.LeaderDirectory;

namespace SystemLeadership.Bench;

/// <summary>
/// Issue 10: the public directory page as the product serves it (the built app in Production, a static server-rendered
/// Blazor page) against a bare ASP.NET Core minimal page that makes the same calls (place the school, first page nearest
/// first, as the directory role through the same PublicDirectory) and writes a plain HTML table — in the same run, under
/// the same wrk load. The ratio is what the product's page costs over the query itself.
/// </summary>
internal static partial class HttpComparison
{
    public sealed record Load(string Name, double RequestsPerSecond, string P50, string P99, long Non2xx);

    public static async Task<(Load App, Load Bare)> RunAsync(string appConnection, string ownerConnection, int nearUrn, Action<string> say)
    {
        var query = $"/directory?specialism=Maths&near={nearUrn}";
        var appPort = LocalPostgres.FreePort();
        var barePort = LocalPostgres.FreePort();
        using var app = StartApp(appConnection, ownerConnection, appPort);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{barePort}");
        await using var bare = builder.Build();
        var directory = new PublicDirectory(NpgsqlDataSource.Create(appConnection), DatabaseSetup.DirectoryRole, TimeProvider.System);
        bare.MapGet("/directory", async (HttpContext http, string? specialism, string? near) =>
        {
            var place = near is null ? null : (await directory.PlaceAsync(near)).Place;
            var page = await directory.SearchAsync(new DirectoryFilter(Specialism: specialism), place, new PageRequest());
            var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><title>Find a system leader</title></head><body><h1>Find a system leader</h1><table>");
            foreach (var e in page.Rows)
            {
                html.Append("<tr><td>").Append(WebUtility.HtmlEncode(e.Name)).Append("</td><td>")
                    .Append(WebUtility.HtmlEncode(string.Join(", ", e.Designations.Select(d => d.ShortName)))).Append("</td><td>")
                    .Append(WebUtility.HtmlEncode(string.Join(", ", e.Specialisms))).Append("</td><td>")
                    .Append(WebUtility.HtmlEncode(e.Alliance)).Append("</td><td>")
                    .Append(e.DistanceMetres?.ToString("0", CultureInfo.InvariantCulture)).Append("</td></tr>");
            }
            html.Append("</table></body></html>");
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(html.ToString());
        });
        await bare.StartAsync();

        try
        {
            await WaitForAsync($"http://127.0.0.1:{appPort}/health/live", app, say);
            var appLoad = await WrkAsync("directory page (app)", $"http://127.0.0.1:{appPort}{query}", say);
            var bareLoad = await WrkAsync("bare page, same calls", $"http://127.0.0.1:{barePort}{query}", say);
            return (appLoad, bareLoad);
        }
        finally
        {
            await bare.StopAsync();
            if (!app.HasExited) app.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The built (or published, <c>BENCH_APP</c>) app in Production on a loopback port against the bench's database, its output discarded.</summary>
    internal static Process StartApp(string appConnection, string ownerConnection, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        // A published build when one is named (BENCH_APP: its static assets are served in Production, so circuits start);
        // else the build output, enough for pages' first, prerendered loads.
        var web = Environment.GetEnvironmentVariable("BENCH_APP") is { Length: > 0 } published
            ? Path.GetFullPath(published)
            : Path.Combine(RepositoryRoot(), "src", "SystemLeadership.Web", "bin", "Release", "net10.0", "SystemLeadership.Web.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{web}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(web)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ConnectionStrings__Default"] = appConnection,
                ["ConnectionStrings__Migrations"] = ownerConnection,
                ["Scheduler__Enabled"] = "false",
                ["App__BaseUrl"] = $"http://127.0.0.1:{port}",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var app = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        app.OutputDataReceived += (_, _) => { };
        app.ErrorDataReceived += (_, _) => { };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        return app;
    }

    internal static async Task WaitForAsync(string url, Process app, Action<string> say)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 120; i++)
        {
            if (app.HasExited) throw new InvalidOperationException($"The app stopped with exit code {app.ExitCode} before answering.");
            try
            {
                if ((await http.GetAsync(url)).IsSuccessStatusCode)
                {
                    say($"The app answers at {url}");
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"The app did not answer at {url} within a minute.");
    }

    /// <summary>wrk: 2 threads, 8 connections, 5 s of warm-up, then 15 s measured.</summary>
    private static async Task<Load> WrkAsync(string name, string url, Action<string> say)
    {
        await RunWrkAsync($"-t2 -c8 -d5s {url}");
        var output = await RunWrkAsync($"-t2 -c8 -d15s --latency {url}");
        var (rps, p50, p99, non2xx) = Parse(output);
        say($"{name}: {rps:N0} requests/s, p50 {p50}, p99 {p99}{(non2xx > 0 ? $", {non2xx} non-2xx answers" : "")}");
        return new Load(name, rps, p50, p99, non2xx);
    }

    /// <summary>Requests per second, p50, p99 and non-2xx answers from wrk's --latency output.</summary>
    internal static (double Rps, string P50, string P99, long Non2xx) Parse(string output)
    {
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var p50 = Percentile().Matches(output).FirstOrDefault(m => m.Groups[1].Value == "50")?.Groups[2].Value ?? "?";
        var p99 = Percentile().Matches(output).FirstOrDefault(m => m.Groups[1].Value == "99")?.Groups[2].Value ?? "?";
        var non2xx = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return (rps, p50, p99, non2xx);
    }

    internal static async Task<string> RunWrkAsync(string arguments)
    {
        using var wrk = Process.Start(new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("wrk is not installed (bench/run.sh --http installs it).");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        return output;
    }


    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SystemLeadership.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run the bench from the repository.");
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+(50|99)%\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex NonSuccess();
}
