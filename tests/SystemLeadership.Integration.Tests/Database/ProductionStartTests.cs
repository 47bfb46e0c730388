using System.Diagnostics;
using System.Net;
using Npgsql;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Testing;

namespace SystemLeadership.Integration.Tests.Database;

/// <summary>
/// The built web application as its own process in Production: it refuses to start as a superuser or as a BYPASSRLS
/// role, exiting non-zero with the reason in its log; after setup-database it starts as the application role and /health
/// answers.
/// </summary>
public class ProductionStartTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Production_refuses_to_start_as_a_superuser()
    {
        var (exitCode, output) = await WebApp.RunAsync(new() { ["ConnectionStrings__Default"] = db.Connections.Admin });

        Assert.True(exitCode == 3, $"Exit code {exitCode}:\n{output}");
        Assert.Contains("a superuser: row-level security does not apply to it", output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Default connects as", output, StringComparison.Ordinal);
        Assert.Contains("Refusing to start", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_to_start_as_a_BYPASSRLS_role()
    {
        var role = Admin.NewName("bypass");
        await Admin.ExecuteAsync(db.Connections.Admin, $"CREATE ROLE {role} LOGIN NOSUPERUSER BYPASSRLS");
        try
        {
            var (exitCode, output) = await WebApp.RunAsync(new() { ["ConnectionStrings__Default"] = Admin.As(db.Connections.Admin, role) });

            Assert.True(exitCode == 3, $"Exit code {exitCode}:\n{output}");
            Assert.Contains("which has BYPASSRLS: row-level security does not apply to it", output, StringComparison.Ordinal);
            Assert.Contains("Refusing to start", output, StringComparison.Ordinal);
        }
        finally
        {
            await Admin.ExecuteAsync(db.Connections.Admin, $"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task After_setup_database_Production_starts_as_the_application_role()
    {
        var server = await PostgresServer.GetAsync();
        var database = Admin.NewName("setup");
        var roles = new DatabaseRoles(Admin.NewName("owner"), Admin.NewName("app"));
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Admin"] = server.AdminConnectionString,
            ["Database__Name"] = database,
            ["Database__OwnerRole"] = roles.Owner,
            ["Database__AppRole"] = roles.App,
            ["Database__OwnerPassword"] = "owner-password",
            ["Database__AppPassword"] = "app-password",
        };
        try
        {
            var (setupExit, setupOutput) = await WebApp.RunAsync(settings, "setup-database");
            Assert.True(setupExit == 0, $"setup-database exited {setupExit}:\n{setupOutput}");
            Assert.Contains($"Created role '{roles.App}'", setupOutput, StringComparison.Ordinal);
            Assert.Contains($"Migrated database '{database}'", setupOutput, StringComparison.Ordinal);

            var healthy = await WebApp.StartsHealthyAsync(new()
            {
                ["ConnectionStrings__Default"] = Admin.As(server.AdminConnectionString, roles.App, database, "app-password"),
                ["ConnectionStrings__Migrations"] = Admin.As(server.AdminConnectionString, roles.Owner, database, "owner-password"),
                ["Database__AppRole"] = roles.App,
                ["Database__OwnerRole"] = roles.Owner,
            });
            Assert.True(healthy.Healthy, "The app did not answer /health:\n" + healthy.Output);
            Assert.DoesNotContain("Refusing to start", healthy.Output, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Admin.ExecuteAsync(server.AdminConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            await Admin.ExecuteAsync(server.AdminConnectionString, $"DROP ROLE IF EXISTS {roles.App}; DROP ROLE IF EXISTS {roles.Owner}");
        }
    }
}

/// <summary>The built SystemLeadership.Web.dll, run in Production with only the settings a test gives it.</summary>
internal static class WebApp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> settings, params string[] arguments)
    {
        var output = new List<string>();
        using var process = Start(settings, arguments, output, out _);
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, "Did not exit in time:\n" + Joined(output));
        }
        await process.WaitForExitAsync(); // drains the redirected output
        return (process.ExitCode, Joined(output));
    }

    public static async Task<(bool Healthy, string Output)> StartsHealthyAsync(Dictionary<string, string> settings)
    {
        var output = new List<string>();
        using var process = Start(settings, [], output, out var baseUrl);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow + Timeout;
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    if ((await http.GetAsync(new Uri(baseUrl + "/health"))).StatusCode == HttpStatusCode.OK) return (true, Joined(output));
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Slow to answer; ask again.
                }
                await Task.Delay(250);
            }
            return (false, Joined(output));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>Starts the app, waits for /health, then asks each request in turn; the answers' status codes and bodies.</summary>
    public static async Task<(IReadOnlyList<(HttpStatusCode Status, string Body)> Answers, string Output)> AskAsync(
        Dictionary<string, string> settings, params Func<string, HttpRequestMessage>[] requests)
    {
        var output = new List<string>();
        using var process = Start(settings, [], output, out var baseUrl);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow + Timeout;
            var up = false;
            while (!up && DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    up = (await http.GetAsync(new Uri(baseUrl + "/health"))).StatusCode == HttpStatusCode.OK;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }
                if (!up) await Task.Delay(250);
            }
            if (!up) throw new InvalidOperationException("The app did not answer /health:\n" + Joined(output));
            var answers = new List<(HttpStatusCode, string)>();
            foreach (var request in requests)
            {
                using var message = request(baseUrl);
                using var response = await http.SendAsync(message);
                answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
            }
            return (answers, Joined(output));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static Process Start(Dictionary<string, string> settings, string[] arguments, List<string> output, out string baseUrl)
    {
        var web = Path.Combine(RepositoryRoot(), "src", "SystemLeadership.Web");
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "SystemLeadership.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is not built: build the solution first.");

        baseUrl = $"http://127.0.0.1:{SystemLeadership.Infrastructure.Database.LocalPostgres.FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("Database__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("LocalPostgres__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["App__BaseUrl"] = baseUrl;
        start.Environment["Scheduler__Enabled"] = "false";
        foreach (var (name, value) in settings) start.Environment[name] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the application.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string Joined(List<string> output)
    {
        lock (output) return string.Join('\n', output);
    }


    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SystemLeadership.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("SystemLeadership.sln not found above the test output.");
    }
}
