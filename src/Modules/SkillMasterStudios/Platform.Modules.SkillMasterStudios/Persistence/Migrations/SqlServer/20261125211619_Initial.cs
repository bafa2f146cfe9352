using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.SkillMasterStudios.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "skill_master_studios");

            migrationBuilder.CreateTable(
                name: "accreditations",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    FundingStandardId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    FundingGranted = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    FundingPaid = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accreditations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "annual_reports",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Field = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ApprenticeCount = table.Column<int>(type: "int", nullable: false),
                    QualifiedApprentices = table.Column<int>(type: "int", nullable: false),
                    ProblemsSolved = table.Column<int>(type: "int", nullable: false),
                    CraftsHandedDown = table.Column<int>(type: "int", nullable: false),
                    Innovations = table.Column<int>(type: "int", nullable: false),
                    Patents = table.Column<int>(type: "int", nullable: false),
                    TrainingSessions = table.Column<int>(type: "int", nullable: false),
                    Competitions = table.Column<int>(type: "int", nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SubmittedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Score = table.Column<decimal>(type: "decimal(5,1)", precision: 5, scale: 1, nullable: true),
                    Grade = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Fraud = table.Column<bool>(type: "bit", nullable: false),
                    AssessmentComment = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    AssessedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    AssessedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_annual_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "applications",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    StudioName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    HostCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    HostName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    LeadMasterId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamSize = table.Column<int>(type: "int", nullable: false),
                    OccupationCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Field = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Plan = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    SubmittedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RecommendedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RecommendedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RecommendationNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DecidedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DecisionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    AccreditationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false),
                    MasterInProcessSlot = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    StudioInProcessSlot = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "apprentices",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    person_ciphertext = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    person_blind_index = table.Column<string>(type: "nchar(43)", fixedLength: true, maxLength: 43, nullable: false),
                    OccupationCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    LevelReached = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    QualifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CertificateNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_apprentices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "expert_scores",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Expert = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ExpertOrganisation = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    Score = table.Column<decimal>(type: "decimal(5,1)", precision: 5, scale: 1, nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ScoredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_expert_scores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "funding_standards",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Amount = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IsSample = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_standards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "funding_tranches",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AccreditationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_tranches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_records",
                schema: "skill_master_studios",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Consumer = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    HandledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_records", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "masters",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    person_ciphertext = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    person_blind_index = table.Column<string>(type: "nchar(43)", fixedLength: true, maxLength: 43, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    OccupationCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    QualificationLevel = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Honours = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    EmployerCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RegisteredBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_masters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EventName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    TraceParent = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_rules",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    TermYears = table.Column<int>(type: "int", nullable: false),
                    MinimumAverageScore = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    MinimumExperts = table.Column<int>(type: "int", nullable: false),
                    UnqualifiedYearsBeforeRevocation = table.Column<int>(type: "int", nullable: false),
                    ExcellentFrom = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    QualifiedFrom = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    ReportDueMonth = table.Column<int>(type: "int", nullable: false),
                    ReportDueDay = table.Column<int>(type: "int", nullable: false),
                    LadderRequired = table.Column<bool>(type: "bit", nullable: false),
                    RenewalWindowDays = table.Column<int>(type: "int", nullable: false),
                    IsSample = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "studios",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    HostCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    HostName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    LeadMasterId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ActiveLeadSlot = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OccupationCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Field = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CurrentAccreditationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AccreditedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    TermEndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ConsecutiveUnqualified = table.Column<int>(type: "int", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ClosingReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_studios", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_deliveries",
                schema: "skill_master_studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Consumer = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastAttemptAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LeaseOwner = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    LeaseExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_outbox_deliveries_outbox_messages_MessageId",
                        column: x => x.MessageId,
                        principalSchema: "skill_master_studios",
                        principalTable: "outbox_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accreditations_statistics",
                schema: "skill_master_studios",
                table: "accreditations",
                columns: new[] { "DecidedOn", "RegionCode", "Level", "Kind", "FundingGranted" });

            migrationBuilder.CreateIndex(
                name: "IX_accreditations_StudioId",
                schema: "skill_master_studios",
                table: "accreditations",
                column: "StudioId");

            migrationBuilder.CreateIndex(
                name: "IX_annual_reports_statistics",
                schema: "skill_master_studios",
                table: "annual_reports",
                columns: new[] { "Year", "RegionCode", "Level", "Field", "ApprenticeCount", "QualifiedApprentices" });

            migrationBuilder.CreateIndex(
                name: "IX_annual_reports_StudioId_Year",
                schema: "skill_master_studios",
                table: "annual_reports",
                columns: new[] { "StudioId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_CreatedAt_Id",
                schema: "skill_master_studios",
                table: "applications",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_LeadMasterId_Status",
                schema: "skill_master_studios",
                table: "applications",
                columns: new[] { "LeadMasterId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_MasterInProcessSlot",
                schema: "skill_master_studios",
                table: "applications",
                column: "MasterInProcessSlot",
                unique: true,
                filter: "[MasterInProcessSlot] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_applications_RegionCode_CreatedAt_Id",
                schema: "skill_master_studios",
                table: "applications",
                columns: new[] { "RegionCode", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_Status_CreatedAt_Id",
                schema: "skill_master_studios",
                table: "applications",
                columns: new[] { "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_StudioId_Status",
                schema: "skill_master_studios",
                table: "applications",
                columns: new[] { "StudioId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_StudioInProcessSlot",
                schema: "skill_master_studios",
                table: "applications",
                column: "StudioInProcessSlot",
                unique: true,
                filter: "[StudioInProcessSlot] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_apprentices_person_blind_index",
                schema: "skill_master_studios",
                table: "apprentices",
                column: "person_blind_index");

            migrationBuilder.CreateIndex(
                name: "IX_apprentices_ReportId",
                schema: "skill_master_studios",
                table: "apprentices",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_apprentices_statistics",
                schema: "skill_master_studios",
                table: "apprentices",
                columns: new[] { "Year", "RegionCode", "LevelReached" });

            migrationBuilder.CreateIndex(
                name: "IX_expert_scores_ApplicationId_Expert",
                schema: "skill_master_studios",
                table: "expert_scores",
                columns: new[] { "ApplicationId", "Expert" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_standards_Level_RegionCode_EffectiveFrom",
                schema: "skill_master_studios",
                table: "funding_standards",
                columns: new[] { "Level", "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_tranches_AccreditationId_Reference",
                schema: "skill_master_studios",
                table: "funding_tranches",
                columns: new[] { "AccreditationId", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_tranches_statistics",
                schema: "skill_master_studios",
                table: "funding_tranches",
                columns: new[] { "PaidOn", "RegionCode", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_masters_OccupationCode_RegisteredAt_Id",
                schema: "skill_master_studios",
                table: "masters",
                columns: new[] { "OccupationCode", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_masters_person_blind_index",
                schema: "skill_master_studios",
                table: "masters",
                column: "person_blind_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_masters_RegionCode_RegisteredAt_Id",
                schema: "skill_master_studios",
                table: "masters",
                columns: new[] { "RegionCode", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_MessageId_Consumer",
                schema: "skill_master_studios",
                table: "outbox_deliveries",
                columns: new[] { "MessageId", "Consumer" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_Status_NextAttemptAt",
                schema: "skill_master_studios",
                table: "outbox_deliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_OccurredAt",
                schema: "skill_master_studios",
                table: "outbox_messages",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_program_rules_RegionCode_EffectiveFrom",
                schema: "skill_master_studios",
                table: "program_rules",
                columns: new[] { "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_studios_AccreditedOn_Id",
                schema: "skill_master_studios",
                table: "studios",
                columns: new[] { "AccreditedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_ActiveLeadSlot",
                schema: "skill_master_studios",
                table: "studios",
                column: "ActiveLeadSlot",
                unique: true,
                filter: "[ActiveLeadSlot] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_studios_LeadMasterId",
                schema: "skill_master_studios",
                table: "studios",
                column: "LeadMasterId");

            migrationBuilder.CreateIndex(
                name: "IX_studios_Level_AccreditedOn_Id",
                schema: "skill_master_studios",
                table: "studios",
                columns: new[] { "Level", "AccreditedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_OccupationCode_AccreditedOn_Id",
                schema: "skill_master_studios",
                table: "studios",
                columns: new[] { "OccupationCode", "AccreditedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_RegionCode_AccreditedOn_Id",
                schema: "skill_master_studios",
                table: "studios",
                columns: new[] { "RegionCode", "AccreditedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_statistics",
                schema: "skill_master_studios",
                table: "studios",
                columns: new[] { "Status", "RegionCode", "Level", "Field" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_Status_AccreditedOn_Id",
                schema: "skill_master_studios",
                table: "studios",
                columns: new[] { "Status", "AccreditedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_Status_TermEndsOn",
                schema: "skill_master_studios",
                table: "studios",
                columns: new[] { "Status", "TermEndsOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accreditations",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "annual_reports",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "applications",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "apprentices",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "expert_scores",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "funding_standards",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "funding_tranches",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "inbox_records",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "masters",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "outbox_deliveries",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "program_rules",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "studios",
                schema: "skill_master_studios");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "skill_master_studios");
        }
    }
}
