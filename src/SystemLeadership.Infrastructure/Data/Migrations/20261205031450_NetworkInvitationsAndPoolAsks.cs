using System;
using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class NetworkInvitationsAndPoolAsks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HomeAllianceName",
                table: "Proposals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HomeConsentAt",
                table: "Proposals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "HomeLeaderProfileId",
                table: "Proposals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "HomeTenantId",
                table: "Proposals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HeadteacherEmail",
                table: "PooledLeaders",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "HeadteacherName",
                table: "PooledLeaders",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "HolderEmail",
                table: "PooledLeaders",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "IsHeadteacher",
                table: "PooledLeaders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SchoolName",
                table: "PooledLeaders",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "LeaderNetworks",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<Guid>(
                name: "FoundedByTenantId",
                table: "LeaderNetworks",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NetworkInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    InvitedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NetworkId = table.Column<Guid>(type: "uuid", nullable: false),
                    NetworkName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InvitedTenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    InvitedTenantName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InvitedByUserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InvitedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AnsweredByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkInvitations", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_NetworkInvitations_LeaderNetworks_NetworkId",
                        column: x => x.NetworkId,
                        principalTable: "LeaderNetworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkInvitations_Tenants_InvitedTenantId",
                        column: x => x.InvitedTenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkInvitations_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PoolAsks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerTenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProposalId = table.Column<Guid>(type: "uuid", nullable: false),
                    DesignationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderProfileId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SupportedSchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    HalfDays = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<DateOnly>(type: "date", nullable: false),
                    End = table.Column<DateOnly>(type: "date", nullable: false),
                    DayRatePence = table.Column<int>(type: "integer", nullable: false),
                    AskedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoolAsks", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_PoolAsks_LeaderProfiles_TenantId_LeaderProfileId",
                        columns: x => new { x.TenantId, x.LeaderProfileId },
                        principalTable: "LeaderProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LeaderNetworks_FoundedByTenantId",
                table: "LeaderNetworks",
                column: "FoundedByTenantId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInvitations_InvitedTenantId_State",
                table: "NetworkInvitations",
                columns: new[] { "InvitedTenantId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInvitations_NetworkId",
                table: "NetworkInvitations",
                column: "NetworkId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInvitations_TenantId_NetworkId",
                table: "NetworkInvitations",
                columns: new[] { "TenantId", "NetworkId" });

            migrationBuilder.CreateIndex(
                name: "IX_PoolAsks_TenantId_LeaderProfileId",
                table: "PoolAsks",
                columns: new[] { "TenantId", "LeaderProfileId" });

            migrationBuilder.CreateIndex(
                name: "IX_PoolAsks_TenantId_ProposalId",
                table: "PoolAsks",
                columns: new[] { "TenantId", "ProposalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PoolAsks_TenantId_State",
                table: "PoolAsks",
                columns: new[] { "TenantId", "State" });

            migrationBuilder.AddForeignKey(
                name: "FK_LeaderNetworks_Tenants_FoundedByTenantId",
                table: "LeaderNetworks",
                column: "FoundedByTenantId",
                principalTable: "Tenants",
                principalColumn: "Id");

            // ---- lock 2 ----
            // A pooled leader's home alliance's record of a partner's proposal: its own tenant only. The partner writes it
            // only inside its own transaction with the home tenant set for that step (CrossTenantWrite).
            migrationBuilder.EnableTenantRowLevelSecurity("PoolAsks");
            // An invitation belongs to the inviting alliance; the invited alliance may read it, nothing more. Its answer is
            // written with the inviter's tenant set for that step, in the invited alliance's transaction (CrossTenantWrite).
            migrationBuilder.EnableTenantRowLevelSecurity("NetworkInvitations");
            migrationBuilder.Sql($"CREATE POLICY network_invitation_read ON \"NetworkInvitations\" FOR SELECT USING (\"InvitedTenantId\" = {RowLevelSecurity.CurrentTenant});");
            // ---- end of lock 2 ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_LeaderNetworks_Tenants_FoundedByTenantId",
                table: "LeaderNetworks");

            migrationBuilder.DropTable(
                name: "NetworkInvitations");

            migrationBuilder.DropTable(
                name: "PoolAsks");

            migrationBuilder.DropIndex(
                name: "IX_LeaderNetworks_FoundedByTenantId",
                table: "LeaderNetworks");

            migrationBuilder.DropColumn(
                name: "HomeAllianceName",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "HomeConsentAt",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "HomeLeaderProfileId",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "HomeTenantId",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "HeadteacherEmail",
                table: "PooledLeaders");

            migrationBuilder.DropColumn(
                name: "HeadteacherName",
                table: "PooledLeaders");

            migrationBuilder.DropColumn(
                name: "HolderEmail",
                table: "PooledLeaders");

            migrationBuilder.DropColumn(
                name: "IsHeadteacher",
                table: "PooledLeaders");

            migrationBuilder.DropColumn(
                name: "SchoolName",
                table: "PooledLeaders");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "LeaderNetworks");

            migrationBuilder.DropColumn(
                name: "FoundedByTenantId",
                table: "LeaderNetworks");
        }
    }
}
