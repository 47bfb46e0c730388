using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The call the tenant interceptor makes in every transaction: the tenant, user and national-read settings the
    /// row-level-security policies read, made transaction-local so they never outlive it (safe on a pooled connection
    /// and behind PgBouncer in transaction mode). A procedure returns no result set, so it can go in front of any query.
    /// </summary>
    public partial class PerTransactionTenant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE PROCEDURE app_enter(tenant text, app_user text, national_read text)
                LANGUAGE sql AS $$
                    SELECT set_config('app.tenant_id', tenant, true),
                           set_config('app.user_id', app_user, true),
                           set_config('app.national_read', national_read, true)
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP PROCEDURE app_enter(text, text, text);");
        }
    }
}
