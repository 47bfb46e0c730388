using Microsoft.EntityFrameworkCore.Migrations;

namespace SystemLeadership.Infrastructure.Tenancy;

/// <summary>The SQL of lock 2, written once and called from migrations for each tenant-owned table.</summary>
public static class RowLevelSecurity
{
    public const string PolicyName = "tenant_isolation";

    /// <summary>
    /// The tenant id set by <see cref="TenantSessionInterceptor"/>; NULL (so no row matches) when unset. A scalar
    /// sub-select, so PostgreSQL reads the setting once per statement (an InitPlan) instead of once per row it filters:
    /// the same value, so the same rows (migration <c>PoliciesReadSettingsOnce</c>; the pattern is PostgREST's and
    /// Supabase's, see github.com/PostgREST/postgrest-docs/issues/609).
    /// </summary>
    public const string CurrentTenant = "(SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid)";

    /// <summary>Whether the statement runs for the College's national read; read once per statement like the tenant.</summary>
    public const string NationalRead = "(SELECT current_setting('app.national_read', true) = 'on')";

    public static void EnableTenantRowLevelSecurity(this MigrationBuilder migration, string table, string? orClause = null)
    {
        var condition = $"\"TenantId\" = {CurrentTenant}";
        var read = orClause is null ? condition : $"{condition} OR {orClause}";
        migration.Sql($"ALTER TABLE \"{table}\" ENABLE ROW LEVEL SECURITY;");
        migration.Sql($"ALTER TABLE \"{table}\" FORCE ROW LEVEL SECURITY;");
        migration.Sql($"CREATE POLICY {PolicyName} ON \"{table}\" USING ({read}) WITH CHECK ({condition});");
    }

    /// <summary>
    /// A second, SELECT-only policy: a context made for the College's national register may read every tenant's rows
    /// of this table. Writes still need the tenant policy's WITH CHECK, so the register cannot change anything.
    /// </summary>
    public static void EnableNationalRead(this MigrationBuilder migration, string table) =>
        migration.Sql($"CREATE POLICY national_register ON \"{table}\" FOR SELECT USING ({NationalRead});");
}
