using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProposalLeaderType : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LeaderType",
                table: "Proposals",
                type: "character varying(60)",
                maxLength: 60,
                nullable: false,
                defaultValue: "SpecialistLeaderOfEducation");
            // Proposals made before are held to an SLE's limits, the least strict (no more than full time): a revision of
            // one of them is never refused for a limit its own type would not have set.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LeaderType",
                table: "Proposals");
        }
    }
}
