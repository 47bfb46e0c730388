using Npgsql;
using SystemLeadership.Domain.Brokerage;
using SystemLeadership.Domain.Deployments;
using SystemLeadership.Domain.Designations;
using SystemLeadership.Domain.Evaluations;
using SystemLeadership.Domain.LeaderDirectory;
using SystemLeadership.Domain.Schools;
using SystemLeadership.Domain.Tenancy;
using SystemLeadership.Infrastructure.Database;

namespace SystemLeadership.Bench;

internal static class Loader
{
    /// <summary>
    /// Binary COPY as the owner role, in one transaction. PostgreSQL refuses COPY FROM into a table whose row-level
    /// security applies to the copying role, and FORCE makes it apply to the owner too; so each tenant table is set to
    /// NO FORCE just for its COPY and back to FORCE in the same transaction: no other session ever sees it unforced.
    /// </summary>
    public static async Task LoadAsync(string ownerConnectionString, NationalDataSet data, Action<string> say)
    {
        await using var model = DatabaseSetup.CreateContext(ownerConnectionString);
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // alsoTouched: tables the copied rows' triggers read or write (the directory's read model), unforced with it.
            async Task Copy<T>(List<T> rows, params string[] alsoTouched) where T : class
            {
                var copy = EntityCopy.For<T>(model);
                var forced = await ScalarAsync(connection, $"SELECT relforcerowsecurity FROM pg_class WHERE oid = '\"{copy.Table}\"'::regclass") is true;
                string[] tables = [copy.Table, .. alsoTouched];
                if (forced) foreach (var table in tables) await ExecuteAsync(connection, $"ALTER TABLE \"{table}\" NO FORCE ROW LEVEL SECURITY");
                var count = await copy.CopyAsync(connection, rows);
                if (forced) foreach (var table in tables) await ExecuteAsync(connection, $"ALTER TABLE \"{table}\" FORCE ROW LEVEL SECURITY");
                say($"  {copy.Table}: {count:N0} rows{(forced ? " (RLS forced again)" : "")}");
            }
            await Copy<Tenant>(data.Tenants);
            await Copy<School>(data.Schools);
            await Copy<DesignationApplication>(data.Applications);
            await Copy<Designation>(data.Designations);
            // Each listing's trigger writes its leader's entries into the public directory's read model.
            await Copy<DirectoryListing>(data.Listings, "DirectoryEntries", "Designations");
            await Copy<LeaderProfile>(data.Profiles);
            await Copy<Commission>(data.Commissions);
            await Copy<Proposal>(data.Proposals);
            await Copy<Deployment>(data.Deployments);
            await Copy<Visit>(data.Visits);
            await Copy<CapacityCommitment>(data.Commitments);
            await Copy<DeploymentEvaluation>(data.Evaluations);
            await transaction.CommitAsync();
        }
        // As autovacuum leaves a live database: statistics, and the visibility map that lets a scan read an index alone.
        await ExecuteAsync(connection, "VACUUM (ANALYZE)");
    }

    /// <summary>Refuses to measure unless the connection is the application role, with RLS on and forced on every tenant table.</summary>
    public static async Task CheckAppRoleAsync(string appConnectionString, Action<string> say)
    {
        await using var connection = new NpgsqlConnection(appConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT current_user, r.rolsuper, r.rolbypassrls,
                   (SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relrowsecurity AND c.relforcerowsecurity),
                   (SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relrowsecurity AND NOT c.relforcerowsecurity),
                   (SELECT count(*) FROM "Designations")
            FROM pg_roles r WHERE r.rolname = current_user
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (user, super, bypass, forced, unforced, visible) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        if (user != DatabaseSetup.AppRole || super || bypass || unforced > 0 || visible > 0)
            throw new InvalidOperationException($"Not measuring: {user} superuser={super} bypassrls={bypass}, {unforced} tables with RLS not forced, {visible} designations visible without a tenant.");
        say($"Measuring as {user} (not superuser, no BYPASSRLS); RLS enabled and forced on {forced} tables; without a tenant it sees 0 designations");
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table names come from the EF model.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table names come from the EF model.")]
    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
