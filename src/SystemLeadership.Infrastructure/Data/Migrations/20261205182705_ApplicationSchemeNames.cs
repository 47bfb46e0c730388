using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApplicationSchemeNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SchemeName",
                table: "Applications",
                type: "text",
                nullable: true,
                computedColumnSql: "\"Scheme\" ->> 'Name'",
                stored: true);

            migrationBuilder.AddColumn<string>(
                name: "SchemeShortName",
                table: "Applications",
                type: "text",
                nullable: true,
                computedColumnSql: "\"Scheme\" ->> 'ShortName'",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_TenantId_SchemeName",
                table: "Applications",
                columns: new[] { "TenantId", "SchemeName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Applications_TenantId_SchemeName",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SchemeName",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SchemeShortName",
                table: "Applications");
        }
    }
}
