using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.TrainingVouchers.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attendance_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VoucherId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HolderBlindIndex = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 43, nullable: false),
                    InstitutionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    ServingRegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: true),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attendance_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fraud_flags",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VoucherId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    ServingRegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: true),
                    InstitutionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    OtherVoucherId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OtherInstitutionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    ReportedStartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportedEndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FlaggedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fraud_flags", x => x.Id);
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
                name: "institutions",
                columns: table => new
                {
                    CreditCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StatusChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IsSample = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_institutions", x => x.CreditCode);
                });

            migrationBuilder.CreateTable(
                name: "occupations",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Levels = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    IsSample = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_occupations", x => x.Code);
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
                name: "payment_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeclaredCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DeclaredTotal = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "program_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    YearlyQuota = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidityDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumAge = table.Column<int>(type: "INTEGER", nullable: false),
                    MaximumAge = table.Column<int>(type: "INTEGER", nullable: false),
                    EligibleGroups = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendanceThresholdPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    FailedSharePercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    CrossProvinceRecognition = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsSample = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_program_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "settlement_claims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VoucherId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    ServingRegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: true),
                    InstitutionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PaymentBatchId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settlement_claims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "subsidy_standards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    ShortageUpliftPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    IsSample = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subsidy_standards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    holder_ciphertext = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    holder_blind_index = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 43, nullable: false),
                    HolderBirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Groups = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupEvidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    ServingRegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: true),
                    FaceValue = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    QuotaSlot = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    OpenSlot = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    InstitutionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: true),
                    EnrolledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CourseStartsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CourseEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ScheduledHours = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendedMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: true),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CurrentClaimId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubsidyAmount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosingReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vouchers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "institution_licences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstitutionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 18, nullable: false),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_institution_licences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_institution_licences_institutions_InstitutionCode",
                        column: x => x.InstitutionCode,
                        principalTable: "institutions",
                        principalColumn: "CreditCode",
                        onDelete: ReferentialAction.Cascade);
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
                name: "IX_attendance_sessions_HolderBlindIndex_StartsAt",
                table: "attendance_sessions",
                columns: new[] { "HolderBlindIndex", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_attendance_sessions_VoucherId",
                table: "attendance_sessions",
                column: "VoucherId");

            migrationBuilder.CreateIndex(
                name: "IX_fraud_flags_RegionCode_FlaggedAt",
                table: "fraud_flags",
                columns: new[] { "RegionCode", "FlaggedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_fraud_flags_VoucherId",
                table: "fraud_flags",
                column: "VoucherId");

            migrationBuilder.CreateIndex(
                name: "IX_institution_licences_InstitutionCode",
                table: "institution_licences",
                column: "InstitutionCode");

            migrationBuilder.CreateIndex(
                name: "IX_institutions_RegionCode",
                table: "institutions",
                column: "RegionCode");

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
                name: "IX_payment_batches_RegionCode_Reference",
                table: "payment_batches",
                columns: new[] { "RegionCode", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_program_rules_RegionCode_EffectiveFrom",
                table: "program_rules",
                columns: new[] { "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_settlement_claims_PaymentBatchId",
                table: "settlement_claims",
                column: "PaymentBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_settlement_claims_RegionCode_Status",
                table: "settlement_claims",
                columns: new[] { "RegionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_settlement_claims_VoucherId",
                table: "settlement_claims",
                column: "VoucherId");

            migrationBuilder.CreateIndex(
                name: "IX_subsidy_standards_OccupationCode_Level_RegionCode_EffectiveFrom",
                table: "subsidy_standards",
                columns: new[] { "OccupationCode", "Level", "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_CertificateNumber",
                table: "vouchers",
                column: "CertificateNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_holder_blind_index",
                table: "vouchers",
                column: "holder_blind_index");

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_InstitutionCode_CompletedOn",
                table: "vouchers",
                columns: new[] { "InstitutionCode", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_OccupationCode_Level",
                table: "vouchers",
                columns: new[] { "OccupationCode", "Level" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_OpenSlot",
                table: "vouchers",
                column: "OpenSlot",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_QuotaSlot",
                table: "vouchers",
                column: "QuotaSlot",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_RegionCode_CompletedOn",
                table: "vouchers",
                columns: new[] { "RegionCode", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_RegionCode_IssuedOn",
                table: "vouchers",
                columns: new[] { "RegionCode", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_RegionCode_PaidOn",
                table: "vouchers",
                columns: new[] { "RegionCode", "PaidOn" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_Status_ExpiresOn",
                table: "vouchers",
                columns: new[] { "Status", "ExpiresOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attendance_sessions");

            migrationBuilder.DropTable(
                name: "fraud_flags");

            migrationBuilder.DropTable(
                name: "inbox_records");

            migrationBuilder.DropTable(
                name: "institution_licences");

            migrationBuilder.DropTable(
                name: "occupations");

            migrationBuilder.DropTable(
                name: "outbox_deliveries");

            migrationBuilder.DropTable(
                name: "payment_batches");

            migrationBuilder.DropTable(
                name: "program_rules");

            migrationBuilder.DropTable(
                name: "settlement_claims");

            migrationBuilder.DropTable(
                name: "subsidy_standards");

            migrationBuilder.DropTable(
                name: "vouchers");

            migrationBuilder.DropTable(
                name: "institutions");

            migrationBuilder.DropTable(
                name: "outbox_messages");
        }
    }
}
