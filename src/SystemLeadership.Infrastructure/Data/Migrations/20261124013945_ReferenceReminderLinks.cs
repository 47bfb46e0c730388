using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReferenceReminderLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReminderTokenHash",
                table: "References",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_References_TenantId_ReminderTokenHash",
                table: "References",
                columns: new[] { "TenantId", "ReminderTokenHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_References_TenantId_ReminderTokenHash",
                table: "References");

            migrationBuilder.DropColumn(
                name: "ReminderTokenHash",
                table: "References");
        }
    }
}
