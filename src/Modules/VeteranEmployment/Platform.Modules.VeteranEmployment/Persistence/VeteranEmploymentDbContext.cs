using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.VeteranEmployment.Domain;

namespace Platform.Modules.VeteranEmployment.Persistence;

/// <summary>
/// The module's data: veterans (region-scoped) with their transfers, training needs, training records
/// and the append-only employment ledger (seen only through their veteran, so they move with it),
/// employers' job postings (region-scoped) with applications, and incentive standards (reference data).
/// </summary>
internal class VeteranEmploymentDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "VeteranEmployment";

    public override string ModuleName => Module;

    public DbSet<Veteran> Veterans => Set<Veteran>();

    public DbSet<VeteranTransfer> Transfers => Set<VeteranTransfer>();

    public DbSet<TrainingNeed> TrainingNeeds => Set<TrainingNeed>();

    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<JobPosting> Postings => Set<JobPosting>();

    public DbSet<JobApplication> JobApplications => Set<JobApplication>();

    public DbSet<IncentiveStandard> IncentiveStandards => Set<IncentiveStandard>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Veteran>(veteran =>
        {
            veteran.ToTable("veterans");
            veteran.HasKey(v => v.Id);
            veteran.Property(v => v.Id).ValueGeneratedNever();
            veteran.OwnsPersonalData(v => v.Person, "person", unique: true);
            veteran.Property(v => v.Name).HasMaxLength(50).IsRequired();
            veteran.Property(v => v.Category).HasConversion<string>().HasMaxLength(24);
            veteran.Property(v => v.Branch).HasConversion<string>().HasMaxLength(16);
            veteran.Property(v => v.Rank).HasMaxLength(50).IsRequired();
            veteran.Property(v => v.Specialties).HasMaxLength(1000).IsRequired();
            veteran.Property(v => v.Education).HasConversion<string>().HasMaxLength(16);
            Region(veteran.Property(v => v.RegionCode));
            veteran.Property(v => v.RegisteredBy).HasMaxLength(200).IsRequired();
            veteran.Property(v => v.CurrentStatus).HasConversion<string>().HasMaxLength(16);
            veteran.Ignore(v => v.SpecialtyList);

            // Search answers newest registration first; each equality filter's index ends with the order.
            veteran.HasIndex(v => new { v.RegisteredAt, v.Id });
            veteran.HasIndex(v => new { v.RegionCode, v.RegisteredAt, v.Id });
            veteran.HasIndex(v => new { v.Category, v.RegisteredAt, v.Id });
            veteran.HasIndex(v => new { v.CurrentStatus, v.RegisteredAt, v.Id });

            // Statistics read the veterans of a region (a range) from this index alone: what they are
            // grouped by, the status today, and the id that finds the status on a past day in the ledger.
            veteran.HasIndex(v => new { v.RegionCode, v.RegisteredOn, v.Category, v.CurrentStatus, v.Id }).HasDatabaseName("IX_veterans_statistics");

            // The trained figure joins the year's training records to their veterans' regions: this
            // answers each join from the index alone instead of a key seek and a row read.
            veteran.HasIndex(v => new { v.Id, v.RegionCode }).HasDatabaseName("IX_veterans_region_of");
        });

        modelBuilder.Entity<VeteranTransfer>(transfer =>
        {
            transfer.ToTable("transfers");
            transfer.HasKey(t => t.Id);
            transfer.Property(t => t.Id).ValueGeneratedNever();
            Region(transfer.Property(t => t.FromRegionCode));
            Region(transfer.Property(t => t.ToRegionCode));
            transfer.Property(t => t.Reason).HasMaxLength(500).IsRequired();
            transfer.Property(t => t.RecordedBy).HasMaxLength(200).IsRequired();
            transfer.HasIndex(t => t.VeteranId);
        });

        modelBuilder.Entity<TrainingNeed>(need =>
        {
            need.ToTable("training_needs");
            need.HasKey(n => n.Id);
            need.Property(n => n.Id).ValueGeneratedNever();
            need.Property(n => n.Occupations).HasMaxLength(500).IsRequired();
            need.Property(n => n.PreferredForm).HasConversion<string>().HasMaxLength(24);
            need.Property(n => n.Note).HasMaxLength(500).IsRequired();
            need.Property(n => n.RecordedBy).HasMaxLength(200).IsRequired();
            need.HasIndex(n => new { n.VeteranId, n.SurveyedOn });
        });

        modelBuilder.Entity<TrainingRecord>(record =>
        {
            record.ToTable("training_records");
            record.HasKey(r => r.Id);
            record.Property(r => r.Id).ValueGeneratedNever();
            record.Property(r => r.OccupationCode).HasMaxLength(20).IsRequired();
            record.Property(r => r.OccupationName).HasMaxLength(100).IsRequired();
            record.Property(r => r.Level).HasMaxLength(16).IsRequired();
            record.Property(r => r.CertificateNumber).HasMaxLength(64);
            record.Property(r => r.InstitutionCode).HasMaxLength(18).IsFixedLength().IsRequired();
            record.HasIndex(r => r.VoucherId).IsUnique();
            record.HasIndex(r => new { r.VeteranId, r.CompletedOn });
            record.HasIndex(r => new { r.CompletedOn, r.VeteranId, r.Passed }).HasDatabaseName("IX_training_records_statistics");
        });

        modelBuilder.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("ledger_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Id).ValueGeneratedNever();
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
            entry.Property(e => e.EmployerCode).HasMaxLength(18).IsFixedLength();
            entry.Property(e => e.Position).HasMaxLength(200);
            entry.Property(e => e.BusinessName).HasMaxLength(200);
            entry.Property(e => e.BusinessCode).HasMaxLength(18).IsFixedLength();
            entry.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
            entry.Property(e => e.Note).HasMaxLength(500).IsRequired();
            entry.Property(e => e.RecordedBy).HasMaxLength(200).IsRequired();

            // The status of a veteran on a day is one seek: the latest (effective on, recorded at) at or
            // before the day, read from the index alone.
            entry.HasIndex(e => new { e.VeteranId, e.EffectiveOn, e.RecordedAt, e.Status }).HasDatabaseName("IX_ledger_entries_status_on");
            entry.HasIndex(e => new { e.EmployerCode, e.EffectiveOn });
        });

        modelBuilder.Entity<JobPosting>(posting =>
        {
            posting.ToTable("job_postings");
            posting.HasKey(p => p.Id);
            posting.Property(p => p.Id).ValueGeneratedNever();
            posting.Property(p => p.EmployerCode).HasMaxLength(18).IsFixedLength().IsRequired();
            posting.Property(p => p.EmployerName).HasMaxLength(200).IsRequired();
            Region(posting.Property(p => p.RegionCode));
            posting.Property(p => p.OccupationCode).HasMaxLength(20).IsRequired();
            posting.Property(p => p.Title).HasMaxLength(200).IsRequired();
            posting.Property(p => p.Requirements).HasMaxLength(2000).IsRequired();
            posting.Property(p => p.Specialties).HasMaxLength(1000).IsRequired();
            posting.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            posting.Property(p => p.PostedBy).HasMaxLength(200).IsRequired();
            posting.HasIndex(p => new { p.Status, p.RegionCode, p.ClosesOn });
            posting.HasIndex(p => new { p.RegionCode, p.PostedAt, p.Id });
        });

        modelBuilder.Entity<JobApplication>(application =>
        {
            application.ToTable("job_applications");
            application.HasKey(a => a.Id);
            application.Property(a => a.Id).ValueGeneratedNever();
            application.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            application.Property(a => a.AppliedBy).HasMaxLength(200).IsRequired();
            application.HasIndex(a => new { a.PostingId, a.VeteranId }).IsUnique();
            application.HasIndex(a => a.VeteranId);
        });

        modelBuilder.Entity<IncentiveStandard>(standard =>
        {
            standard.ToTable("incentive_standards");
            standard.HasKey(s => s.Id);
            standard.Property(s => s.Id).ValueGeneratedNever();
            standard.Property(s => s.Kind).HasConversion<string>().HasMaxLength(24);
            Region(standard.Property(s => s.RegionCode));
            standard.Property(s => s.BaseAmount).HasPrecision(12, 2);
            standard.Property(s => s.UpliftPercent).HasPrecision(5, 2);
            standard.Property(s => s.Source).HasMaxLength(200).IsRequired();
            standard.Ignore(s => s.YearlyAmount);
            standard.HasIndex(s => new { s.Kind, s.RegionCode, s.EffectiveFrom }).IsUnique();
        });
    }

    private static void Region(PropertyBuilder<string> property) => property.HasMaxLength(6).IsFixedLength().IsRequired();
}
