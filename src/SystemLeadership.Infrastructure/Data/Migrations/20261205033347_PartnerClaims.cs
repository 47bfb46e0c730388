using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartnerClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PayeeName",
                table: "Claims",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PayeeTenantId",
                table: "Claims",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PartnerClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerTenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ClaimId = table.Column<Guid>(type: "uuid", nullable: false),
                    TermKey = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TotalHalfDays = table.Column<int>(type: "integer", nullable: false),
                    TotalPence = table.Column<long>(type: "bigint", nullable: false),
                    Leaders = table.Column<List<string>>(type: "text[]", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    BrokerNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerClaims", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerClaims_TenantId_ClaimId",
                table: "PartnerClaims",
                columns: new[] { "TenantId", "ClaimId" },
                unique: true);

            // ---- lock 2 ----
            // The home alliance's record of a partner's claim: its own tenant only (the partner writes it only inside its
            // own transaction with the home tenant set for that step, CrossTenantWrite).
            migrationBuilder.EnableTenantRowLevelSecurity("PartnerClaims");
            // ---- end of lock 2 ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerClaims");

            migrationBuilder.DropColumn(
                name: "PayeeName",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "PayeeTenantId",
                table: "Claims");
        }
    }
}
