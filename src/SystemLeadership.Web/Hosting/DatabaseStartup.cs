using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Web.Hosting;

/// <summary>
/// Where the database is. With ConnectionStrings:Default the host uses that server and never starts its own;
/// without it (Development, or LocalPostgres:Enabled) it starts a LocalPostgres cluster under the project's data folder.
/// </summary>
public sealed record DatabaseConnections(string App, string Owner, LocalPostgres? LocalServer)
{
    public const string DatabaseName = "systemleadership";

    public static DatabaseConnections Resolve(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        var app = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(app))
        {
            return new DatabaseConnections(app, configuration.GetConnectionString("Migrations") ?? app, null);
        }

        if (!environment.IsDevelopment() && !configuration.GetValue<bool>("LocalPostgres:Enabled"))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Default is not set. Set ConnectionStrings__Default (and ConnectionStrings__Migrations for the owner role), " +
                "or set LocalPostgres__Enabled=true to run a local PostgreSQL cluster.");
        }

        var folder = configuration["LocalPostgres:DataDirectory"]
            ?? Path.Combine(environment.ContentRootPath, "..", "..", ".data", "postgres");
        var server = LocalPostgres.Start(folder, message => logger.LogInformation("{Message}", message));
        DatabaseSetup.EnsureRolesAndDatabaseAsync(server.ConnectionString("postgres"), DatabaseName).GetAwaiter().GetResult();
        return new DatabaseConnections(
            server.ConnectionString(DatabaseName, DatabaseSetup.AppRole),
            server.ConnectionString(DatabaseName, DatabaseSetup.OwnerRole),
            server);
    }

    /// <summary>Development migrates on start; Production refuses an unmigrated database and says how to migrate it.</summary>
    public async Task PrepareAsync(IHostEnvironment environment, ILogger logger)
    {
        if (environment.IsDevelopment() || LocalServer is not null)
        {
            await DatabaseSetup.MigrateAsync(Owner);
            return;
        }
        var pending = await DatabaseSetup.PendingMigrationsAsync(App);
        if (pending.Count > 0)
        {
            throw new UnmigratedDatabaseException(
                $"The database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}). " +
                "Migrate it as the owner role first: dotnet SystemLeadership.Web.dll migrate " +
                "(or from the source tree: dotnet run --project src/SystemLeadership.Web -- migrate), with ConnectionStrings__Migrations set.");
        }
        logger.LogInformation("Database schema is up to date.");
    }
}

public sealed class UnmigratedDatabaseException(string message) : InvalidOperationException(message);
