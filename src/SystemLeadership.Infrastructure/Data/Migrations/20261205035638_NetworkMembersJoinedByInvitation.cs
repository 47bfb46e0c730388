using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Lock 2 for joining a network: which pooled leaders a tenant may read follows NetworkMembers, so a tenant may add
    /// itself only to a network it started or one it has been invited to (the invitation waiting, or accepted with it).
    /// </summary>
    public partial class NetworkMembersJoinedByInvitation : Migration
    {
        private const string Current = RowLevelSecurity.CurrentTenant;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP POLICY {RowLevelSecurity.PolicyName} ON \"NetworkMembers\";");
            migrationBuilder.Sql($"""
                CREATE POLICY {RowLevelSecurity.PolicyName} ON "NetworkMembers"
                USING ("TenantId" = {Current})
                WITH CHECK ("TenantId" = {Current} AND (
                    EXISTS (SELECT 1 FROM "LeaderNetworks" n WHERE n."Id" = "NetworkMembers"."NetworkId" AND n."FoundedByTenantId" = {Current})
                    OR EXISTS (SELECT 1 FROM "NetworkInvitations" i WHERE i."NetworkId" = "NetworkMembers"."NetworkId"
                               AND i."InvitedTenantId" = {Current} AND i."State" IN ('Waiting', 'Accepted'))));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP POLICY {RowLevelSecurity.PolicyName} ON \"NetworkMembers\";");
            migrationBuilder.Sql($"CREATE POLICY {RowLevelSecurity.PolicyName} ON \"NetworkMembers\" USING (\"TenantId\" = {Current}) WITH CHECK (\"TenantId\" = {Current});");
        }
    }
}
