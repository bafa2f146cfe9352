using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.VeteranEmployment.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "veteran_employment");

            migrationBuilder.CreateTable(
                name: "inbox_records",
                schema: "veteran_employment",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HandledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_records", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "incentive_standards",
                schema: "veteran_employment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    RegionCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    BaseAmount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    UpliftPercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    MaxMonths = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsSample = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incentive_standards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "job_applications",
                schema: "veteran_employment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PostingId = table.Column<Guid>(type: "uuid", nullable: false),
                    VeteranId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AppliedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PlacementEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "job_postings",
                schema: "veteran_employment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EmployerCode = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    EmployerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RegionCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    OccupationCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Requirements = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Specialties = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Headcount = table.Column<int>(type: "integer", nullable: false),
                    Placed = table.Column<int>(type: "integer", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PostedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PostedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_postings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                schema: "veteran_employment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VeteranId = table.Column<Guid>(type: "uuid", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EmployerCode = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: true),
                    Position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    BusinessName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    BusinessCode = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: true),
                    ContractMonths = table.Column<int>(type: "integer", nullable: true),
                    SocialInsurance = table.Column<bool>(type: "boolean", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CorrectsEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "veteran_employment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TraceParent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "training_needs",
                schema: "veteran_employment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VeteranId = table.Column<Guid>(type: "uuid", nullable: false),
                    SurveyedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Occupations = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PreferredForm = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_needs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "training_records",
                schema: "veteran_employment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VeteranId = table.Column<Guid>(type: "uuid", nullable: false),
                    VoucherId = table.Column<Guid>(type: "uuid", nullable: false),
                    OccupationCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OccupationName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    CertificateNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    InstitutionCode = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_records", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "transfers",
                schema: "veteran_employment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VeteranId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromRegionCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    ToRegionCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    TransferredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transfers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "veterans",
                schema: "veteran_employment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_ciphertext = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    person_blind_index = table.Column<string>(type: "character(43)", fixedLength: true, maxLength: 43, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Branch = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DischargedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Rank = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Specialties = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Education = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RegisteredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CurrentStatus = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_veterans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_deliveries",
                schema: "veteran_employment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeaseOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_outbox_deliveries_outbox_messages_MessageId",
                        column: x => x.MessageId,
                        principalSchema: "veteran_employment",
                        principalTable: "outbox_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_incentive_standards_Kind_RegionCode_EffectiveFrom",
                schema: "veteran_employment",
                table: "incentive_standards",
                columns: new[] { "Kind", "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_job_applications_PostingId_VeteranId",
                schema: "veteran_employment",
                table: "job_applications",
                columns: new[] { "PostingId", "VeteranId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_job_applications_VeteranId",
                schema: "veteran_employment",
                table: "job_applications",
                column: "VeteranId");

            migrationBuilder.CreateIndex(
                name: "IX_job_postings_RegionCode_PostedAt_Id",
                schema: "veteran_employment",
                table: "job_postings",
                columns: new[] { "RegionCode", "PostedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_job_postings_Status_RegionCode_ClosesOn",
                schema: "veteran_employment",
                table: "job_postings",
                columns: new[] { "Status", "RegionCode", "ClosesOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_EmployerCode_EffectiveOn",
                schema: "veteran_employment",
                table: "ledger_entries",
                columns: new[] { "EmployerCode", "EffectiveOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_status_on",
                schema: "veteran_employment",
                table: "ledger_entries",
                columns: new[] { "VeteranId", "EffectiveOn", "RecordedAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_MessageId_Consumer",
                schema: "veteran_employment",
                table: "outbox_deliveries",
                columns: new[] { "MessageId", "Consumer" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_Status_NextAttemptAt",
                schema: "veteran_employment",
                table: "outbox_deliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_OccurredAt",
                schema: "veteran_employment",
                table: "outbox_messages",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_training_needs_VeteranId_SurveyedOn",
                schema: "veteran_employment",
                table: "training_needs",
                columns: new[] { "VeteranId", "SurveyedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_training_records_statistics",
                schema: "veteran_employment",
                table: "training_records",
                columns: new[] { "CompletedOn", "VeteranId", "Passed" });

            migrationBuilder.CreateIndex(
                name: "IX_training_records_VeteranId_CompletedOn",
                schema: "veteran_employment",
                table: "training_records",
                columns: new[] { "VeteranId", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_training_records_VoucherId",
                schema: "veteran_employment",
                table: "training_records",
                column: "VoucherId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_transfers_VeteranId",
                schema: "veteran_employment",
                table: "transfers",
                column: "VeteranId");

            migrationBuilder.CreateIndex(
                name: "IX_veterans_Category_RegisteredAt_Id",
                schema: "veteran_employment",
                table: "veterans",
                columns: new[] { "Category", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_veterans_CurrentStatus_RegisteredAt_Id",
                schema: "veteran_employment",
                table: "veterans",
                columns: new[] { "CurrentStatus", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_veterans_person_blind_index",
                schema: "veteran_employment",
                table: "veterans",
                column: "person_blind_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_veterans_region_of",
                schema: "veteran_employment",
                table: "veterans",
                columns: new[] { "Id", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_veterans_RegionCode_RegisteredAt_Id",
                schema: "veteran_employment",
                table: "veterans",
                columns: new[] { "RegionCode", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_veterans_RegisteredAt_Id",
                schema: "veteran_employment",
                table: "veterans",
                columns: new[] { "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_veterans_statistics",
                schema: "veteran_employment",
                table: "veterans",
                columns: new[] { "RegionCode", "RegisteredOn", "Category", "CurrentStatus", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_records",
                schema: "veteran_employment");

            migrationBuilder.DropTable(
                name: "incentive_standards",
                schema: "veteran_employment");

            migrationBuilder.DropTable(
                name: "job_applications",
                schema: "veteran_employment");

            migrationBuilder.DropTable(
                name: "job_postings",
                schema: "veteran_employment");

            migrationBuilder.DropTable(
                name: "ledger_entries",
                schema: "veteran_employment");

            migrationBuilder.DropTable(
                name: "outbox_deliveries",
                schema: "veteran_employment");

            migrationBuilder.DropTable(
                name: "training_needs",
                schema: "veteran_employment");

            migrationBuilder.DropTable(
                name: "training_records",
                schema: "veteran_employment");

            migrationBuilder.DropTable(
                name: "transfers",
                schema: "veteran_employment");

            migrationBuilder.DropTable(
                name: "veterans",
                schema: "veteran_employment");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "veteran_employment");
        }
    }
}
