using Npgsql;

namespace SystemLeadership.Infrastructure.Database;

/// <summary>Making the roles and the database on a cluster, as its superuser (setup-database, and the local cluster).</summary>
public static partial class DatabaseSetup
{
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
}

/// <summary>setup-database cannot go on safely; the message says what to change.</summary>
public sealed class DatabaseSetupException(string message) : InvalidOperationException(message);
