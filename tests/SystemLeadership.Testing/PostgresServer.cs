using Npgsql;
using SystemLeadership.Infrastructure.Database;
using Testcontainers.PostgreSql;

namespace SystemLeadership.Testing;

/// <summary>
/// One real PostgreSQL server per test process, found in this order: SYSTEMLEADERSHIP_TEST_DB (a superuser connection
/// string), a LocalPostgres cluster in a temporary folder, Testcontainers where a Docker engine answers.
/// A migrated template database is made once; each test class gets its own copy of it.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private readonly string _adminConnectionString;
    private readonly string _template;

    private PostgresServer(string adminConnectionString, string template)
    {
        _adminConnectionString = adminConnectionString;
        _template = template;
    }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public string AdminConnectionString => _adminConnectionString;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Database names are generated here, not user input.")]
    public async Task<TestDatabaseConnections> CreateDatabaseAsync(string? template = null)
    {
        var name = "test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        // Another template (a copy of the migrated one with more in it) must have no connection open while it is copied.
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template ?? _template}\" OWNER {DatabaseSetup.OwnerRole}", connection);
        await command.ExecuteNonQueryAsync();
        return new TestDatabaseConnections(name, ForDatabase(name, DatabaseSetup.OwnerRole), ForDatabase(name, DatabaseSetup.AppRole), ForDatabase(name, null));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Database names are generated here, not user input.")]
    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private string ForDatabase(string database, string? user)
    {
        var builder = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database };
        if (user is not null)
        {
            builder.Username = user;
            builder.Password = null;
        }
        return builder.ConnectionString;
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var admin = Environment.GetEnvironmentVariable("SYSTEMLEADERSHIP_TEST_DB")
            ?? StartLocal()
            ?? await StartContainerAsync()
            ?? throw new InvalidOperationException(
                "No PostgreSQL for the tests: set SYSTEMLEADERSHIP_TEST_DB, install the server (apt-get install -y postgresql) or run a Docker engine.");

        var template = "template_" + Guid.NewGuid().ToString("N")[..12];
        await DatabaseSetup.EnsureRolesAndDatabaseAsync(admin, template);
        var owner = new NpgsqlConnectionStringBuilder(admin) { Database = template, Username = DatabaseSetup.OwnerRole, Password = null, Pooling = false };
        await DatabaseSetup.MigrateAsync(owner.ConnectionString);
        NpgsqlConnection.ClearAllPools();
        return new PostgresServer(admin, template);
    }

    private static string? StartLocal()
    {
        if (!LocalPostgres.ServerBinariesAvailable()) return null;
        var folder = Path.Combine(Path.GetTempPath(), "systemleadership-tests", Guid.NewGuid().ToString("N"));
        var server = LocalPostgres.Start(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            server.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return server.ConnectionString("postgres");
    }

    private static async Task<string?> StartContainerAsync()
    {
        try
        {
            var container = new PostgreSqlBuilder("postgres:15").Build();
            await container.StartAsync();
            return container.GetConnectionString();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No Docker engine here; the caller reports that no server was found.
            return null;
        }
    }
}

public sealed record TestDatabaseConnections(string Name, string Owner, string App, string Admin);
