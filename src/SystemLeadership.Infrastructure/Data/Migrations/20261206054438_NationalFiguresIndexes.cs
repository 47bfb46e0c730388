using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Narrow indexes the College's national figures read alone (index-only scans, the tenant included so row-level
    /// security is checked from the index): counting every alliance no longer walks the wide rows of designations,
    /// commissions, proposals and deployments. Partial where the figure counts only some rows (active designations,
    /// first SLE designations, brokered commissions, agreed proposals). These tables change by people's actions, a few
    /// rows at a time, so the extra index upkeep is small.
    /// </summary>
    public partial class NationalFiguresIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deployments_DesignationId_Start",
                table: "Deployments");

            migrationBuilder.CreateIndex(
                name: "IX_Schools_Place",
                table: "Schools",
                column: "Urn")
                .Annotation("Npgsql:IndexInclude", new[] { "Region", "LaName" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_Agreed_Figures",
                table: "Proposals",
                column: "Id",
                filter: "\"AgreedAt\" IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "TenantId", "AgreedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Designations_Active_Figures",
                table: "Designations",
                column: "SchemeShortName",
                filter: "\"State\" = 'Active'")
                .Annotation("Npgsql:IndexInclude", new[] { "TenantId", "SchoolUrn", "Specialisms" });

            migrationBuilder.CreateIndex(
                name: "IX_Designations_FirstSle_Figures",
                table: "Designations",
                column: "StartDate",
                filter: "\"Type\" = 'SpecialistLeaderOfEducation' AND \"LinkedDesignationId\" IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "TenantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_Days_Figures",
                table: "Deployments",
                column: "TenantId")
                .Annotation("Npgsql:IndexInclude", new[] { "AgreedHalfDays", "LoggedHalfDays" });

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_DesignationId_Start",
                table: "Deployments",
                columns: new[] { "DesignationId", "Start" })
                .Annotation("Npgsql:IndexInclude", new[] { "TenantId" });

            migrationBuilder.CreateIndex(
                name: "IX_Commissions_Brokered_Figures",
                table: "Commissions",
                column: "AgreedProposalId",
                filter: "\"State\" = 'Brokered'")
                .Annotation("Npgsql:IndexInclude", new[] { "TenantId", "RaisedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Schools_Place",
                table: "Schools");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_Agreed_Figures",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_Designations_Active_Figures",
                table: "Designations");

            migrationBuilder.DropIndex(
                name: "IX_Designations_FirstSle_Figures",
                table: "Designations");

            migrationBuilder.DropIndex(
                name: "IX_Deployments_Days_Figures",
                table: "Deployments");

            migrationBuilder.DropIndex(
                name: "IX_Deployments_DesignationId_Start",
                table: "Deployments");

            migrationBuilder.DropIndex(
                name: "IX_Commissions_Brokered_Figures",
                table: "Commissions");

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_DesignationId_Start",
                table: "Deployments",
                columns: new[] { "DesignationId", "Start" });
        }
    }
}
