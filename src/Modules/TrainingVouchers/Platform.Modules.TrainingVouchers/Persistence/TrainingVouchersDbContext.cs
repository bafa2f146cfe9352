using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.Modules.TrainingVouchers.Persistence;

/// <summary>
/// The module's data: reference data (occupations, subsidy standards, program rules, institutions) and
/// the vouchers with their attendance, claims and payment batches. Region scoping and versions come from
/// <see cref="ModuleDbContext"/>; the unique slots on vouchers let the database settle issuing races.
/// </summary>
internal class TrainingVouchersDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "TrainingVouchers";

    public override string ModuleName => Module;

    public DbSet<Occupation> Occupations => Set<Occupation>();

    public DbSet<SubsidyStandard> SubsidyStandards => Set<SubsidyStandard>();

    public DbSet<ProgramRules> ProgramRules => Set<ProgramRules>();

    public DbSet<Institution> Institutions => Set<Institution>();

    public DbSet<InstitutionLicence> InstitutionLicences => Set<InstitutionLicence>();

    public DbSet<Voucher> Vouchers => Set<Voucher>();

    public DbSet<AttendanceSession> AttendanceSessions => Set<AttendanceSession>();

    public DbSet<FraudFlag> FraudFlags => Set<FraudFlag>();

    public DbSet<SettlementClaim> SettlementClaims => Set<SettlementClaim>();

    public DbSet<PaymentBatch> PaymentBatches => Set<PaymentBatch>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Occupation>(occupation =>
        {
            occupation.ToTable("occupations");
            occupation.HasKey(o => o.Code);
            occupation.Property(o => o.Code).HasMaxLength(20);
            occupation.Property(o => o.Name).HasMaxLength(100).IsRequired();
            occupation.Property(o => o.NameEn).HasMaxLength(150).IsRequired();
            occupation.Property(o => o.Field).HasConversion<string>().HasMaxLength(32);
            occupation.Property(o => o.Levels).HasMaxLength(100).IsRequired();
            occupation.Ignore(o => o.LevelList);
        });

        modelBuilder.Entity<SubsidyStandard>(standard =>
        {
            standard.ToTable("subsidy_standards");
            standard.HasKey(s => s.Id);
            standard.Property(s => s.Id).ValueGeneratedNever();
            standard.Property(s => s.OccupationCode).HasMaxLength(20).IsRequired();
            standard.Property(s => s.Level).HasConversion<string>().HasMaxLength(16);
            Region(standard.Property(s => s.RegionCode));
            Money(standard.Property(s => s.Amount));
            standard.Property(s => s.ShortageUpliftPercent).HasPrecision(5, 2);
            standard.Ignore(s => s.FaceValue);
            standard.HasIndex(s => new { s.OccupationCode, s.Level, s.RegionCode, s.EffectiveFrom }).IsUnique();
        });

        modelBuilder.Entity<ProgramRules>(rules =>
        {
            rules.ToTable("program_rules");
            rules.HasKey(r => r.Id);
            rules.Property(r => r.Id).ValueGeneratedNever();
            Region(rules.Property(r => r.RegionCode));
            rules.Property(r => r.AttendanceThresholdPercent).HasPrecision(5, 2);
            rules.Property(r => r.FailedSharePercent).HasPrecision(5, 2);
            rules.HasIndex(r => new { r.RegionCode, r.EffectiveFrom }).IsUnique();
        });

        modelBuilder.Entity<Institution>(institution =>
        {
            institution.ToTable("institutions");
            institution.HasKey(i => i.CreditCode);
            institution.Property(i => i.CreditCode).HasMaxLength(18).IsFixedLength();
            institution.Property(i => i.Name).HasMaxLength(200).IsRequired();
            Region(institution.Property(i => i.RegionCode));
            institution.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            institution.Property(i => i.StatusReason).HasMaxLength(500);
            institution.HasMany(i => i.Licences).WithOne().HasForeignKey(l => l.InstitutionCode).OnDelete(DeleteBehavior.Cascade);
            institution.HasIndex(i => i.RegionCode);
        });

        modelBuilder.Entity<InstitutionLicence>(licence =>
        {
            licence.ToTable("institution_licences");
            licence.HasKey(l => l.Id);
            licence.Property(l => l.Id).ValueGeneratedNever();
            licence.Property(l => l.InstitutionCode).HasMaxLength(18).IsFixedLength();
            licence.Property(l => l.OccupationCode).HasMaxLength(20).IsRequired();
            licence.Property(l => l.Level).HasConversion<string>().HasMaxLength(16);
        });

        modelBuilder.Entity<Voucher>(voucher =>
        {
            voucher.ToTable("vouchers");
            voucher.HasKey(v => v.Id);
            voucher.Property(v => v.Id).ValueGeneratedNever();
            voucher.OwnsPersonalData(v => v.Holder, "holder", unique: false);
            voucher.Property(v => v.Groups).HasConversion<int>();
            voucher.Property(v => v.GroupEvidence).HasMaxLength(4000).IsRequired();
            voucher.Property(v => v.OccupationCode).HasMaxLength(20).IsRequired();
            voucher.Property(v => v.Level).HasConversion<string>().HasMaxLength(16);
            Region(voucher.Property(v => v.RegionCode));
            voucher.Property(v => v.ServingRegionCode).HasMaxLength(6).IsFixedLength();
            Money(voucher.Property(v => v.FaceValue));
            voucher.Property(v => v.SubsidyAmount).HasPrecision(12, 2);
            voucher.Property(v => v.Status).HasConversion<string>().HasMaxLength(24);
            voucher.Property(v => v.IssuedBy).HasMaxLength(200).IsRequired();
            voucher.Property(v => v.QuotaSlot).HasMaxLength(80);
            voucher.Property(v => v.OpenSlot).HasMaxLength(100);
            voucher.Property(v => v.InstitutionCode).HasMaxLength(18).IsFixedLength();
            voucher.Property(v => v.CertificateNumber).HasMaxLength(64);
            voucher.Property(v => v.ClosingReason).HasMaxLength(500);
            voucher.Property(v => v.ClosedBy).HasMaxLength(200);
            voucher.Ignore(v => v.AttendanceRatePercent);
            voucher.HasIndex(v => v.QuotaSlot).IsUnique();
            voucher.HasIndex(v => v.OpenSlot).IsUnique();
            voucher.HasIndex(v => v.CertificateNumber).IsUnique();
            voucher.HasIndex(v => new { v.Status, v.ExpiresOn });

            // Search answers newest first: each index of an equality filter ends with the order
            // (issued at, id), so the page is read in order and the scan stops after one page.
            // A county is an equality too; filters without one (a city, a group) walk (issued at, id).
            voucher.HasIndex(v => new { v.IssuedAt, v.Id });
            voucher.HasIndex(v => new { v.Status, v.IssuedAt, v.Id });
            voucher.HasIndex(v => new { v.OccupationCode, v.Level, v.IssuedAt, v.Id });
            voucher.HasIndex(v => new { v.InstitutionCode, v.Status, v.IssuedAt, v.Id });
            voucher.HasIndex(v => new { v.RegionCode, v.IssuedAt, v.Id });

            // Statistics read a period of one region: the day leads (a range), the region and the
            // grouped figures follow, so each query reads one index range and never the table.
            voucher.HasIndex(v => new { v.IssuedOn, v.RegionCode, v.ServingRegionCode, v.Status, v.Groups, v.FaceValue }).HasDatabaseName("IX_vouchers_issued_statistics");
            voucher.HasIndex(v => new { v.CompletedOn, v.RegionCode, v.ServingRegionCode, v.InstitutionCode, v.OccupationCode, v.Passed }).HasDatabaseName("IX_vouchers_completion_statistics");
            voucher.HasIndex(v => new { v.PaidOn, v.RegionCode, v.ServingRegionCode, v.SubsidyAmount }).HasDatabaseName("IX_vouchers_paid_statistics");
        });

        modelBuilder.Entity<AttendanceSession>(session =>
        {
            session.ToTable("attendance_sessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).ValueGeneratedNever();
            session.Property(s => s.HolderBlindIndex).HasMaxLength(PersonalDataModelBuilderExtensions.BlindIndexLength).IsFixedLength().IsRequired();
            session.Property(s => s.InstitutionCode).HasMaxLength(18).IsFixedLength().IsRequired();
            Region(session.Property(s => s.RegionCode));
            session.Property(s => s.ServingRegionCode).HasMaxLength(6).IsFixedLength();
            session.Property(s => s.Method).HasConversion<string>().HasMaxLength(16);
            session.Property(s => s.RecordedBy).HasMaxLength(200).IsRequired();
            session.HasIndex(s => new { s.HolderBlindIndex, s.StartsAt });
            session.HasIndex(s => s.VoucherId);
        });

        modelBuilder.Entity<FraudFlag>(flag =>
        {
            flag.ToTable("fraud_flags");
            flag.HasKey(f => f.Id);
            flag.Property(f => f.Id).ValueGeneratedNever();
            Region(flag.Property(f => f.RegionCode));
            flag.Property(f => f.ServingRegionCode).HasMaxLength(6).IsFixedLength();
            flag.Property(f => f.InstitutionCode).HasMaxLength(18).IsFixedLength().IsRequired();
            flag.Property(f => f.OtherInstitutionCode).HasMaxLength(18).IsFixedLength().IsRequired();
            flag.Property(f => f.ReportedBy).HasMaxLength(200).IsRequired();
            flag.HasIndex(f => f.VoucherId);
            flag.HasIndex(f => new { f.RegionCode, f.FlaggedAt });
        });

        modelBuilder.Entity<SettlementClaim>(claim =>
        {
            claim.ToTable("settlement_claims");
            claim.HasKey(c => c.Id);
            claim.Property(c => c.Id).ValueGeneratedNever();
            Region(claim.Property(c => c.RegionCode));
            claim.Property(c => c.ServingRegionCode).HasMaxLength(6).IsFixedLength();
            claim.Property(c => c.InstitutionCode).HasMaxLength(18).IsFixedLength().IsRequired();
            Money(claim.Property(c => c.Amount));
            claim.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            claim.Property(c => c.ClaimedBy).HasMaxLength(200).IsRequired();
            claim.Property(c => c.DecidedBy).HasMaxLength(200);
            claim.Property(c => c.RejectionReason).HasMaxLength(500);
            claim.HasIndex(c => c.VoucherId);
            claim.HasIndex(c => c.PaymentBatchId);
            claim.HasIndex(c => new { c.RegionCode, c.Status });
        });

        modelBuilder.Entity<PaymentBatch>(batch =>
        {
            batch.ToTable("payment_batches");
            batch.HasKey(b => b.Id);
            batch.Property(b => b.Id).ValueGeneratedNever();
            Region(batch.Property(b => b.RegionCode));
            batch.Property(b => b.Reference).HasMaxLength(64).IsRequired();
            Money(batch.Property(b => b.DeclaredTotal));
            batch.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
            batch.Property(b => b.CreatedBy).HasMaxLength(200).IsRequired();
            batch.Property(b => b.ConfirmedBy).HasMaxLength(200);
            batch.HasIndex(b => new { b.RegionCode, b.Reference }).IsUnique();
        });
    }

    private static void Region(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<string> property) =>
        property.HasMaxLength(6).IsFixedLength().IsRequired();

    private static void Money(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<decimal> property) =>
        property.HasPrecision(12, 2);
}
