using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The outbox behind a forced policy like every other table with a tenant column. The application role may insert
    /// and read its own tenant's emails, and insert (never read back) an account email that belongs to no tenant. The
    /// sender's policy, for every row, is made with the mailer role's configured name by
    /// <see cref="Database.DatabaseSetup.MigrateAsync"/>.
    /// </summary>
    public partial class OutboxRowLevelSecurity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnableTenantRowLevelSecurity("OutboxEmails");
            migrationBuilder.Sql("""CREATE POLICY account_email ON "OutboxEmails" FOR INSERT WITH CHECK ("TenantId" IS NULL);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                DROP POLICY IF EXISTS {Database.DatabaseSetup.MailerPolicy} ON "OutboxEmails";
                DROP POLICY account_email ON "OutboxEmails";
                DROP POLICY {RowLevelSecurity.PolicyName} ON "OutboxEmails";
                ALTER TABLE "OutboxEmails" NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE "OutboxEmails" DISABLE ROW LEVEL SECURITY;
                """);
        }
    }
}
