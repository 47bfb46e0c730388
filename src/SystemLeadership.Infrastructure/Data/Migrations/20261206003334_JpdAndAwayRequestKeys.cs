using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class JpdAndAwayRequestKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RequestKey",
                table: "JpdSessions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RequestKey",
                table: "AwayPeriods",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_JpdSessions_TenantId_RequestKey",
                table: "JpdSessions",
                columns: new[] { "TenantId", "RequestKey" },
                unique: true,
                filter: "\"RequestKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AwayPeriods_TenantId_RequestKey",
                table: "AwayPeriods",
                columns: new[] { "TenantId", "RequestKey" },
                unique: true,
                filter: "\"RequestKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JpdSessions_TenantId_RequestKey",
                table: "JpdSessions");

            migrationBuilder.DropIndex(
                name: "IX_AwayPeriods_TenantId_RequestKey",
                table: "AwayPeriods");

            migrationBuilder.DropColumn(
                name: "RequestKey",
                table: "JpdSessions");

            migrationBuilder.DropColumn(
                name: "RequestKey",
                table: "AwayPeriods");
        }
    }
}
