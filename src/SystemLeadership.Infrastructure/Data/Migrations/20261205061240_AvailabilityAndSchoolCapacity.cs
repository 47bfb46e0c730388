using System;
using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class AvailabilityAndSchoolCapacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AwayPeriods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderProfileId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwayPeriods", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_AwayPeriods_LeaderProfiles_TenantId_LeaderProfileId",
                        columns: x => new { x.TenantId, x.LeaderProfileId },
                        principalTable: "LeaderProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SchoolCapacities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolUrn = table.Column<int>(type: "integer", nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CapacityHalfDaysPerTerm = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolCapacities", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_AwayPeriods_TenantId_LeaderProfileId_From",
                table: "AwayPeriods",
                columns: new[] { "TenantId", "LeaderProfileId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_SchoolCapacities_TenantId_SchoolUrn",
                table: "SchoolCapacities",
                columns: new[] { "TenantId", "SchoolUrn" },
                unique: true);

            // ---- lock 2 ----
            // A leader's days away and a school's own limit: the tenant's alone, like the profiles they belong to.
            migrationBuilder.EnableTenantRowLevelSecurity("AwayPeriods");
            migrationBuilder.EnableTenantRowLevelSecurity("SchoolCapacities");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AwayPeriods");

            migrationBuilder.DropTable(
                name: "SchoolCapacities");
        }
    }
}
