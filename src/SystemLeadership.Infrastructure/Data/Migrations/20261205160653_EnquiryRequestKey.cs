using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class EnquiryRequestKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RequestKey",
                table: "SupportEnquiries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupportEnquiries_TenantId_RequestKey",
                table: "SupportEnquiries",
                columns: new[] { "TenantId", "RequestKey" },
                unique: true,
                filter: "\"RequestKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SupportEnquiries_TenantId_RequestKey",
                table: "SupportEnquiries");

            migrationBuilder.DropColumn(
                name: "RequestKey",
                table: "SupportEnquiries");
        }
    }
}
