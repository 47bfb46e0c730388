using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Database;

/// <summary>
/// The database's two roles: the owner, which runs migrations and owns every table, and the application role,
/// which owns nothing and cannot bypass row-level security.
/// </summary>
public static partial class DatabaseSetup
{
    public const string OwnerRole = "systemleadership_owner";
    public const string AppRole = "systemleadership_app";
    public const string DirectoryRole = "systemleadership_directory";
    public const string MailerRole = "systemleadership_mailer";

    /// <summary>The outbox's policy for the mailer role (made at migration time, for the role's configured name).</summary>
    public const string MailerPolicy = "outbox_mailer";

    /// <summary>As superuser on a local cluster: make both roles (the built-in names) and the database if they are missing.</summary>
    public static Task EnsureRolesAndDatabaseAsync(string superuserConnectionString, string database, CancellationToken cancellationToken = default) =>
        EnsureRolesAndDatabaseAsync(superuserConnectionString, database, DatabaseRoles.Default, cancellationToken);

    /// <summary>As superuser on a local cluster: make both roles and the database if they are missing.</summary>
    public static async Task EnsureRolesAndDatabaseAsync(string superuserConnectionString, string database, DatabaseRoles roles, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(superuserConnectionString);
        await connection.OpenAsync(cancellationToken);
        await EnsureRolesAndDatabaseAsync(connection, database, roles, ownerPassword: null, appPassword: null, _ => { }, cancellationToken);
    }

    /// <summary>
    /// The setup-database command: with an administrator's connection (a superuser, or a role that may create roles and
    /// databases), make the owner and application roles and the database owned by the owner, or check the ones already
    /// there; set the passwords given; migrate as the owner and grant the application role. Safe to run again.
    /// Returns what it did, a sentence a step.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SetUpAsync(
        string adminConnectionString, string database, DatabaseRoles roles, string? ownerPassword, string? appPassword,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var done = new List<string>();
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await EnsureRolesAndDatabaseAsync(connection, database, roles, ownerPassword, appPassword, done.Add, cancellationToken);
        }

        var admin = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            // Before PostgreSQL 15 every role may create tables in public, and so come to own one: only the owner may.
            await ExecuteAsync(connection, "REVOKE CREATE ON SCHEMA public FROM PUBLIC", cancellationToken);
        }

        var owner = new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = database, Username = roles.Owner, Password = string.IsNullOrEmpty(ownerPassword) ? null : ownerPassword, Pooling = false,
        };
        var pending = await PendingMigrationsAsync(owner.ConnectionString, cancellationToken);
        await MigrateAsync(owner.ConnectionString, roles.App, roles.Directory, roles.Mailer, cancellationToken);
        done.Add(pending.Count == 0
            ? $"Database '{database}' was already migrated (as '{roles.Owner}')."
            : $"Migrated database '{database}' as '{roles.Owner}': {pending.Count} migration(s) applied, the last {pending[^1]}.");
        done.Add($"Granted '{roles.App}' use of the schema and SELECT, INSERT, UPDATE, DELETE on its tables; it owns none.");
        done.Add($"Granted '{roles.Directory}' SELECT on the public directory's published columns and on the schools register, nothing else.");
        done.Add($"Granted '{roles.Mailer}' SELECT and UPDATE on the outbox (every tenant's emails), nothing else.");
        return done;
    }


    /// <summary>
    /// As the owner: apply pending migrations, then give the application role what it needs and no more, the
    /// directory role the public directory's published columns only, and the mailer role the outbox only.
    /// </summary>
    public static async Task MigrateAsync(
        string ownerConnectionString, string? appRole = AppRole, string? directoryRole = DirectoryRole, string? mailerRole = MailerRole,
        CancellationToken cancellationToken = default)
    {
        if (mailerRole is not null && !DatabaseRoles.IsPlainIdentifier(mailerRole))
        {
            throw new ArgumentException($"'{mailerRole}' is not a plain role name.", nameof(mailerRole));
        }
        if (appRole is not null && !DatabaseRoles.IsPlainIdentifier(appRole))
        {
            throw new ArgumentException($"'{appRole}' is not a plain role name.", nameof(appRole));
        }
        if (directoryRole is not null && !DatabaseRoles.IsPlainIdentifier(directoryRole))
        {
            throw new ArgumentException($"'{directoryRole}' is not a plain role name.", nameof(directoryRole));
        }
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Before migrating: the outbox's forced policy (migration OutboxRowLevelSecurity) leaves the sender nothing to
        // read until the mailer role's policy is made, so a missing role stops here with the database untouched.
        if (appRole is not null && mailerRole is not null
            && !await RoleExistsAsync(connection, mailerRole, cancellationToken))
        {
            throw new DatabaseSetupException(
                $"The mailer role '{mailerRole}' ({DatabaseRoles.MailerSetting}) does not exist, so no email could be sent. " +
                "Run setup-database with an administrator's connection (ConnectionStrings__Admin) to create it; it migrates too.");
        }
        await using (var context = CreateContext(ownerConnectionString))
        {
            await context.Database.MigrateAsync(cancellationToken);
        }
        if (appRole is null) return;

        if (!await RoleExistsAsync(connection, appRole, cancellationToken)) return;
        await ExecuteAsync(connection, $"""
            GRANT USAGE ON SCHEMA public TO {appRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {appRole};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {appRole};
            """, cancellationToken);

        if (directoryRole is null) return;
        if (!await RoleExistsAsync(connection, directoryRole, cancellationToken))
        {
            throw new DatabaseSetupException(
                $"The directory role '{directoryRole}' ({DatabaseRoles.DirectorySetting}) does not exist, so the public directory could not be read. " +
                "Run setup-database with an administrator's connection (ConnectionStrings__Admin) to create it, then migrate again.");
        }
        var columns = string.Join(", ", LeaderDirectory.DirectoryReadModel.PublishedColumns.Select(c => $"\"{c}\""));
        await ExecuteAsync(connection, $"""
            GRANT USAGE ON SCHEMA public TO {directoryRole};
            REVOKE ALL ON "{LeaderDirectory.DirectoryReadModel.Table}" FROM {directoryRole};
            GRANT SELECT ({columns}) ON "{LeaderDirectory.DirectoryReadModel.Table}" TO {directoryRole};
            GRANT SELECT ON "Schools" TO {directoryRole};
            """, cancellationToken);

        if (mailerRole is null) return;
        // The outbox's tenant policy lets the app role insert and read its own tenant's emails only (migration
        // OutboxRowLevelSecurity). The mailer may read and mark every email, and nothing else: no insert, no delete,
        // no other table. Keyed to current_user, not to membership, so the app role gets it only by stepping in.
        await ExecuteAsync(connection, $"""
            GRANT USAGE ON SCHEMA public TO {mailerRole};
            REVOKE ALL ON "OutboxEmails" FROM {mailerRole};
            GRANT SELECT, UPDATE ON "OutboxEmails" TO {mailerRole};
            """, cancellationToken);
        // Made (or remade for another role name) only when it is not already right: a policy change locks the whole
        // table, which would hold up every tenant's writes behind a send in progress at each migrate.
        var policy = await ScalarAsync(connection, "SELECT qual FROM pg_policies WHERE tablename = 'OutboxEmails' AND policyname = @name",
            cancellationToken, ("name", MailerPolicy)) as string;
        if (policy is null || !policy.Contains($"'{mailerRole}'", StringComparison.Ordinal))
        {
            await ExecuteAsync(connection, $"""
                SET lock_timeout = '10s';
                DROP POLICY IF EXISTS {MailerPolicy} ON "OutboxEmails";
                CREATE POLICY {MailerPolicy} ON "OutboxEmails" USING (current_user = '{mailerRole}') WITH CHECK (current_user = '{mailerRole}');
                """, cancellationToken);
        }
    }

    /// <summary>
    /// The migrations not yet applied. A read a node makes as it starts: one started while the database fails over waits
    /// for it, as any read does (<see cref="ReadRetryStrategy.ReadAsync"/>), rather than stopping. EF reads the migration
    /// history outside its execution strategy, so the retry is here.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        return await ReadRetryStrategy.ReadAsync<IReadOnlyList<string>>(async () =>
        {
            await using var context = CreateContext(connectionString);
            return [.. await context.Database.GetPendingMigrationsAsync(cancellationToken)];
        }, cancellationToken);
    }

    public static AppDbContext CreateContext(string connectionString, TenantContext? tenant = null) =>
        new(Options(connectionString), tenant ?? new TenantContext());

    public static DbContextOptions<AppDbContext> Options(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseSystemLeadershipDatabase(connectionString);
        return builder.Options;
    }

    public static DbContextOptionsBuilder UseSystemLeadershipDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory").ExecutionStrategy(d => new ReadRetryStrategy(d)))
            .AddInterceptors(TenantSessionInterceptor.Instance, UnstorableTextGuard.Instance, Telemetry.DatabaseRoundTrips.Interceptor, WritesNeverRetried.Instance);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "DDL names only role and database names checked as plain identifiers (DatabaseRoles); values go in parameters.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> RoleExistsAsync(NpgsqlConnection connection, string role, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, "SELECT 1 FROM pg_roles WHERE rolname = @role", cancellationToken, ("role", role)) is not null;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Callers pass constant SQL; values go in parameters.")]
    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
