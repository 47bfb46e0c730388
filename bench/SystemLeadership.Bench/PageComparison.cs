using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Telemetry;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Bench;

/// <summary>
/// Issue 14: the signed-in manager's main pages as the product serves them (the built app in Production, against the
/// national data set) beside a bare ASP.NET Core minimal page that reads the same alliance's first 25 designations with
/// raw Npgsql as the same app role under the same row-level security (the tenant set in the query's round trip) and
/// writes a plain HTML table. Each page under wrk at 2, 8 and 16 connections in the same run, and its database round
/// trips per request as the app reports them (Server-Timing, switched on for the run).
/// </summary>
internal static partial class PageComparison
{
    public sealed record Load(int Connections, double RequestsPerSecond, string P50, string P99, long Non2xx);

    public sealed record Row(string Page, string Path, int? RoundTrips, IReadOnlyList<Load> Loads);

    public static readonly int[] ConnectionCounts = [2, 8, 16];

    private const string Password = "Bench-Password-2026!";

    public static async Task<IReadOnlyList<Row>> RunAsync(string appConnection, string ownerConnection, Tenant tenant, Guid designationId, int nearUrn, Action<string> say)
    {
        var email = await ManagerAsync(ownerConnection, tenant);
        var appPort = LocalPostgres.FreePort();
        var barePort = LocalPostgres.FreePort();
        using var app = HttpComparison.StartApp(appConnection, ownerConnection, appPort, new Dictionary<string, string> { ["Diagnostics__ServerTiming"] = "true" });
        await using var bare = await StartBareAsync(appConnection, barePort);
        try
        {
            await HttpComparison.WaitForAsync($"http://127.0.0.1:{appPort}/health/live", app, say);
            var cookie = await SignInAsync($"http://127.0.0.1:{appPort}", email);
            say($"Signed in as {email}, a manager of {tenant.Name}");
            var t = $"/t/{tenant.Slug}";
            (string Name, string Url)[] pages =
            [
                ("bare page: 25 designations, raw Npgsql", $"http://127.0.0.1:{barePort}/designations?tenant={tenant.Id}"),
                ("bare page through Blazor's static renderer", $"http://127.0.0.1:{barePort}/designations-component?tenant={tenant.Id}"),
                ("designations (first 25)", $"http://127.0.0.1:{appPort}{t}/designations"),
                ("designation detail", $"http://127.0.0.1:{appPort}{t}/designations/{designationId}"),
                ("letter.pdf", $"http://127.0.0.1:{appPort}{t}/designations/{designationId}/letter.pdf"),
                ("support requests (first 25)", $"http://127.0.0.1:{appPort}{t}/commissions"),
                ("alliance home (static)", $"http://127.0.0.1:{appPort}{t}"),
                ("directory (Maths near a school)", $"http://127.0.0.1:{appPort}/directory?specialism=Maths&near={nearUrn}"),
            ];
            if (Environment.GetEnvironmentVariable("BENCH_HOLD") is { Length: > 0 } hold)
            {
                await File.WriteAllTextAsync(hold, $"{app.Id}\n{cookie}\n" + string.Join("\n", pages.Select(p => p.Url)) + "\n");
                while (File.Exists(hold)) await Task.Delay(1000);
            }
            var rows = new List<Row>();
            foreach (var (name, url) in pages)
            {
                var trips = await RoundTripsAsync(url, cookie);
                var loads = new List<Load>();
                foreach (var connections in ConnectionCounts) loads.Add(await WrkAsync(url, cookie, connections));
                say($"{name}: {trips?.ToString(CultureInfo.InvariantCulture) ?? "-"} round trips; " +
                    string.Join("; ", loads.Select(l => $"c{l.Connections} {l.RequestsPerSecond:N0}/s p50 {l.P50} p99 {l.P99}{(l.Non2xx > 0 ? $" ({l.Non2xx} non-2xx)" : "")}")));
                rows.Add(new Row(name, url, trips, loads));
            }
            return rows;
        }
        finally
        {
            if (!app.HasExited) app.Kill(entireProcessTree: true);
        }
    }

    /// <summary>A manager of the tenant with a known password, made as the owner role (the bench's own account).</summary>
    internal static async Task<string> ManagerAsync(string ownerConnection, Tenant tenant)
    {
        var email = $"manager@{tenant.Slug}.bench";
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, FullName = "Bench Manager", SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        user.PasswordHash = new PasswordHasher<ApplicationUser>().HashPassword(user, Password);
        await using var db = DatabaseSetup.CreateContext(ownerConnection, TenantContext.For(tenant.Id));
        db.Users.Add(user);
        db.Memberships.Add(new Membership(tenant.Id, user.Id, TenantRoles.AllianceManager));
        await db.SaveChangesAsync();
        return email;
    }

    internal static async Task<string> SignInAsync(string baseUrl, string email)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var form = await http.GetStringAsync("/Account/Login");
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value);
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.Email"] = email, ["Input.Password"] = Password,
        });
        using var response = await http.PostAsync("/Account/Login", body);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in answered {(int)response.StatusCode}.");
        return cookies.GetCookieHeader(new Uri(baseUrl));
    }

    private static async Task<int?> RoundTripsAsync(string url, string cookie)
    {
        using var http = new HttpClient();
        int? trips = null;
        // The second answer: the menu's counts are kept for half a minute, and the first page of a session counts them.
        for (var i = 0; i < 2; i++)
        {
            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.Add("Cookie", cookie);
            using var response = await http.SendAsync(again);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
            trips = response.Headers.TryGetValues("Server-Timing", out var values) ? DatabaseRoundTrips.FromServerTiming(string.Join(',', values)) : null;
        }
        return trips;
    }

    /// <summary>wrk: 2 threads, the given connections, 3 s of warm-up, then 10 s measured.</summary>
    private static async Task<Load> WrkAsync(string url, string cookie, int connections)
    {
        var header = $"-H \"Cookie: {cookie}\"";
        await HttpComparison.RunWrkAsync($"-t2 -c{connections} -d3s {header} {url}");
        var output = await HttpComparison.RunWrkAsync($"-t2 -c{connections} -d10s --latency {header} {url}");
        var (rps, p50, p99, non2xx) = HttpComparison.Parse(output);
        return new Load(connections, rps, p50, p99, non2xx);
    }

    private static async Task<WebApplication> StartBareAsync(string appConnection, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddRazorComponents();
        var bare = builder.Build();
        var source = NpgsqlDataSource.Create(appConnection);
        bare.MapGet("/designations", async (HttpContext http, Guid tenant) =>
        {
            var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><title>Designations</title></head><body><h1>Designations</h1><table>");
            foreach (var row in await RowsAsync(source, tenant))
            {
                html.Append("<tr>");
                foreach (var cell in row) html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
                html.Append("</tr>");
            }
            html.Append("</table></body></html>");
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(html.ToString());
        });
        // The same rows and markup written by a component through Blazor's static server renderer (what every product
        // page goes through), with no layout, no MudBlazor and no sign-in: what the renderer itself costs.
        bare.MapGet("/designations-component", async (Guid tenant) =>
            new RazorComponentResult<BareDesignationsPage>(new { Rows = await RowsAsync(source, tenant) }));
        await bare.StartAsync();
        return bare;
    }

    /// <summary>The alliance's first 25 designations, as the app role under row-level security (the tenant set in the query's round trip).</summary>
    private static async Task<List<string?[]>> RowsAsync(NpgsqlDataSource source, Guid tenant)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            CALL public.app_enter(@tenant_text, '', '');
            SELECT "HolderName", "SchemeShortName", "SchoolName", "State", "StartDate", "EndDate"
            FROM "Designations" WHERE "TenantId" = @tenant ORDER BY "HolderName", "Id" LIMIT 25
            """, connection);
        command.Parameters.AddWithValue("tenant_text", tenant.ToString());
        command.Parameters.AddWithValue("tenant", tenant);
        var rows = new List<string?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            rows.Add(row);
        }
        return rows;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>
/// The bare page's markup as a component, written as the Razor compiler writes one (sequence numbers fixed in the
/// source), so the bench can tell Blazor's static renderer's own cost from the product's.
/// </summary>
internal sealed class BareDesignationsPage : ComponentBase
{
    [Parameter] public IReadOnlyList<string?[]> Rows { get; set; } = [];

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.AddMarkupContent(0, "<!DOCTYPE html>");
        builder.OpenElement(1, "html");
        builder.AddAttribute(2, "lang", "en");
        builder.AddMarkupContent(3, "<head><title>Designations</title></head>");
        builder.OpenElement(4, "body");
        builder.AddMarkupContent(5, "<h1>Designations</h1>");
        builder.OpenElement(6, "table");
        foreach (var row in Rows)
        {
            builder.OpenElement(7, "tr");
            foreach (var cell in row)
            {
                builder.OpenElement(8, "td");
                builder.AddContent(9, cell);
                builder.CloseElement();
            }
            builder.CloseElement();
        }
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    }
}
