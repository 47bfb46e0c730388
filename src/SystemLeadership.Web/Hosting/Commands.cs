using SystemLeadership.Infrastructure.Database;
using SystemLeadership.Infrastructure.Schools;

namespace SystemLeadership.Web.Hosting;

/// <summary>The host's command mode: operations that run once and exit.</summary>
public static class Commands
{
    public static bool IsCommand(string name) => name is "migrate" or "import-schools";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        var database = DatabaseConnections.Resolve(configuration, environment, logger);
        try
        {
            switch (args[0])
            {
                case "migrate":
                    await DatabaseSetup.MigrateAsync(database.Owner);
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

    private static async Task<int> ImportSchoolsAsync(string[] args, DatabaseConnections database, ILogger logger)
    {
        var file = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null || !File.Exists(file))
        {
            logger.LogError("Usage: import-schools <edubasealldata.csv> [--include-closed]. File not found: {File}", file);
            return 1;
        }
        await DatabaseSetup.MigrateAsync(database.Owner);
        await using var db = DatabaseSetup.CreateContext(database.App);
        await using var stream = File.OpenRead(file);
        var result = await SchoolImporter.ImportAsync(db, stream, args.Contains("--include-closed"), CancellationToken.None);
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
