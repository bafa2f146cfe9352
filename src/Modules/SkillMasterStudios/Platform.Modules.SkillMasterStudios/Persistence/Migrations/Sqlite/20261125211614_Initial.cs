using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.SkillMasterStudios.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accreditations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudioId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FundingStandardId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FundingGranted = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    FundingPaid = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accreditations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "annual_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudioId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ApprenticeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    QualifiedApprentices = table.Column<int>(type: "INTEGER", nullable: false),
                    ProblemsSolved = table.Column<int>(type: "INTEGER", nullable: false),
                    CraftsHandedDown = table.Column<int>(type: "INTEGER", nullable: false),
                    Innovations = table.Column<int>(type: "INTEGER", nullable: false),
                    Patents = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainingSessions = table.Column<int>(type: "INTEGER", nullable: false),
                    Competitions = table.Column<int>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Fraud = table.Column<bool>(type: "INTEGER", nullable: false),
                    AssessmentComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AssessedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AssessedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_annual_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StudioId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StudioName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HostCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    HostName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LeadMasterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamSize = table.Column<int>(type: "INTEGER", nullable: false),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecommendedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RecommendedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecommendationNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AccreditationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    MasterInProcessSlot = table.Column<Guid>(type: "TEXT", nullable: true),
                    StudioInProcessSlot = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "apprentices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudioId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    person_ciphertext = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    person_blind_index = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 43, nullable: false),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LevelReached = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    QualifiedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_apprentices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "expert_scores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    Expert = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpertOrganisation = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ScoredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_expert_scores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "funding_standards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsSample = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_standards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "funding_tranches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccreditationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudioId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funding_tranches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_records",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HandledAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_records", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "masters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_ciphertext = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    person_blind_index = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 43, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    QualificationLevel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Honours = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EmployerCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_masters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TraceParent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TermYears = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumAverageScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    MinimumExperts = table.Column<int>(type: "INTEGER", nullable: false),
                    UnqualifiedYearsBeforeRevocation = table.Column<int>(type: "INTEGER", nullable: false),
                    ExcellentFrom = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    QualifiedFrom = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ReportDueMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportDueDay = table.Column<int>(type: "INTEGER", nullable: false),
                    LadderRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    RenewalWindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    IsSample = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "studios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HostCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    HostName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LeadMasterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActiveLeadSlot = table.Column<Guid>(type: "TEXT", nullable: true),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CurrentAccreditationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccreditedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TermEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ConsecutiveUnqualified = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClosingReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_studios", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_deliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeaseExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_outbox_deliveries_outbox_messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "outbox_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accreditations_statistics",
                table: "accreditations",
                columns: new[] { "DecidedOn", "RegionCode", "Level", "Kind", "FundingGranted" });

            migrationBuilder.CreateIndex(
                name: "IX_accreditations_StudioId",
                table: "accreditations",
                column: "StudioId");

            migrationBuilder.CreateIndex(
                name: "IX_annual_reports_statistics",
                table: "annual_reports",
                columns: new[] { "Year", "RegionCode", "Level", "Field", "ApprenticeCount", "QualifiedApprentices" });

            migrationBuilder.CreateIndex(
                name: "IX_annual_reports_StudioId_Year",
                table: "annual_reports",
                columns: new[] { "StudioId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_CreatedAt_Id",
                table: "applications",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_LeadMasterId_Status",
                table: "applications",
                columns: new[] { "LeadMasterId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_MasterInProcessSlot",
                table: "applications",
                column: "MasterInProcessSlot",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_RegionCode_CreatedAt_Id",
                table: "applications",
                columns: new[] { "RegionCode", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_Status_CreatedAt_Id",
                table: "applications",
                columns: new[] { "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_StudioId_Status",
                table: "applications",
                columns: new[] { "StudioId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_StudioInProcessSlot",
                table: "applications",
                column: "StudioInProcessSlot",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_apprentices_person_blind_index",
                table: "apprentices",
                column: "person_blind_index");

            migrationBuilder.CreateIndex(
                name: "IX_apprentices_ReportId",
                table: "apprentices",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_apprentices_statistics",
                table: "apprentices",
                columns: new[] { "Year", "RegionCode", "LevelReached" });

            migrationBuilder.CreateIndex(
                name: "IX_expert_scores_ApplicationId_Expert",
                table: "expert_scores",
                columns: new[] { "ApplicationId", "Expert" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_standards_Level_RegionCode_EffectiveFrom",
                table: "funding_standards",
                columns: new[] { "Level", "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_tranches_AccreditationId_Reference",
                table: "funding_tranches",
                columns: new[] { "AccreditationId", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funding_tranches_statistics",
                table: "funding_tranches",
                columns: new[] { "PaidOn", "RegionCode", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_masters_OccupationCode_RegisteredAt_Id",
                table: "masters",
                columns: new[] { "OccupationCode", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_masters_person_blind_index",
                table: "masters",
                column: "person_blind_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_masters_RegionCode_RegisteredAt_Id",
                table: "masters",
                columns: new[] { "RegionCode", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_MessageId_Consumer",
                table: "outbox_deliveries",
                columns: new[] { "MessageId", "Consumer" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_Status_NextAttemptAt",
                table: "outbox_deliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_OccurredAt",
                table: "outbox_messages",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_program_rules_RegionCode_EffectiveFrom",
                table: "program_rules",
                columns: new[] { "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_studios_AccreditedOn_Id",
                table: "studios",
                columns: new[] { "AccreditedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_ActiveLeadSlot",
                table: "studios",
                column: "ActiveLeadSlot",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_studios_LeadMasterId",
                table: "studios",
                column: "LeadMasterId");

            migrationBuilder.CreateIndex(
                name: "IX_studios_Level_AccreditedOn_Id",
                table: "studios",
                columns: new[] { "Level", "AccreditedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_OccupationCode_AccreditedOn_Id",
                table: "studios",
                columns: new[] { "OccupationCode", "AccreditedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_RegionCode_AccreditedOn_Id",
                table: "studios",
                columns: new[] { "RegionCode", "AccreditedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_statistics",
                table: "studios",
                columns: new[] { "Status", "RegionCode", "Level", "Field" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_Status_AccreditedOn_Id",
                table: "studios",
                columns: new[] { "Status", "AccreditedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_studios_Status_TermEndsOn",
                table: "studios",
                columns: new[] { "Status", "TermEndsOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accreditations");

            migrationBuilder.DropTable(
                name: "annual_reports");

            migrationBuilder.DropTable(
                name: "applications");

            migrationBuilder.DropTable(
                name: "apprentices");

            migrationBuilder.DropTable(
                name: "expert_scores");

            migrationBuilder.DropTable(
                name: "funding_standards");

            migrationBuilder.DropTable(
                name: "funding_tranches");

            migrationBuilder.DropTable(
                name: "inbox_records");

            migrationBuilder.DropTable(
                name: "masters");

            migrationBuilder.DropTable(
                name: "outbox_deliveries");

            migrationBuilder.DropTable(
                name: "program_rules");

            migrationBuilder.DropTable(
                name: "studios");

            migrationBuilder.DropTable(
                name: "outbox_messages");
        }
    }
}
