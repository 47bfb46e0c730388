using Microsoft.EntityFrameworkCore;
using Npgsql;
using SystemLeadership.Infrastructure.Data;
using SystemLeadership.Infrastructure.Tenancy;

namespace SystemLeadership.Infrastructure.Database;

/// <summary>
/// The database's two roles: the owner, which runs migrations and owns every table, and the application role,
/// which owns nothing and cannot bypass row-level security.
/// </summary>
public static class DatabaseSetup
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

    private static async Task EnsureRolesAndDatabaseAsync(
        NpgsqlConnection connection, string database, DatabaseRoles roles, string? ownerPassword, string? appPassword,
        Action<string> report, CancellationToken cancellationToken)
    {
        if (!IsSafeDatabaseName(database))
        {
            throw new DatabaseSetupException($"The database name '{database}' is not a plain name: use letters, digits, underscores and hyphens.");
        }
        await EnsureRoleAsync(connection, roles.Owner, DatabaseRoles.OwnerSetting, "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE", ownerPassword, report, cancellationToken);
        await EnsureRoleAsync(connection, roles.App, DatabaseRoles.AppSetting, "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE", appPassword, report, cancellationToken);
        await EnsureRoleAsync(connection, roles.Directory, DatabaseRoles.DirectorySetting, "NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE", null, report, cancellationToken, mayLogIn: false);
        // The application reads the public directory as this role (SET LOCAL ROLE), so it must be a member of it.
        await ExecuteAsync(connection, $"GRANT {roles.Directory} TO {roles.App}", cancellationToken);
        await EnsureRoleAsync(connection, roles.Mailer, DatabaseRoles.MailerSetting, "NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE", null, report, cancellationToken, mayLogIn: false);
        // Likewise the outbox sender steps into the mailer role. Membership alone gives the app role nothing the
        // outbox's policy grants: the policy asks that the current role be the mailer itself.
        await ExecuteAsync(connection, $"GRANT {roles.Mailer} TO {roles.App}", cancellationToken);

        var member = await ScalarAsync(connection, "SELECT pg_has_role(@app, @owner, 'MEMBER')", cancellationToken, ("app", roles.App), ("owner", roles.Owner));
        if (member is true)
        {
            throw new DatabaseSetupException(
                $"Role '{roles.App}' ({DatabaseRoles.AppSetting}) is a member of '{roles.Owner}' ({DatabaseRoles.OwnerSetting}): it could act as the owner and switch row-level security off. " +
                $"Run REVOKE {roles.Owner} FROM {roles.App}, or choose other role names.");
        }

        var currentOwner = await ScalarAsync(connection,
            "SELECT pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = @name", cancellationToken, ("name", database));
        if (currentOwner is null)
        {
            await ExecuteAsync(connection, $"CREATE DATABASE \"{database}\" OWNER {roles.Owner}", cancellationToken);
            report($"Created database '{database}', owned by '{roles.Owner}'.");
        }
        else if ((string)currentOwner != roles.Owner)
        {
            throw new DatabaseSetupException(
                $"Database '{database}' already exists and is owned by '{currentOwner}', not by '{roles.Owner}' ({DatabaseRoles.OwnerSetting}). " +
                $"Choose another Database:Name, or give it to the owner role: ALTER DATABASE \"{database}\" OWNER TO {roles.Owner}.");
        }
        else
        {
            report($"Database '{database}' exists, owned by '{roles.Owner}'.");
        }
        await ExecuteAsync(connection, $"GRANT CONNECT ON DATABASE \"{database}\" TO {roles.App}", cancellationToken);
    }

    private static async Task EnsureRoleAsync(
        NpgsqlConnection connection, string role, string setting, string attributes, string? password,
        Action<string> report, CancellationToken cancellationToken, bool mayLogIn = true)
    {
        var existing = await RoleAttributesAsync(connection, role, cancellationToken);
        if (existing is var (superuser, bypassesRls, canLogIn))
        {
            if (superuser || bypassesRls)
            {
                throw new DatabaseSetupException(
                    $"Role '{role}' ({setting}) already exists and {(superuser ? "is a superuser" : "has BYPASSRLS")}: row-level security would not apply to it. " +
                    $"Choose another name for {setting}, or run ALTER ROLE {role} NOSUPERUSER NOBYPASSRLS yourself.");
            }
            if (!canLogIn && mayLogIn) await ExecuteAsync(connection, $"ALTER ROLE {role} LOGIN", cancellationToken);
            // The directory role is stepped into, never logged in as.
            if (canLogIn && !mayLogIn) await ExecuteAsync(connection, $"ALTER ROLE {role} NOLOGIN", cancellationToken);
            report($"Role '{role}' ({setting}) exists: not a superuser, no BYPASSRLS{(canLogIn == mayLogIn ? "" : mayLogIn ? "; allowed it to log in" : "; no longer allowed to log in")}.");
        }
        else
        {
            await ExecuteAsync(connection, $"CREATE ROLE {role} {attributes}", cancellationToken);
            report($"Created role '{role}' ({setting}): {attributes}.");
        }
        if (!string.IsNullOrEmpty(password))
        {
            await SetPasswordAsync(connection, role, password, cancellationToken);
            report($"Set the password of '{role}'.");
        }
    }

    private static async Task<(bool Superuser, bool BypassesRls, bool CanLogIn)?> RoleAttributesAsync(NpgsqlConnection connection, string role, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = @role", connection);
        command.Parameters.AddWithValue("role", role);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2)) : null;
    }

    /// <summary>
    /// ALTER ROLE cannot take a bound parameter, so the password travels as a transaction-local setting and is quoted
    /// by the server (format %L): no text from configuration is ever spliced into SQL here.
    /// </summary>
    private static async Task SetPasswordAsync(NpgsqlConnection connection, string role, string password, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ScalarAsync(connection, "SELECT set_config('systemleadership.setup_role', @role, true), set_config('systemleadership.setup_password', @password, true)",
            cancellationToken, ("role", role), ("password", password));
        await ExecuteAsync(connection, """
            DO $$ BEGIN
              EXECUTE format('ALTER ROLE %I PASSWORD %L', current_setting('systemleadership.setup_role'), current_setting('systemleadership.setup_password'));
            END $$
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static bool IsSafeDatabaseName(string name) =>
        name.Length is > 0 and <= 63 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

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

    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var context = CreateContext(connectionString);
        return [.. await context.Database.GetPendingMigrationsAsync(cancellationToken)];
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
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory"))
            .AddInterceptors(TenantSessionInterceptor.Instance, UnstorableTextGuard.Instance, Telemetry.DatabaseRoundTrips.Interceptor);

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

/// <summary>setup-database cannot go on safely; the message says what to change.</summary>
public sealed class DatabaseSetupException(string message) : InvalidOperationException(message);
