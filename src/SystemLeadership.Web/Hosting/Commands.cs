using Npgsql;
using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Schools;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Web.Hosting;

/// <summary>The host's command mode: operations that run once and exit.</summary>
public static class Commands
{
    public static bool IsCommand(string name) => name is "migrate" or "import-schools" or "setup-database";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        // setup-database runs before the roles it makes exist: it needs only the administrator's connection.
        if (args[0] == "setup-database") return await SetUpDatabaseAsync(configuration, logger);

        var database = DatabaseConnections.Resolve(configuration, environment, logger);
        try
        {
            switch (args[0])
            {
                case "migrate":
                    try
                    {
                        await DatabaseSetup.MigrateAsync(database.Owner, database.Roles.App, database.Roles.Directory, database.Roles.Mailer);
                    }
                    catch (DatabaseSetupException e)
                    {
                        logger.LogCritical("{Problem}", e.Message);
                        return 2;
                    }
                    logger.LogInformation("Database migrated.");
                    return 0;
                case "import-schools":
                    return await ImportSchoolsAsync(args, database, logger);
                default:
                    return 1;
            }
        }
        finally
        {
            database.LocalServer?.Dispose();
        }
    }

    /// <summary>
    /// With ConnectionStrings:Admin (a superuser or a role that may create roles and databases): make the owner and
    /// application roles (Database:OwnerRole, Database:AppRole, with Database:OwnerPassword, Database:AppPassword) and
    /// the database (Database:Name), migrate as the owner, grant the application role. Safe to run again.
    /// </summary>
    private static async Task<int> SetUpDatabaseAsync(IConfiguration configuration, ILogger logger)
    {
        var admin = configuration.GetConnectionString("Admin");
        if (string.IsNullOrWhiteSpace(admin))
        {
            logger.LogError("setup-database needs ConnectionStrings:Admin (ConnectionStrings__Admin): a connection as a superuser, " +
                "or a role that may create roles and databases, to the server's postgres database.");
            return 1;
        }
        DatabaseRoles roles;
        try
        {
            roles = DatabaseRoles.FromConfiguration(configuration);
        }
        catch (ArgumentException e)
        {
            logger.LogError("{Message}", e.Message);
            return 1;
        }
        var name = DatabaseConnections.ConfiguredDatabaseName(configuration);
        var ownerPassword = configuration["Database:OwnerPassword"];
        var appPassword = configuration["Database:AppPassword"];
        if (string.IsNullOrEmpty(ownerPassword) || string.IsNullOrEmpty(appPassword))
        {
            logger.LogWarning("Database:OwnerPassword or Database:AppPassword is not set: a role made without one cannot log in with a password " +
                "(fine only where the server trusts local connections), and an existing role keeps the password it has.");
        }

        logger.LogInformation("Setting up database '{Database}' with owner role '{Owner}' and application role '{App}'.", name, roles.Owner, roles.App);
        try
        {
            var done = await DatabaseSetup.SetUpAsync(admin, name, roles, ownerPassword, appPassword);
            foreach (var step in done) logger.LogInformation("{Step}", step);
        }
        catch (DatabaseSetupException e)
        {
            logger.LogError("{Message}", e.Message);
            return 1;
        }
        catch (NpgsqlException e)
        {
            logger.LogError("setup-database stopped: {Message}", e.Message);
            return 1;
        }
        catch (Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException e) when (e.InnerException is NpgsqlException)
        {
            // A read that the database could not answer however often it was asked (ReadRetryStrategy).
            logger.LogError("setup-database stopped: {Message}", e.InnerException.Message);
            return 1;
        }
        logger.LogInformation("Done. Run the app with ConnectionStrings__Default connecting as '{App}' and ConnectionStrings__Migrations as '{Owner}', " +
            "both to database '{Database}'.", roles.App, roles.Owner, name);
        return 0;
    }

    private static async Task<int> ImportSchoolsAsync(string[] args, DatabaseConnections database, ILogger logger)
    {
        var file = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null || !File.Exists(file))
        {
            logger.LogError("Usage: import-schools <edubasealldata.csv> [--include-closed]. File not found: {File}", file);
            return 1;
        }
        await DatabaseSetup.MigrateAsync(database.Owner, database.Roles.App, database.Roles.Directory, database.Roles.Mailer);
        await using var stream = File.OpenRead(file);
        // The same path as the College page: the import, then the public directory written again from the register.
        var imports = new SchoolImports(new TenantDbContextFactory(DatabaseSetup.Options(database.App), new TenantContext()), TimeProvider.System);
        var result = await imports.ImportAsync(stream, args.Contains("--include-closed"));
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors) logger.LogError("{Error}", error);
            logger.LogError("Nothing was imported: fix the rows above and run the import again.");
            return 1;
        }
        logger.LogInformation("Schools imported: {Added} added, {Updated} updated, {Skipped} closed skipped.", result.Added, result.Updated, result.SkippedClosed);
        return 0;
    }
}
