using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class VisitRequestKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RequestKey",
                table: "Visits",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Visits_TenantId_RequestKey",
                table: "Visits",
                columns: new[] { "TenantId", "RequestKey" },
                unique: true,
                filter: "\"RequestKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Visits_TenantId_RequestKey",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "RequestKey",
                table: "Visits");
        }
    }
}
