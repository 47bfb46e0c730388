using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CommissionRequestKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RequestKey",
                table: "Commissions",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Commissions_TenantId_RequestKey",
                table: "Commissions",
                columns: new[] { "TenantId", "RequestKey" },
                unique: true,
                filter: "\"RequestKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Commissions_TenantId_RequestKey",
                table: "Commissions");

            migrationBuilder.DropColumn(
                name: "RequestKey",
                table: "Commissions");
        }
    }
}
