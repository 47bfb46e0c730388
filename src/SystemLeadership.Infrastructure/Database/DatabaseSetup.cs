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

    /// <summary>As superuser on a local cluster: make both roles and the database if they are missing.</summary>
    public static async Task EnsureRolesAndDatabaseAsync(string superuserConnectionString, string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(superuserConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OwnerRole}') THEN
                CREATE ROLE {OwnerRole} LOGIN CREATEDB NOSUPERUSER NOBYPASSRLS;
              END IF;
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AppRole}') THEN
                CREATE ROLE {AppRole} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
              END IF;
            END $$;
            """, cancellationToken);
        var exists = await ScalarAsync(connection, "SELECT 1 FROM pg_database WHERE datname = @name", cancellationToken, ("name", database));
        if (exists is null)
        {
            await ExecuteAsync(connection, $"CREATE DATABASE \"{database}\" OWNER {OwnerRole}", cancellationToken);
        }
    }

    /// <summary>As the owner: apply pending migrations, then give the application role what it needs and no more.</summary>
    public static async Task MigrateAsync(string ownerConnectionString, string? appRole = AppRole, CancellationToken cancellationToken = default)
    {
        await using (var context = CreateContext(ownerConnectionString))
        {
            await context.Database.MigrateAsync(cancellationToken);
        }
        if (appRole is null) return;

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        var roleExists = await ScalarAsync(connection, "SELECT 1 FROM pg_roles WHERE rolname = @role", cancellationToken, ("role", appRole));
        if (roleExists is null) return;
        await ExecuteAsync(connection, $"""
            GRANT USAGE ON SCHEMA public TO {appRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {appRole};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {appRole};
            """, cancellationToken);
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
            .AddInterceptors(TenantSessionInterceptor.Instance);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "DDL names only constants of this class; values go in parameters.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Callers pass constant SQL; values go in parameters.")]
    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
