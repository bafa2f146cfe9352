using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.ReturnHomeEntrepreneurship.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "return_home_entrepreneurship");

            migrationBuilder.CreateTable(
                name: "businesses",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EntrepreneurId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreditCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Industry = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    LegalForm = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Address = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    ParkId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    JobsCreated = table.Column<int>(type: "int", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_businesses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "employees",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    person_ciphertext = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    person_blind_index = table.Column<string>(type: "nchar(43)", fixedLength: true, maxLength: 43, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SocialInsurance = table.Column<bool>(type: "bit", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_employees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "entrepreneurs",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    person_ciphertext = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    person_blind_index = table.Column<string>(type: "nchar(43)", fixedLength: true, maxLength: 43, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Category = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    FormerWorkplace = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ReturnedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    VeteranId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SocialInsuranceSince = table.Column<DateOnly>(type: "date", nullable: true),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RegisteredBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entrepreneurs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbox_records",
                schema: "return_home_entrepreneurship",
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
                name: "known_veterans",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    PersonBlindIndex = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    VeteranId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Category = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    RegisteredOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_known_veterans", x => x.PersonBlindIndex);
                });

            migrationBuilder.CreateTable(
                name: "loan_participants",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LoanId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EntrepreneurId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IsLead = table.Column<bool>(type: "bit", nullable: false),
                    OpenSlot = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_loan_participants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "loan_repayments",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LoanId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Principal = table.Column<decimal>(type: "decimal(14,2)", precision: 14, scale: 2, nullable: false),
                    Interest = table.Column<decimal>(type: "decimal(14,2)", precision: 14, scale: 2, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_loan_repayments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "loan_rules",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    IndividualCap = table.Column<decimal>(type: "decimal(14,2)", precision: 14, scale: 2, nullable: false),
                    PartnershipUpliftPercent = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    EnterpriseCap = table.Column<decimal>(type: "decimal(14,2)", precision: 14, scale: 2, nullable: false),
                    IndividualMaxTermMonths = table.Column<int>(type: "int", nullable: false),
                    EnterpriseMaxTermMonths = table.Column<int>(type: "int", nullable: false),
                    RateCapMarginBp = table.Column<int>(type: "int", nullable: false),
                    BorrowerMarginBp = table.Column<int>(type: "int", nullable: false),
                    MaxLoans = table.Column<int>(type: "int", nullable: false),
                    SubsidisedMonths = table.Column<int>(type: "int", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IsSample = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_loan_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "loans",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    EntrepreneurId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    BankCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    BankName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    GuaranteeFundCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    RequestedAmount = table.Column<decimal>(type: "decimal(14,2)", precision: 14, scale: 2, nullable: false),
                    RequestedTermMonths = table.Column<int>(type: "int", nullable: false),
                    Method = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Cap = table.Column<decimal>(type: "decimal(14,2)", precision: 14, scale: 2, nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    RuleId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AppliedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    GuaranteeApprovedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    GuaranteeApprovedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    GuaranteeContract = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    BankApprovedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    BankApprovedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    LoanContract = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Amount = table.Column<decimal>(type: "decimal(14,2)", precision: 14, scale: 2, nullable: true),
                    TermMonths = table.Column<int>(type: "int", nullable: true),
                    ContractRatePercent = table.Column<decimal>(type: "decimal(7,4)", precision: 7, scale: 4, nullable: true),
                    PrimeRatePercent = table.Column<decimal>(type: "decimal(7,4)", precision: 7, scale: 4, nullable: true),
                    BorrowerRatePercent = table.Column<decimal>(type: "decimal(7,4)", precision: 7, scale: 4, nullable: true),
                    SubsidisedMonths = table.Column<int>(type: "int", nullable: true),
                    DisbursedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    MaturityOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Outstanding = table.Column<decimal>(type: "decimal(14,2)", precision: 14, scale: 2, nullable: false),
                    NextCheckOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OverdueSince = table.Column<DateOnly>(type: "date", nullable: true),
                    EverOverdue = table.Column<bool>(type: "bit", nullable: false),
                    DefaultedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CompensatedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CompensationAmount = table.Column<decimal>(type: "decimal(14,2)", precision: 14, scale: 2, nullable: true),
                    SettledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_loans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mentoring_sessions",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    MentorId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EntrepreneurId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Hours = table.Column<decimal>(type: "decimal(5,2)", precision: 5, scale: 2, nullable: false),
                    Topic = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mentoring_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "mentors",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Organisation = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Industries = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Expertise = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Active = table.Column<bool>(type: "bit", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mentors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "return_home_entrepreneurship",
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
                name: "parks",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Operator = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Capacity = table.Column<int>(type: "int", nullable: false),
                    Tenants = table.Column<int>(type: "int", nullable: false),
                    RecognisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "prime_rates",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    OneYearPercent = table.Column<decimal>(type: "decimal(7,4)", precision: 7, scale: 4, nullable: false),
                    IsSample = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_prime_rates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "projects",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Industry = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Investment = table.Column<decimal>(type: "decimal(14,2)", precision: 14, scale: 2, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Open = table.Column<bool>(type: "bit", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_projects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "revenue_reports",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Revenue = table.Column<decimal>(type: "decimal(16,2)", precision: 16, scale: 2, nullable: false),
                    EmployeesAtYearEnd = table.Column<int>(type: "int", nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReportedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_revenue_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "startup_subsidies",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EntrepreneurId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PersonSlot = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    StandardId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AppliedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DecidedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DecisionNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaymentReference = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PaidBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_startup_subsidies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "startup_subsidy_standards",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Amount = table.Column<decimal>(type: "decimal(12,2)", precision: 12, scale: 2, nullable: false),
                    MinMonthsOperating = table.Column<int>(type: "int", nullable: false),
                    RequiresSocialInsurance = table.Column<bool>(type: "bit", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IsSample = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_startup_subsidy_standards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "subsidy_claims",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BankCode = table.Column<string>(type: "nchar(18)", fixedLength: true, maxLength: 18, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    RegionCode = table.Column<string>(type: "nchar(6)", fixedLength: true, maxLength: 6, nullable: false),
                    Loans = table.Column<int>(type: "int", nullable: false),
                    OverdueLoans = table.Column<int>(type: "int", nullable: false),
                    InterestDue = table.Column<decimal>(type: "decimal(16,2)", precision: 16, scale: 2, nullable: false),
                    BorrowerShare = table.Column<decimal>(type: "decimal(16,2)", precision: 16, scale: 2, nullable: false),
                    Subsidy = table.Column<decimal>(type: "decimal(16,2)", precision: 16, scale: 2, nullable: false),
                    Lines = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subsidy_claims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tenancies",
                schema: "return_home_entrepreneurship",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ParkId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    OpenSlot = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tenancies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_deliveries",
                schema: "return_home_entrepreneurship",
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
                        principalSchema: "return_home_entrepreneurship",
                        principalTable: "outbox_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_businesses_CreditCode",
                schema: "return_home_entrepreneurship",
                table: "businesses",
                column: "CreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_businesses_EntrepreneurId_RegisteredOn",
                schema: "return_home_entrepreneurship",
                table: "businesses",
                columns: new[] { "EntrepreneurId", "RegisteredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_businesses_Industry_RecordedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "businesses",
                columns: new[] { "Industry", "RecordedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_businesses_ParkId_RecordedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "businesses",
                columns: new[] { "ParkId", "RecordedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_businesses_RecordedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "businesses",
                columns: new[] { "RecordedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_businesses_RegionCode_RecordedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "businesses",
                columns: new[] { "RegionCode", "RecordedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_businesses_statistics",
                schema: "return_home_entrepreneurship",
                table: "businesses",
                columns: new[] { "RegionCode", "RegisteredOn", "Status", "JobsCreated", "Industry" });

            migrationBuilder.CreateIndex(
                name: "IX_employees_BusinessId_StartedOn",
                schema: "return_home_entrepreneurship",
                table: "employees",
                columns: new[] { "BusinessId", "StartedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_employees_person_blind_index",
                schema: "return_home_entrepreneurship",
                table: "employees",
                column: "person_blind_index");

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurs_Category_RegisteredAt_Id",
                schema: "return_home_entrepreneurship",
                table: "entrepreneurs",
                columns: new[] { "Category", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurs_person_blind_index",
                schema: "return_home_entrepreneurship",
                table: "entrepreneurs",
                column: "person_blind_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurs_RegionCode_RegisteredAt_Id",
                schema: "return_home_entrepreneurship",
                table: "entrepreneurs",
                columns: new[] { "RegionCode", "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurs_RegisteredAt_Id",
                schema: "return_home_entrepreneurship",
                table: "entrepreneurs",
                columns: new[] { "RegisteredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_entrepreneurs_statistics",
                schema: "return_home_entrepreneurship",
                table: "entrepreneurs",
                columns: new[] { "RegionCode", "RegisteredOn", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_loan_participants_EntrepreneurId",
                schema: "return_home_entrepreneurship",
                table: "loan_participants",
                column: "EntrepreneurId");

            migrationBuilder.CreateIndex(
                name: "IX_loan_participants_LoanId_EntrepreneurId",
                schema: "return_home_entrepreneurship",
                table: "loan_participants",
                columns: new[] { "LoanId", "EntrepreneurId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_loan_participants_OpenSlot",
                schema: "return_home_entrepreneurship",
                table: "loan_participants",
                column: "OpenSlot",
                unique: true,
                filter: "[OpenSlot] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_loan_repayments_LoanId_Reference",
                schema: "return_home_entrepreneurship",
                table: "loan_repayments",
                columns: new[] { "LoanId", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_loan_repayments_standing",
                schema: "return_home_entrepreneurship",
                table: "loan_repayments",
                columns: new[] { "LoanId", "PaidOn", "Principal", "Interest" });

            migrationBuilder.CreateIndex(
                name: "IX_loan_rules_RegionCode_EffectiveFrom",
                schema: "return_home_entrepreneurship",
                table: "loan_rules",
                columns: new[] { "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_loans_bank_claim",
                schema: "return_home_entrepreneurship",
                table: "loans",
                columns: new[] { "BankCode", "DisbursedOn", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_loans_EntrepreneurId_AppliedAt",
                schema: "return_home_entrepreneurship",
                table: "loans",
                columns: new[] { "EntrepreneurId", "AppliedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_loans_NextCheckOn_Status",
                schema: "return_home_entrepreneurship",
                table: "loans",
                columns: new[] { "NextCheckOn", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_loans_RegionCode_AppliedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "loans",
                columns: new[] { "RegionCode", "AppliedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_loans_statistics",
                schema: "return_home_entrepreneurship",
                table: "loans",
                columns: new[] { "RegionCode", "DisbursedOn", "Status", "Amount", "Outstanding" });

            migrationBuilder.CreateIndex(
                name: "IX_loans_Status_AppliedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "loans",
                columns: new[] { "Status", "AppliedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_mentoring_sessions_EntrepreneurId_HeldOn",
                schema: "return_home_entrepreneurship",
                table: "mentoring_sessions",
                columns: new[] { "EntrepreneurId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_mentoring_sessions_MentorId_HeldOn",
                schema: "return_home_entrepreneurship",
                table: "mentoring_sessions",
                columns: new[] { "MentorId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_mentors_Active_RegionCode",
                schema: "return_home_entrepreneurship",
                table: "mentors",
                columns: new[] { "Active", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_mentors_RecordedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "mentors",
                columns: new[] { "RecordedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_MessageId_Consumer",
                schema: "return_home_entrepreneurship",
                table: "outbox_deliveries",
                columns: new[] { "MessageId", "Consumer" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_deliveries_Status_NextAttemptAt",
                schema: "return_home_entrepreneurship",
                table: "outbox_deliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_OccurredAt",
                schema: "return_home_entrepreneurship",
                table: "outbox_messages",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_parks_RecordedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "parks",
                columns: new[] { "RecordedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_parks_RegionCode_Kind_Level",
                schema: "return_home_entrepreneurship",
                table: "parks",
                columns: new[] { "RegionCode", "Kind", "Level" });

            migrationBuilder.CreateIndex(
                name: "IX_parks_RegionCode_RecordedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "parks",
                columns: new[] { "RegionCode", "RecordedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_prime_rates_EffectiveFrom",
                schema: "return_home_entrepreneurship",
                table: "prime_rates",
                column: "EffectiveFrom",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_projects_Open_Industry_RegionCode",
                schema: "return_home_entrepreneurship",
                table: "projects",
                columns: new[] { "Open", "Industry", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_projects_RecordedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "projects",
                columns: new[] { "RecordedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_revenue_reports_BusinessId_Year",
                schema: "return_home_entrepreneurship",
                table: "revenue_reports",
                columns: new[] { "BusinessId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_startup_subsidies_EntrepreneurId",
                schema: "return_home_entrepreneurship",
                table: "startup_subsidies",
                column: "EntrepreneurId");

            migrationBuilder.CreateIndex(
                name: "IX_startup_subsidies_PaymentReference",
                schema: "return_home_entrepreneurship",
                table: "startup_subsidies",
                column: "PaymentReference",
                unique: true,
                filter: "[PaymentReference] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_startup_subsidies_PersonSlot",
                schema: "return_home_entrepreneurship",
                table: "startup_subsidies",
                column: "PersonSlot",
                unique: true,
                filter: "[PersonSlot] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_startup_subsidies_RegionCode_AppliedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "startup_subsidies",
                columns: new[] { "RegionCode", "AppliedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_startup_subsidies_statistics",
                schema: "return_home_entrepreneurship",
                table: "startup_subsidies",
                columns: new[] { "PaidOn", "RegionCode", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_startup_subsidies_Status_AppliedAt_Id",
                schema: "return_home_entrepreneurship",
                table: "startup_subsidies",
                columns: new[] { "Status", "AppliedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_startup_subsidy_standards_RegionCode_EffectiveFrom",
                schema: "return_home_entrepreneurship",
                table: "startup_subsidy_standards",
                columns: new[] { "RegionCode", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_subsidy_claims_BankCode_Month_RegionCode",
                schema: "return_home_entrepreneurship",
                table: "subsidy_claims",
                columns: new[] { "BankCode", "Month", "RegionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_subsidy_claims_Month_RegionCode",
                schema: "return_home_entrepreneurship",
                table: "subsidy_claims",
                columns: new[] { "Month", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_tenancies_BusinessId",
                schema: "return_home_entrepreneurship",
                table: "tenancies",
                column: "BusinessId");

            migrationBuilder.CreateIndex(
                name: "IX_tenancies_OpenSlot",
                schema: "return_home_entrepreneurship",
                table: "tenancies",
                column: "OpenSlot",
                unique: true,
                filter: "[OpenSlot] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_tenancies_ParkId_From_Id",
                schema: "return_home_entrepreneurship",
                table: "tenancies",
                columns: new[] { "ParkId", "From", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "businesses",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "employees",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "entrepreneurs",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "inbox_records",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "known_veterans",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "loan_participants",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "loan_repayments",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "loan_rules",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "loans",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "mentoring_sessions",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "mentors",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "outbox_deliveries",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "parks",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "prime_rates",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "projects",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "revenue_reports",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "startup_subsidies",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "startup_subsidy_standards",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "subsidy_claims",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "tenancies",
                schema: "return_home_entrepreneurship");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "return_home_entrepreneurship");
        }
    }
}
