using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Designations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "MonthsInLeadershipRole",
                table: "Applications",
                newName: "MonthsInRole");

            migrationBuilder.AddColumn<bool>(
                name: "IsCollege",
                table: "Tenants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastReminderAt",
                table: "References",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReleaseDaysPerTerm",
                table: "References",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RemindersSent",
                table: "References",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "HolderName",
                table: "Designations",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "EndDate",
                table: "Designations",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AlterColumn<string>(
                name: "DesignatedByName",
                table: "Designations",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<int>(
                name: "DayRatePence",
                table: "Designations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndNote",
                table: "Designations",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "Designations",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndedByName",
                table: "Designations",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EndedOn",
                table: "Designations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExpiryNoticeSentAt",
                table: "Designations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HolderEmail",
                table: "Designations",
                type: "character varying(256)",
                maxLength: 256,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "HolderRole",
                table: "Designations",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LinkedDesignationId",
                table: "Designations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewFlag",
                table: "Designations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewFlaggedAt",
                table: "Designations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SchemeId",
                table: "Designations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SchemeName",
                table: "Designations",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SchemeShortName",
                table: "Designations",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SchoolName",
                table: "Designations",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SchoolUrn",
                table: "Designations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Training",
                table: "Designations",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "Designations",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<string>(
                name: "DecidedByName",
                table: "Applications",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EvidenceOfImpact",
                table: "Applications",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Explanation",
                table: "Applications",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstManagerEmail",
                table: "Applications",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastSavedAt",
                table: "Applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProposedAllianceName",
                table: "Applications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RenewsDesignationId",
                table: "Applications",
                type: "uuid",
                nullable: true);

            // Applications made before schemes existed were all SLE applications.
            migrationBuilder.AddColumn<string>(
                name: "Scheme",
                table: "Applications",
                type: "jsonb",
                nullable: false,
                defaultValue: SleBeforeSchemes);
            migrationBuilder.Sql("ALTER TABLE \"Applications\" ALTER COLUMN \"Scheme\" DROP DEFAULT;");

            migrationBuilder.AddColumn<Guid>(
                name: "SchemeId",
                table: "Applications",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SchoolName",
                table: "Applications",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SchoolOfstedRating",
                table: "Applications",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SchoolUrn",
                table: "Applications",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrackRecord",
                table: "Applications",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "UnmetRulesAtSubmission",
                table: "Applications",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "EvidenceFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceFiles", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_EvidenceFiles_Applications_TenantId_ApplicationId",
                        columns: x => new { x.TenantId, x.ApplicationId },
                        principalTable: "Applications",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Interviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScheduledFor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interviews", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_Interviews_Applications_TenantId_ApplicationId",
                        columns: x => new { x.TenantId, x.ApplicationId },
                        principalTable: "Applications",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Schemes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Definition = table.Column<string>(type: "jsonb", nullable: false),
                    IsOpen = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Schemes", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "Panellists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    InterviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Scores = table.Column<List<int>>(type: "integer[]", nullable: false),
                    Comments = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ScoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Panellists", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_Panellists_Interviews_TenantId_InterviewId",
                        columns: x => new { x.TenantId, x.InterviewId },
                        principalTable: "Interviews",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_References_Outcome_RequestedAt",
                table: "References",
                columns: new[] { "Outcome", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Designations_State_EndDate",
                table: "Designations",
                columns: new[] { "State", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_EvidenceFiles_TenantId_ApplicationId",
                table: "EvidenceFiles",
                columns: new[] { "TenantId", "ApplicationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Interviews_TenantId_ApplicationId",
                table: "Interviews",
                columns: new[] { "TenantId", "ApplicationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Panellists_TenantId_InterviewId_UserId",
                table: "Panellists",
                columns: new[] { "TenantId", "InterviewId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Schemes_TenantId_Name",
                table: "Schemes",
                columns: new[] { "TenantId", "Name" },
                unique: true);
            // Designations made before schemes existed: SLEs, named from the preset and their application.
            migrationBuilder.Sql("""
                UPDATE "Designations" d SET "SchemeName" = 'Specialist leader of education', "SchemeShortName" = 'SLE',
                    "HolderEmail" = a."ApplicantEmail", "HolderRole" = a."CurrentRole", "Training" = '[{"Name":"Mandatory core training day","CompletedOn":null}]'
                FROM "Applications" a WHERE a."TenantId" = d."TenantId" AND a."Id" = d."ApplicationId" AND d."SchemeName" = '';
                """);

            // Lock 2 for the new tenant-owned tables.
            migrationBuilder.EnableTenantRowLevelSecurity("Schemes");
            migrationBuilder.EnableTenantRowLevelSecurity("Interviews");
            migrationBuilder.EnableTenantRowLevelSecurity("Panellists");
            migrationBuilder.EnableTenantRowLevelSecurity("EvidenceFiles");
            // The College's national register reads designations across tenants (SELECT only).
            migrationBuilder.EnableNationalRead("Designations");
        }

        private const string SleBeforeSchemes = """
            {"Type":"SpecialistLeaderOfEducation","Name":"Specialist leader of education","ShortName":"SLE","Rules":[{"Kind":"MinimumMonthsInRole","Number":24,"Roles":null,"Grades":null,"WithinYears":null,"Reason":null},{"Kind":"RoleMustNotBe","Number":null,"Roles":["Headteacher"],"Grades":null,"WithinYears":null,"Reason":"Headteachers are not eligible: you need to have been in a leadership role other than headteacher."},{"Kind":"RoleMustNotBe","Number":null,"Roles":["HigherLevelTeachingAssistant"],"Grades":null,"WithinYears":null,"Reason":"Higher level teaching assistants are not eligible to apply."},{"Kind":"RoleMustBe","Number":null,"Roles":["MiddleLeader","SeniorLeader","DeputyHeadteacher","AssistantHeadteacher"],"Grades":null,"WithinYears":null,"Reason":"SLEs are middle or senior leaders: your current role must be a leadership role."},{"Kind":"SpecialismRequired","Number":1,"Roles":null,"Grades":null,"WithinYears":null,"Reason":null}],"PeriodMonths":48,"Training":["Mandatory core training day"],"DayRatePence":30000,"HeadteacherDayRatePence":null,"DesignatedBy":"Tenant","InterviewRequired":false,"ApplyWithExplanation":false,"Referee":"HeadteacherOrChair","CommitmentDaysPerYearMin":null,"CommitmentDaysPerYearMax":null,"Description":"Middle and senior leaders with expertise in a specialism, deployed to support leaders in similar positions in other schools."}
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvidenceFiles");

            migrationBuilder.DropTable(
                name: "Panellists");

            migrationBuilder.DropTable(
                name: "Schemes");

            migrationBuilder.DropTable(
                name: "Interviews");

            migrationBuilder.DropIndex(
                name: "IX_References_Outcome_RequestedAt",
                table: "References");

            migrationBuilder.DropIndex(
                name: "IX_Designations_State_EndDate",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "IsCollege",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "LastReminderAt",
                table: "References");

            migrationBuilder.DropColumn(
                name: "ReleaseDaysPerTerm",
                table: "References");

            migrationBuilder.DropColumn(
                name: "RemindersSent",
                table: "References");

            migrationBuilder.DropColumn(
                name: "DayRatePence",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "EndNote",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "EndReason",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "EndedByName",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "EndedOn",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "ExpiryNoticeSentAt",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "HolderEmail",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "HolderRole",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "LinkedDesignationId",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "ReviewFlag",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "ReviewFlaggedAt",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "SchemeId",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "SchemeName",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "SchemeShortName",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "SchoolName",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "SchoolUrn",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "Training",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "Designations");

            migrationBuilder.DropColumn(
                name: "DecidedByName",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "EvidenceOfImpact",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Explanation",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "FirstManagerEmail",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "LastSavedAt",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "ProposedAllianceName",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "RenewsDesignationId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "Scheme",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SchemeId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SchoolName",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SchoolOfstedRating",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "SchoolUrn",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "TrackRecord",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "UnmetRulesAtSubmission",
                table: "Applications");

            migrationBuilder.RenameColumn(
                name: "MonthsInRole",
                table: "Applications",
                newName: "MonthsInLeadershipRole");

            migrationBuilder.AlterColumn<string>(
                name: "HolderName",
                table: "Designations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "EndDate",
                table: "Designations",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "DesignatedByName",
                table: "Designations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(256)",
                oldMaxLength: 256);
        }
    }
}
