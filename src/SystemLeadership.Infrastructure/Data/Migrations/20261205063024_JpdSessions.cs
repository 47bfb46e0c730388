using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class JpdSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "DayLogEntryId",
                table: "ClaimLines",
                newName: "SourceId");

            migrationBuilder.RenameIndex(
                name: "IX_ClaimLines_TenantId_DayLogEntryId",
                table: "ClaimLines",
                newName: "IX_ClaimLines_TenantId_SourceId");

            migrationBuilder.AlterColumn<Guid>(
                name: "DeploymentId",
                table: "ClaimLines",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.CreateTable(
                name: "JpdSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderProfileId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeaderSchoolUrn = table.Column<int>(type: "integer", nullable: false),
                    LeaderSchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DayRatePence = table.Column<int>(type: "integer", nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    HalfDays = table.Column<int>(type: "integer", nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    SchoolUrns = table.Column<List<int>>(type: "integer[]", nullable: false),
                    SchoolNames = table.Column<List<string>>(type: "text[]", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TermKey = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClaimId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JpdSessions", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_JpdSessions_LeaderProfiles_TenantId_LeaderProfileId",
                        columns: x => new { x.TenantId, x.LeaderProfileId },
                        principalTable: "LeaderProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JpdSessions_TenantId_LeaderProfileId",
                table: "JpdSessions",
                columns: new[] { "TenantId", "LeaderProfileId" });

            migrationBuilder.CreateIndex(
                name: "IX_JpdSessions_TenantId_TermKey_ClaimId",
                table: "JpdSessions",
                columns: new[] { "TenantId", "TermKey", "ClaimId" });

            // ---- lock 2 ----
            // Sessions are the alliance's own record, paid to its leaders' schools.
            migrationBuilder.EnableTenantRowLevelSecurity("JpdSessions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JpdSessions");

            migrationBuilder.RenameColumn(
                name: "SourceId",
                table: "ClaimLines",
                newName: "DayLogEntryId");

            migrationBuilder.RenameIndex(
                name: "IX_ClaimLines_TenantId_SourceId",
                table: "ClaimLines",
                newName: "IX_ClaimLines_TenantId_DayLogEntryId");

            migrationBuilder.AlterColumn<Guid>(
                name: "DeploymentId",
                table: "ClaimLines",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
