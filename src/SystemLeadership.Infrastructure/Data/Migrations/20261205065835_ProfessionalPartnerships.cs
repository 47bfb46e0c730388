using System;
using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProfessionalPartnerships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProfessionalPartnerships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DesignationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeaderEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NewHeadName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NewHeadEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SchoolUrn = table.Column<int>(type: "integer", nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    HeadshipStart = table.Column<DateOnly>(type: "date", nullable: false),
                    MatchedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LoggedMinutes = table.Column<int>(type: "integer", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EvaluationTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EvaluationLinkExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EvaluationRating = table.Column<int>(type: "integer", nullable: true),
                    EvaluationComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EvaluatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfessionalPartnerships", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "PartnerSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LoggedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerSessions", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_PartnerSessions_ProfessionalPartnerships_TenantId_Partnersh~",
                        columns: x => new { x.TenantId, x.PartnershipId },
                        principalTable: "ProfessionalPartnerships",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerSessions_TenantId_PartnershipId",
                table: "PartnerSessions",
                columns: new[] { "TenantId", "PartnershipId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProfessionalPartnerships_TenantId_EvaluationTokenHash",
                table: "ProfessionalPartnerships",
                columns: new[] { "TenantId", "EvaluationTokenHash" });

            migrationBuilder.CreateIndex(
                name: "IX_ProfessionalPartnerships_TenantId_LeaderUserId",
                table: "ProfessionalPartnerships",
                columns: new[] { "TenantId", "LeaderUserId" });

            // ---- lock 2 ----
            // A partnership and its logged time are the matching tenant's own (the new head evaluates through a link, in that tenant).
            migrationBuilder.EnableTenantRowLevelSecurity("ProfessionalPartnerships");
            migrationBuilder.EnableTenantRowLevelSecurity("PartnerSessions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerSessions");

            migrationBuilder.DropTable(
                name: "ProfessionalPartnerships");
        }
    }
}
