using Npgsql;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Web.Hosting;

/// <summary>
/// Where the database is. With ConnectionStrings:Default the host uses that server and never starts its own;
/// without it (Development, or LocalPostgres:Enabled) it starts a LocalPostgres cluster under the project's data folder.
/// </summary>
public sealed record DatabaseConnections(string App, string Owner, LocalPostgres? LocalServer, DatabaseRoles Roles)
{
    public const string DatabaseName = "systemleadership";
    public const string DatabaseNameSetting = "Database:Name";

    public static DatabaseConnections Resolve(IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        var roles = DatabaseRoles.FromConfiguration(configuration);
        var app = configuration.GetConnectionString("Default");
        if (!string.IsNullOrWhiteSpace(app))
        {
            return new DatabaseConnections(Pooled(app), Pooled(configuration.GetConnectionString("Migrations") ?? app), null, roles);
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
        DatabaseSetup.EnsureRolesAndDatabaseAsync(server.ConnectionString("postgres"), DatabaseName, roles).GetAwaiter().GetResult();
        return new DatabaseConnections(
            Pooled(server.ConnectionString(DatabaseName, roles.App)),
            Pooled(server.ConnectionString(DatabaseName, roles.Owner)),
            server,
            roles);
    }

    /// <summary>
    /// A connection string whose pooled connections go back without Npgsql's DISCARD ALL, and that prepares the
    /// statements a connection sends often, unless it says otherwise.
    /// <para>No reset: the product keeps no state in a session (the tenant, the user and every role it takes are set per
    /// transaction, and its temporary tables drop on commit), so the reset would be one more statement on every reuse
    /// for nothing. The same is why it is correct behind PgBouncer in transaction mode, where no reset runs between
    /// clients.</para>
    /// <para>Prepared statements (<see cref="AutoPrepared"/> of them per connection, each after its fifth use): the
    /// server plans a page's queries once per connection instead of on every request. A plan holds no tenant: row-level
    /// security reads the tenant from the transaction's setting when the plan runs. A transaction-mode pooler that does
    /// not carry prepared statements between its server connections (PgBouncer without <c>max_prepared_statements</c>
    /// above 0, its default before 1.24) needs <c>Max Auto Prepare=0</c> in the connection string.</para>
    /// </summary>
    public static string Pooled(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "noresetonclose")) builder.NoResetOnClose = true;
        if (!Names(connectionString, "maxautoprepare")) builder.MaxAutoPrepare = AutoPrepared;
        return builder.ConnectionString;
    }

    // Whether the operator set the key, however spelt: Npgsql takes "Max Auto Prepare" and "MaxAutoPrepare" alike.
    private static bool Names(string connectionString, string key) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), key, StringComparison.OrdinalIgnoreCase));

    /// <summary>How many statements each connection keeps prepared: the most used of a few dozen pages' queries.</summary>
    public const int AutoPrepared = 100;

    /// <summary>The database setup-database makes: Database:Name, else the one ConnectionStrings:Default names, else systemleadership.</summary>
    public static string ConfiguredDatabaseName(IConfiguration configuration)
    {
        var name = configuration[DatabaseNameSetting];
        if (!string.IsNullOrWhiteSpace(name)) return name.Trim();
        var app = configuration.GetConnectionString("Default");
        var fromConnection = string.IsNullOrWhiteSpace(app) ? null : new NpgsqlConnectionStringBuilder(app).Database;
        return string.IsNullOrWhiteSpace(fromConnection) ? DatabaseName : fromConnection;
    }

    /// <summary>
    /// First the application's role: outside Development and Testing a superuser, a BYPASSRLS role or a table owner stops
    /// the start (in Development it is a warning). Then the schema: Development migrates on start; Production refuses an
    /// unmigrated database and says how to migrate it.
    /// </summary>
    public async Task PrepareAsync(IHostEnvironment environment, ILogger logger)
    {
        var problems = await DatabaseRoleCheck.ProblemsAsync(App);
        if (problems.Count > 0)
        {
            if (DatabaseRoleCheck.RefusesToStart(environment.EnvironmentName)) throw new UnsafeDatabaseRoleException(problems);
            foreach (var problem in problems) logger.LogWarning("{Problem}", problem);
        }

        if (environment.IsDevelopment() || LocalServer is not null)
        {
            await DatabaseSetup.MigrateAsync(Owner, Roles.App, Roles.Directory, Roles.Mailer);
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

/// <summary>The database is not fit to serve from; each problem is a sentence for the log, and the process exits with the code.</summary>
public abstract class DatabaseNotReadyException(IReadOnlyList<string> problems, int exitCode) : InvalidOperationException(string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
    public int ExitCode { get; } = exitCode;
}

public sealed class UnmigratedDatabaseException(string message) : DatabaseNotReadyException([message], 2);

public sealed class UnsafeDatabaseRoleException(IReadOnlyList<string> problems) : DatabaseNotReadyException(
    [.. problems, $"Refusing to start: row-level security would not hold for {DatabaseRoleCheck.AppConnectionSetting}. Fix the setting above and start again."], 3);
