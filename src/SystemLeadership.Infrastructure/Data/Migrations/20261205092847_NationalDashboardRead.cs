using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <summary>
    /// The College's national dashboard counts every alliance's requests, proposals, deployments, evaluations and claims:
    /// the same SELECT-only national policy the register has on designations, for a context made for the College's
    /// national read (College administrators only). Writes still need each table's tenant policy. No new table.
    /// </summary>
    public partial class NationalDashboardRead : Migration
    {
        internal static readonly string[] Tables = ["Commissions", "Proposals", "Deployments", "DeploymentEvaluations", "Claims"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables) migrationBuilder.EnableNationalRead(table);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables) migrationBuilder.Sql($"DROP POLICY IF EXISTS national_register ON \"{table}\";");
        }
    }
}
