using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using SystemLeadership.Infrastructure.Tenancy;

#nullable disable

namespace SystemLeadership.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Brokerage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposalId = table.Column<Guid>(type: "uuid", nullable: true),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Audiences = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityEntries", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "Claims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolUrn = table.Column<int>(type: "integer", nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TermKey = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TotalPence = table.Column<long>(type: "bigint", nullable: false),
                    TotalHalfDays = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    BrokerNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PaidAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Claims", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "Commissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolUrn = table.Column<int>(type: "integer", nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    RaisedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RaisedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RaisedByEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CommissionerKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CommissionerName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CommissionerEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SupportedSchoolContactEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    FunderName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Specialisms = table.Column<List<string>>(type: "text[]", nullable: false),
                    Phase = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    DesignationTypes = table.Column<string[]>(type: "text[]", nullable: false),
                    SchemeIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    DesiredStart = table.Column<DateOnly>(type: "date", nullable: false),
                    LengthWeeks = table.Column<int>(type: "integer", nullable: false),
                    HalfDays = table.Column<int>(type: "integer", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    BrokerNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RequesterReply = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AgreedProposalId = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Commissions", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "LeaderNetworks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeaderNetworks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LeaderProfiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SchoolUrn = table.Column<int>(type: "integer", nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    IsHeadteacher = table.Column<bool>(type: "boolean", nullable: false),
                    HeadteacherName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HeadteacherEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CapacityHalfDaysPerTerm = table.Column<int>(type: "integer", nullable: false),
                    SharedWithNetwork = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeaderProfiles", x => new { x.TenantId, x.Id });
                });

            migrationBuilder.CreateTable(
                name: "ClaimLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimId = table.Column<Guid>(type: "uuid", nullable: false),
                    DayLogEntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SupportedSchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    HalfDays = table.Column<int>(type: "integer", nullable: false),
                    DayRatePence = table.Column<int>(type: "integer", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimLines", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_ClaimLines_Claims_TenantId_ClaimId",
                        columns: x => new { x.TenantId, x.ClaimId },
                        principalTable: "Claims",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NetworkMembers",
                columns: table => new
                {
                    NetworkId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    JoinedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkMembers", x => new { x.NetworkId, x.TenantId });
                    table.ForeignKey(
                        name: "FK_NetworkMembers_LeaderNetworks_NetworkId",
                        column: x => x.NetworkId,
                        principalTable: "LeaderNetworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NetworkMembers_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CapacityCommitments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderProfileId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposalId = table.Column<Guid>(type: "uuid", nullable: false),
                    TermKey = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HalfDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapacityCommitments", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_CapacityCommitments_LeaderProfiles_TenantId_LeaderProfileId",
                        columns: x => new { x.TenantId, x.LeaderProfileId },
                        principalTable: "LeaderProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PooledLeaders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeaderProfileId = table.Column<Guid>(type: "uuid", nullable: false),
                    DesignationId = table.Column<Guid>(type: "uuid", nullable: false),
                    HolderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    HolderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Specialisms = table.Column<List<string>>(type: "text[]", nullable: false),
                    SchoolUrn = table.Column<int>(type: "integer", nullable: true),
                    DesignationEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    DayRatePence = table.Column<int>(type: "integer", nullable: false),
                    CapacityHalfDaysPerTerm = table.Column<int>(type: "integer", nullable: false),
                    FreeHalfDays = table.Column<int>(type: "integer", nullable: false),
                    TermKey = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PastEvaluationRatings = table.Column<List<int>>(type: "integer[]", nullable: false),
                    SimilarPastDeployments = table.Column<int>(type: "integer", nullable: false),
                    SharedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PooledLeaders", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_PooledLeaders_LeaderProfiles_TenantId_LeaderProfileId",
                        columns: x => new { x.TenantId, x.LeaderProfileId },
                        principalTable: "LeaderProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Proposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FunderName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DesignationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderProfileId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeaderEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    LeaderSchoolUrn = table.Column<int>(type: "integer", nullable: false),
                    LeaderSchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    LeaderIsHeadteacher = table.Column<bool>(type: "boolean", nullable: false),
                    HeadteacherName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HeadteacherEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DayRatePence = table.Column<int>(type: "integer", nullable: false),
                    Objectives = table.Column<List<string>>(type: "text[]", nullable: false),
                    ExpectedImpact = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SupportApproach = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Colleagues = table.Column<List<string>>(type: "text[]", nullable: false),
                    HalfDays = table.Column<int>(type: "integer", nullable: false),
                    Pattern = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Start = table.Column<DateOnly>(type: "date", nullable: false),
                    End = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LeaderConsentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HeadteacherConsentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SupportedSchoolConsentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CommissionerConsentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RefusedBy = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RefusalReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClosedNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AgreedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Proposals", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_Proposals_Commissions_TenantId_CommissionId",
                        columns: x => new { x.TenantId, x.CommissionId },
                        principalTable: "Commissions",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Proposals_LeaderProfiles_TenantId_LeaderProfileId",
                        columns: x => new { x.TenantId, x.LeaderProfileId },
                        principalTable: "LeaderProfiles",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Deployments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposalId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolUrn = table.Column<int>(type: "integer", nullable: false),
                    SchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SupportedSchoolContactEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CommissionerEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DesignationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderProfileId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeaderEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    LeaderSchoolUrn = table.Column<int>(type: "integer", nullable: false),
                    LeaderSchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    HeadteacherName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HeadteacherEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DayRatePence = table.Column<int>(type: "integer", nullable: false),
                    Objectives = table.Column<List<string>>(type: "text[]", nullable: false),
                    AgreedHalfDays = table.Column<int>(type: "integer", nullable: false),
                    LoggedHalfDays = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<DateOnly>(type: "date", nullable: false),
                    End = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LastMoveNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deployments", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_Deployments_Commissions_TenantId_CommissionId",
                        columns: x => new { x.TenantId, x.CommissionId },
                        principalTable: "Commissions",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Deployments_Proposals_TenantId_ProposalId",
                        columns: x => new { x.TenantId, x.ProposalId },
                        principalTable: "Proposals",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DayLogEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    HalfDays = table.Column<int>(type: "integer", nullable: false),
                    LeaderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LeaderSchoolUrn = table.Column<int>(type: "integer", nullable: false),
                    LeaderSchoolName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DayRatePence = table.Column<int>(type: "integer", nullable: false),
                    TermKey = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClaimId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DayLogEntries", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_DayLogEntries_Deployments_TenantId_DeploymentId",
                        columns: x => new { x.TenantId, x.DeploymentId },
                        principalTable: "Deployments",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeploymentEvaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    DesignationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ObjectiveRatings = table.Column<List<int>>(type: "integer[]", nullable: false),
                    ImpactSeen = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    LeadershipCapacityBuilt = table.Column<int>(type: "integer", nullable: false),
                    WouldUseAgain = table.Column<bool>(type: "boolean", nullable: false),
                    Comments = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    CompletedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentEvaluations", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_DeploymentEvaluations_Deployments_TenantId_DeploymentId",
                        columns: x => new { x.TenantId, x.DeploymentId },
                        principalTable: "Deployments",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ObjectiveReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ObjectiveIndex = table.Column<int>(type: "integer", nullable: false),
                    Objective = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IsFinal = table.Column<bool>(type: "boolean", nullable: false),
                    ReviewerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectiveReviews", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_ObjectiveReviews_Deployments_TenantId_DeploymentId",
                        columns: x => new { x.TenantId, x.DeploymentId },
                        principalTable: "Deployments",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QaReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DesignationId = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Reasons = table.Column<List<string>>(type: "text[]", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QaReviews", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_QaReviews_Deployments_TenantId_DeploymentId",
                        columns: x => new { x.TenantId, x.DeploymentId },
                        principalTable: "Deployments",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HalfDays = table.Column<int>(type: "integer", nullable: false),
                    Location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Visits", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_Visits_Deployments_TenantId_DeploymentId",
                        columns: x => new { x.TenantId, x.DeploymentId },
                        principalTable: "Deployments",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisitEvaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgressRating = table.Column<int>(type: "integer", nullable: false),
                    WhatWorked = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Concerns = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitEvaluations", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_VisitEvaluations_Visits_TenantId_VisitId",
                        columns: x => new { x.TenantId, x.VisitId },
                        principalTable: "Visits",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisitRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Summary = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ActionsAgreed = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    NextSteps = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    HalfDaysSpent = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitRecords", x => new { x.TenantId, x.Id });
                    table.ForeignKey(
                        name: "FK_VisitRecords_Visits_TenantId_VisitId",
                        columns: x => new { x.TenantId, x.VisitId },
                        principalTable: "Visits",
                        principalColumns: new[] { "TenantId", "Id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityEntries_TenantId_CommissionId_At",
                table: "ActivityEntries",
                columns: new[] { "TenantId", "CommissionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CapacityCommitments_TenantId_LeaderProfileId_TermKey",
                table: "CapacityCommitments",
                columns: new[] { "TenantId", "LeaderProfileId", "TermKey" });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimLines_TenantId_ClaimId",
                table: "ClaimLines",
                columns: new[] { "TenantId", "ClaimId" });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimLines_TenantId_DayLogEntryId",
                table: "ClaimLines",
                columns: new[] { "TenantId", "DayLogEntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_TenantId_SchoolUrn_TermKey",
                table: "Claims",
                columns: new[] { "TenantId", "SchoolUrn", "TermKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Commissions_TenantId_RaisedByUserId",
                table: "Commissions",
                columns: new[] { "TenantId", "RaisedByUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Commissions_TenantId_State",
                table: "Commissions",
                columns: new[] { "TenantId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_DayLogEntries_TenantId_DeploymentId",
                table: "DayLogEntries",
                columns: new[] { "TenantId", "DeploymentId" });

            migrationBuilder.CreateIndex(
                name: "IX_DayLogEntries_TenantId_LeaderSchoolUrn_TermKey_ClaimId",
                table: "DayLogEntries",
                columns: new[] { "TenantId", "LeaderSchoolUrn", "TermKey", "ClaimId" });

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentEvaluations_TenantId_DeploymentId",
                table: "DeploymentEvaluations",
                columns: new[] { "TenantId", "DeploymentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentEvaluations_TenantId_LeaderUserId",
                table: "DeploymentEvaluations",
                columns: new[] { "TenantId", "LeaderUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_TenantId_CommissionId",
                table: "Deployments",
                columns: new[] { "TenantId", "CommissionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_TenantId_LeaderUserId",
                table: "Deployments",
                columns: new[] { "TenantId", "LeaderUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deployments_TenantId_ProposalId",
                table: "Deployments",
                columns: new[] { "TenantId", "ProposalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeaderProfiles_TenantId_UserId",
                table: "LeaderProfiles",
                columns: new[] { "TenantId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NetworkMembers_TenantId",
                table: "NetworkMembers",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_ObjectiveReviews_TenantId_DeploymentId_At",
                table: "ObjectiveReviews",
                columns: new[] { "TenantId", "DeploymentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PooledLeaders_TenantId_DesignationId",
                table: "PooledLeaders",
                columns: new[] { "TenantId", "DesignationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PooledLeaders_TenantId_LeaderProfileId",
                table: "PooledLeaders",
                columns: new[] { "TenantId", "LeaderProfileId" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_TenantId_CommissionId",
                table: "Proposals",
                columns: new[] { "TenantId", "CommissionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_TenantId_LeaderProfileId",
                table: "Proposals",
                columns: new[] { "TenantId", "LeaderProfileId" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_TenantId_LeaderUserId",
                table: "Proposals",
                columns: new[] { "TenantId", "LeaderUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_QaReviews_TenantId_DeploymentId",
                table: "QaReviews",
                columns: new[] { "TenantId", "DeploymentId" });

            migrationBuilder.CreateIndex(
                name: "IX_QaReviews_TenantId_LeaderUserId",
                table: "QaReviews",
                columns: new[] { "TenantId", "LeaderUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitEvaluations_TenantId_VisitId",
                table: "VisitEvaluations",
                columns: new[] { "TenantId", "VisitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisitRecords_TenantId_VisitId",
                table: "VisitRecords",
                columns: new[] { "TenantId", "VisitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Visits_TenantId_DeploymentId_StartsAt",
                table: "Visits",
                columns: new[] { "TenantId", "DeploymentId", "StartsAt" });

            // ---- Lock 2 for the brokerage tables (kept together so a regenerated migration can copy it whole) ----
            // Every tenant-owned table behind a forced row-level-security policy.
            foreach (var table in new[]
            {
                "LeaderProfiles", "CapacityCommitments", "Commissions", "Proposals", "ActivityEntries", "Deployments",
                "Visits", "VisitRecords", "VisitEvaluations", "DayLogEntries", "ObjectiveReviews", "DeploymentEvaluations",
                "QaReviews", "Claims", "ClaimLines",
            })
            {
                migrationBuilder.EnableTenantRowLevelSecurity(table);
            }
            // A pooled leader is also readable by the tenants that share a network with its tenant; written only by its own.
            migrationBuilder.EnableTenantRowLevelSecurity("PooledLeaders",
                orClause: "\"TenantId\" IN (SELECT o.\"TenantId\" FROM \"NetworkMembers\" o JOIN \"NetworkMembers\" m ON m.\"NetworkId\" = o.\"NetworkId\" " +
                          $"WHERE m.\"TenantId\" = {RowLevelSecurity.CurrentTenant})");
            // ---- end of lock 2 ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityEntries");

            migrationBuilder.DropTable(
                name: "CapacityCommitments");

            migrationBuilder.DropTable(
                name: "ClaimLines");

            migrationBuilder.DropTable(
                name: "DayLogEntries");

            migrationBuilder.DropTable(
                name: "DeploymentEvaluations");

            migrationBuilder.DropTable(
                name: "NetworkMembers");

            migrationBuilder.DropTable(
                name: "ObjectiveReviews");

            migrationBuilder.DropTable(
                name: "PooledLeaders");

            migrationBuilder.DropTable(
                name: "QaReviews");

            migrationBuilder.DropTable(
                name: "VisitEvaluations");

            migrationBuilder.DropTable(
                name: "VisitRecords");

            migrationBuilder.DropTable(
                name: "Claims");

            migrationBuilder.DropTable(
                name: "LeaderNetworks");

            migrationBuilder.DropTable(
                name: "Visits");

            migrationBuilder.DropTable(
                name: "Deployments");

            migrationBuilder.DropTable(
                name: "Proposals");

            migrationBuilder.DropTable(
                name: "Commissions");

            migrationBuilder.DropTable(
                name: "LeaderProfiles");
        }
    }
}
