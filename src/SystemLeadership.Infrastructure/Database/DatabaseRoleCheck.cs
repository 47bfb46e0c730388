using Npgsql;

namespace SystemLeadership.Infrastructure.Database;

/// <summary>
/// Whether the application's connection really is held back by row-level security: its role must not be a superuser,
/// must not have BYPASSRLS, and must not own (or be able to act as the owner of) any table. Each problem comes back as a
/// sentence naming the setting to fix.
/// </summary>
public static class DatabaseRoleCheck
{
    public const string AppConnectionSetting = "ConnectionStrings:Default";

    private const string SeeReadme = "see README, 'Running against your own PostgreSQL'";

    /// <summary>
    /// Whether problems stop the app from starting in this environment: everywhere but Development and Testing,
    /// where they are logged as warnings.
    /// </summary>
    public static bool RefusesToStart(string environmentName) =>
        !string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(environmentName, "Testing", StringComparison.OrdinalIgnoreCase);

    /// <summary>The check a node makes as it starts; tried again, like any read, while the database fails over.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(string connectionString, string setting = AppConnectionSetting, CancellationToken cancellationToken = default)
    {
        return await ReadRetryStrategy.ReadAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return await ProblemsAsync(connection, setting, cancellationToken);
        }, cancellationToken);
    }

    public static async Task<IReadOnlyList<string>> ProblemsAsync(NpgsqlConnection connection, string setting = AppConnectionSetting, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // Tables outside PostgreSQL's own schemas that this role owns, and those whose owner it is a member of
        // (a member can SET ROLE to the owner and switch row-level security off).
        await using var command = new NpgsqlCommand("""
            WITH user_tables AS (
              SELECT quote_ident(t.schemaname) || '.' || quote_ident(t.tablename) AS name, t.tableowner::text AS owner
              FROM pg_tables t
              WHERE t.schemaname NOT IN ('pg_catalog', 'information_schema') AND t.schemaname NOT LIKE 'pg\_%'
            )
            SELECT current_user::text, r.rolsuper, r.rolbypassrls,
                   (SELECT count(*) FROM user_tables WHERE owner = current_user),
                   (SELECT min(name) FROM user_tables WHERE owner = current_user),
                   (SELECT count(*) FROM user_tables WHERE owner <> current_user AND pg_has_role(current_user, owner, 'MEMBER')),
                   (SELECT string_agg(DISTINCT owner, ', ') FROM user_tables WHERE owner <> current_user AND pg_has_role(current_user, owner, 'MEMBER'))
            FROM pg_roles r
            WHERE r.rolname = current_user
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return [];

        var user = reader.GetString(0);
        var superuser = reader.GetBoolean(1);
        var bypassesRls = reader.GetBoolean(2);
        var owned = reader.GetInt64(3);
        var example = await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4);
        var ownedThroughMembership = reader.GetInt64(5);
        var owners = await reader.IsDBNullAsync(6, cancellationToken) ? null : reader.GetString(6);

        var problems = new List<string>();
        if (superuser)
        {
            problems.Add($"{setting} connects as '{user}', a superuser: row-level security does not apply to it, so every session would see every tenant's data. " +
                $"Connect as the application role instead ({DatabaseRoles.AppSetting}, made by setup-database; {SeeReadme}).");
            // A superuser can act as every role; the ownership sentences below would add nothing.
            return problems;
        }
        if (bypassesRls)
        {
            problems.Add($"{setting} connects as '{user}', which has BYPASSRLS: row-level security does not apply to it, so every session would see every tenant's data. " +
                $"Connect as the application role instead ({DatabaseRoles.AppSetting}, made by setup-database with NOBYPASSRLS; {SeeReadme}), or run ALTER ROLE {Quote(user)} NOBYPASSRLS.");
        }
        if (owned > 0)
        {
            problems.Add($"{setting} connects as '{user}', which owns {owned} table(s) (e.g. {example}): a table's owner can switch its row-level security off. " +
                $"Connect as the application role, which owns nothing ({DatabaseRoles.AppSetting}); the owner role belongs in ConnectionStrings:Migrations ({SeeReadme}).");
        }
        if (ownedThroughMembership > 0)
        {
            problems.Add($"{setting} connects as '{user}', a member of {owners}, which own(s) {ownedThroughMembership} table(s): it can act as their owner and switch row-level security off. " +
                $"Revoke that membership, or connect as an application role that is a member of no owner ({DatabaseRoles.AppSetting}; {SeeReadme}).");
        }
        return problems;
    }

    private static string Quote(string identifier) =>
        DatabaseRoles.IsPlainIdentifier(identifier) ? identifier : "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
