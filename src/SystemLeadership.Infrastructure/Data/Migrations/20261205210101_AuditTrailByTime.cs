using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditTrailByTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Built without stopping writes: every audited change inserts into this table, which a national service
            // holds millions of rows of (CONCURRENTLY runs outside the migration's transaction).
            migrationBuilder.Sql(
                """CREATE INDEX CONCURRENTLY IF NOT EXISTS "IX_AuditEntries_TenantId_At" ON "AuditEntries" ("TenantId", "At");""",
                suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_TenantId_At",
                table: "AuditEntries");
        }
    }
}
