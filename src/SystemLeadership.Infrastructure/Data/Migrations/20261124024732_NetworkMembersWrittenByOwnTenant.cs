using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class NetworkMembersWrittenByOwnTenant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Network membership is read by every tenant (the pooled-leader policy looks partners up in it), but each
            // tenant can add, change or remove only its own rows.
            migrationBuilder.Sql("ALTER TABLE \"NetworkMembers\" ENABLE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("ALTER TABLE \"NetworkMembers\" FORCE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("CREATE POLICY network_members_read ON \"NetworkMembers\" FOR SELECT USING (true);");
            migrationBuilder.Sql($"CREATE POLICY {RowLevelSecurity.PolicyName} ON \"NetworkMembers\" USING (\"TenantId\" = {RowLevelSecurity.CurrentTenant}) WITH CHECK (\"TenantId\" = {RowLevelSecurity.CurrentTenant});");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP POLICY {RowLevelSecurity.PolicyName} ON \"NetworkMembers\";");
            migrationBuilder.Sql("DROP POLICY network_members_read ON \"NetworkMembers\";");
            migrationBuilder.Sql("ALTER TABLE \"NetworkMembers\" NO FORCE ROW LEVEL SECURITY;");
            migrationBuilder.Sql("ALTER TABLE \"NetworkMembers\" DISABLE ROW LEVEL SECURITY;");
        }
    }
}
