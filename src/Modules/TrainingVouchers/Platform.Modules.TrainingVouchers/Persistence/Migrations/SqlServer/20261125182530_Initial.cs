using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.TrainingVouchers.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "training_vouchers");

            migrationBuilder.CreateTable(
                name: "attendance_sessions",
                schema: "training_vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VoucherId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HolderBlindIndex = table.Column<string>(type: "nchar(43)", fixedLength: true, maxLength: 43, nullable: false),
                    InstitutionCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    ServingRegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: true),
                    StartsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Minutes = table.Column<int>(type: "int", nullable: false),
                    Method = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attendance_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fraud_flags",
                schema: "training_vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VoucherId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    ServingRegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: true),
                    InstitutionCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    OtherVoucherId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OtherInstitutionCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    ReportedStartsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReportedEndsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    FlaggedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReportedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fraud_flags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_records",
                schema: "training_vouchers",
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
                name: "institutions",
                schema: "training_vouchers",
                columns: table => new
                {
                    CreditCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    StatusChangedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    IsSample = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_institutions", x => x.CreditCode);
                });

            migrationBuilder.CreateTable(
                name: "occupations",
                schema: "training_vouchers",
                columns: table => new
                {
                    Code = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "nvarchar(150)", maxLength: 150, nullable: false),
                    Field = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Levels = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    IsSample = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_occupations", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "training_vouchers",
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
                name: "payment_batches",
                schema: "training_vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DeclaredCount = table.Column<int>(type: "int", nullable: false),
                    DeclaredTotal = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ConfirmedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_rules",
                schema: "training_vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    YearlyQuota = table.Column<int>(type: "int", nullable: false),
                    ValidityDays = table.Column<int>(type: "int", nullable: false),
                    MinimumAge = table.Column<int>(type: "int", nullable: false),
                    MaximumAge = table.Column<int>(type: "int", nullable: false),
                    EligibleGroups = table.Column<int>(type: "int", nullable: false),
                    AttendanceThresholdPercent = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    FailedSharePercent = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    CrossProvinceRecognition = table.Column<bool>(type: "bit", nullable: false),
                    IsSample = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "settlement_claims",
                schema: "training_vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VoucherId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    ServingRegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: true),
                    InstitutionCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ClaimedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DecidedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RejectionReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    PaymentBatchId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settlement_claims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "subsidy_standards",
                schema: "training_vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OccupationCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Amount = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    ShortageUpliftPercent = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    IsSample = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subsidy_standards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "vouchers",
                schema: "training_vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    holder_ciphertext = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    holder_blind_index = table.Column<string>(type: "nchar(43)", fixedLength: true, maxLength: 43, nullable: false),
                    HolderBirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Groups = table.Column<int>(type: "int", nullable: false),
                    GroupEvidence = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    OccupationCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    ServingRegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: true),
                    FaceValue = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    IssuedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    QuotaSlot = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: true),
                    OpenSlot = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    InstitutionCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: true),
                    EnrolledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CourseStartsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CourseEndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ScheduledHours = table.Column<int>(type: "int", nullable: false),
                    AttendedMinutes = table.Column<int>(type: "int", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Passed = table.Column<bool>(type: "bit", nullable: true),
                    CertificateNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CurrentClaimId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SubsidyAmount = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosingReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vouchers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "institution_licences",
                schema: "training_vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    InstitutionCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    OccupationCode = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_institution_licences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_institution_licences_institutions_InstitutionCode",
                        column: x => x.InstitutionCode,
                        principalSchema: "training_vouchers",
                        principalTable: "institutions",
                        principalColumn: "CreditCode",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outbox_deliveries",
                schema: "training_vouchers",
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
                        principalSchema: "training_vouchers",
                        principalTable: "outbox_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_attendance_sessions_HolderBlindIndex_StartsAt",
                schema: "training_vouchers",
                table: "attendance_sessions",
                columns: new[] { "HolderBlindIndex", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_attendance_sessions_VoucherId",
                schema: "training_vouchers",
                table: "attendance_sessions",
                column: "VoucherId");

            migrationBuilder.CreateIndex(
                name: "IX_fraud_flags_RegionCode_FlaggedAt",
                schema: "training_vouchers",
                table: "fraud_flags",
                columns: new[] { "RegionCode", "FlaggedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_fraud_flags_VoucherId",
                schema: "training_vouchers",
                table: "fraud_flags",
                column: "VoucherId");

            migrationBuilder.CreateIndex(
                name: "IX_institution_licences_InstitutionCode",
                schema: "training_vouchers",
                table: "institution_licences",
                column: "InstitutionCode");

            migrationBuilder.CreateIndex(
                name: "IX_institutions_RegionCode",
                schema: "training_vouchers",
                table: "institutions",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_MessageId_Consumer",
                schema: "training_vouchers",
                table: "outbox_deliveries",
                columns: new[] { "MessageId", "Consumer" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_Status_NextAttemptAt",
                schema: "training_vouchers",
                table: "outbox_deliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_OccurredAt",
                schema: "training_vouchers",
                table: "outbox_messages",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_payment_batches_RegionCode_Reference",
                schema: "training_vouchers",
                table: "payment_batches",
                columns: new[] { "RegionCode", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_program_rules_RegionCode_EffectiveFrom",
                schema: "training_vouchers",
                table: "program_rules",
                columns: new[] { "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_settlement_claims_PaymentBatchId",
                schema: "training_vouchers",
                table: "settlement_claims",
                column: "PaymentBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_settlement_claims_RegionCode_Status",
                schema: "training_vouchers",
                table: "settlement_claims",
                columns: new[] { "RegionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_settlement_claims_VoucherId",
                schema: "training_vouchers",
                table: "settlement_claims",
                column: "VoucherId");

            migrationBuilder.CreateIndex(
                name: "IX_subsidy_standards_OccupationCode_Level_RegionCode_EffectiveFrom",
                schema: "training_vouchers",
                table: "subsidy_standards",
                columns: new[] { "OccupationCode", "Level", "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_CertificateNumber",
                schema: "training_vouchers",
                table: "vouchers",
                column: "CertificateNumber",
                unique: true,
                filter: "[CertificateNumber] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_holder_blind_index",
                schema: "training_vouchers",
                table: "vouchers",
                column: "holder_blind_index");

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_InstitutionCode_CompletedOn",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "InstitutionCode", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_OccupationCode_Level",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "OccupationCode", "Level" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_OpenSlot",
                schema: "training_vouchers",
                table: "vouchers",
                column: "OpenSlot",
                unique: true,
                filter: "[OpenSlot] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_QuotaSlot",
                schema: "training_vouchers",
                table: "vouchers",
                column: "QuotaSlot",
                unique: true,
                filter: "[QuotaSlot] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_RegionCode_CompletedOn",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "RegionCode", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_RegionCode_IssuedOn",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "RegionCode", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_RegionCode_PaidOn",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "RegionCode", "PaidOn" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_Status_ExpiresOn",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "Status", "ExpiresOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attendance_sessions",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "fraud_flags",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "inbox_records",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "institution_licences",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "occupations",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "outbox_deliveries",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "payment_batches",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "program_rules",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "settlement_claims",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "subsidy_standards",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "vouchers",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "institutions",
                schema: "training_vouchers");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "training_vouchers");
        }
    }
}
