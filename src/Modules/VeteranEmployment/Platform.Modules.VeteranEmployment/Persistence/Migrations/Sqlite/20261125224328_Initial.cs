using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.VeteranEmployment.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "incentive_standards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BaseAmount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    UpliftPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    MaxMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsSample = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incentive_standards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "job_applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PostingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VeteranId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AppliedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PlacementEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_applications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "job_postings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmployerCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    EmployerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Requirements = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Specialties = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Headcount = table.Column<int>(type: "INTEGER", nullable: false),
                    Placed = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PostedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PostedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_postings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VeteranId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EmployerCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: true),
                    Position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BusinessName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BusinessCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: true),
                    ContractMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    SocialInsurance = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CorrectsEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.Id);
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
                name: "training_needs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VeteranId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurveyedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Occupations = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PreferredForm = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_needs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "training_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VeteranId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VoucherId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OccupationName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    InstitutionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_records", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "transfers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VeteranId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromRegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    ToRegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    TransferredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transfers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "veterans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_ciphertext = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    person_blind_index = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 43, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Branch = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DischargedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Rank = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Specialties = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Education = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CurrentStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_veterans", x => x.Id);
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
                name: "IX_incentive_standards_Kind_RegionCode_EffectiveFrom",
                table: "incentive_standards",
                columns: new[] { "Kind", "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_job_applications_PostingId_VeteranId",
                table: "job_applications",
                columns: new[] { "PostingId", "VeteranId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_job_applications_VeteranId",
                table: "job_applications",
                column: "VeteranId");

            migrationBuilder.CreateIndex(
                name: "IX_job_postings_RegionCode_PostedAt_Id",
                table: "job_postings",
                columns: new[] { "RegionCode", "PostedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_job_postings_Status_RegionCode_ClosesOn",
                table: "job_postings",
                columns: new[] { "Status", "RegionCode", "ClosesOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_EmployerCode_EffectiveOn",
                table: "ledger_entries",
                columns: new[] { "EmployerCode", "EffectiveOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_status_on",
                table: "ledger_entries",
                columns: new[] { "VeteranId", "EffectiveOn", "RecordedAt", "Status" });

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
                name: "IX_training_needs_VeteranId_SurveyedOn",
                table: "training_needs",
                columns: new[] { "VeteranId", "SurveyedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_training_records_statistics",
                table: "training_records",
                columns: new[] { "CompletedOn", "VeteranId", "Passed" });

            migrationBuilder.CreateIndex(
                name: "IX_training_records_VeteranId_CompletedOn",
                table: "training_records",
                columns: new[] { "VeteranId", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_training_records_VoucherId",
                table: "training_records",
                column: "VoucherId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_transfers_VeteranId",
                table: "transfers",
                column: "VeteranId");

            migrationBuilder.CreateIndex(
                name: "IX_veterans_Category_RegisteredAt_Id",
                table: "veterans",
                columns: new[] { "Category", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_veterans_CurrentStatus_RegisteredAt_Id",
                table: "veterans",
                columns: new[] { "CurrentStatus", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_veterans_person_blind_index",
                table: "veterans",
                column: "person_blind_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_veterans_region_of",
                table: "veterans",
                columns: new[] { "Id", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_veterans_RegionCode_RegisteredAt_Id",
                table: "veterans",
                columns: new[] { "RegionCode", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_veterans_RegisteredAt_Id",
                table: "veterans",
                columns: new[] { "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_veterans_statistics",
                table: "veterans",
                columns: new[] { "RegionCode", "RegisteredOn", "Category", "CurrentStatus", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_records");

            migrationBuilder.DropTable(
                name: "incentive_standards");

            migrationBuilder.DropTable(
                name: "job_applications");

            migrationBuilder.DropTable(
                name: "job_postings");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "outbox_deliveries");

            migrationBuilder.DropTable(
                name: "training_needs");

            migrationBuilder.DropTable(
                name: "training_records");

            migrationBuilder.DropTable(
                name: "transfers");

            migrationBuilder.DropTable(
                name: "veterans");

            migrationBuilder.DropTable(
                name: "outbox_messages");
        }
    }
}
