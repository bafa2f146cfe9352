using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.SkillMasterStudios.Domain;

namespace Platform.Modules.SkillMasterStudios.Persistence;

/// <summary>
/// The module's data: rules and funding standards (reference data), masters, applications with their
/// expert scores, studios with their accreditations and funding tranches, and annual reports with their
/// apprentices. Region scoping and versions come from <see cref="ModuleDbContext"/>; the unique active
/// lead slot on studios lets the database settle approval races.
/// </summary>
internal class SkillMasterStudiosDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "SkillMasterStudios";

    public override string ModuleName => Module;

    public DbSet<StudioRules> Rules => Set<StudioRules>();

    public DbSet<FundingStandard> FundingStandards => Set<FundingStandard>();

    public DbSet<Master> Masters => Set<Master>();

    public DbSet<StudioApplication> Applications => Set<StudioApplication>();

    public DbSet<ExpertScore> ExpertScores => Set<ExpertScore>();

    public DbSet<Studio> Studios => Set<Studio>();

    public DbSet<Accreditation> Accreditations => Set<Accreditation>();

    public DbSet<FundingTranche> FundingTranches => Set<FundingTranche>();

    public DbSet<AnnualReport> AnnualReports => Set<AnnualReport>();

    public DbSet<Apprentice> Apprentices => Set<Apprentice>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StudioRules>(rules =>
        {
            rules.ToTable("program_rules");
            rules.HasKey(r => r.Id);
            rules.Property(r => r.Id).ValueGeneratedNever();
            Region(rules.Property(r => r.RegionCode));
            rules.Property(r => r.MinimumAverageScore).HasPrecision(5, 2);
            rules.Property(r => r.ExcellentFrom).HasPrecision(5, 2);
            rules.Property(r => r.QualifiedFrom).HasPrecision(5, 2);
            rules.HasIndex(r => new { r.RegionCode, r.EffectiveFrom }).IsUnique();
        });

        modelBuilder.Entity<FundingStandard>(standard =>
        {
            standard.ToTable("funding_standards");
            standard.HasKey(s => s.Id);
            standard.Property(s => s.Id).ValueGeneratedNever();
            Level(standard.Property(s => s.Level));
            Region(standard.Property(s => s.RegionCode));
            Money(standard.Property(s => s.Amount));
            standard.Property(s => s.Source).HasMaxLength(200).IsRequired();
            standard.HasIndex(s => new { s.Level, s.RegionCode, s.EffectiveFrom }).IsUnique();
        });

        modelBuilder.Entity<Master>(master =>
        {
            master.ToTable("masters");
            master.HasKey(m => m.Id);
            master.Property(m => m.Id).ValueGeneratedNever();
            master.OwnsPersonalData(m => m.Person, "person", unique: true);
            master.Property(m => m.Name).HasMaxLength(50).IsRequired();
            master.Property(m => m.OccupationCode).HasMaxLength(20).IsRequired();
            master.Property(m => m.QualificationLevel).HasConversion<string>().HasMaxLength(16);
            master.Property(m => m.Honours).HasMaxLength(2000).IsRequired();
            CreditCode(master.Property(m => m.EmployerCode));
            Region(master.Property(m => m.RegionCode));
            master.Property(m => m.RegisteredBy).HasMaxLength(200).IsRequired();
            master.Ignore(m => m.HonourList);
            master.Ignore(m => m.IsQualifiedToLead);
            master.HasIndex(m => new { m.RegionCode, m.RegisteredAt, m.Id });
            master.HasIndex(m => new { m.OccupationCode, m.RegisteredAt, m.Id });
        });

        modelBuilder.Entity<StudioApplication>(application =>
        {
            application.ToTable("applications");
            application.HasKey(a => a.Id);
            application.Property(a => a.Id).ValueGeneratedNever();
            application.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            application.Property(a => a.StudioName).HasMaxLength(200).IsRequired();
            CreditCode(application.Property(a => a.HostCode));
            application.Property(a => a.HostName).HasMaxLength(200).IsRequired();
            application.Property(a => a.OccupationCode).HasMaxLength(20).IsRequired();
            Field(application.Property(a => a.Field));
            Region(application.Property(a => a.RegionCode));
            Level(application.Property(a => a.Level));
            application.Property(a => a.Plan).HasMaxLength(4000).IsRequired();
            application.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            application.Property(a => a.CreatedBy).HasMaxLength(200).IsRequired();
            application.Property(a => a.SubmittedBy).HasMaxLength(200);
            application.Property(a => a.RecommendedBy).HasMaxLength(200);
            application.Property(a => a.RecommendationNote).HasMaxLength(500);
            application.Property(a => a.DecidedBy).HasMaxLength(200);
            application.Property(a => a.DecisionReason).HasMaxLength(500);

            // Search answers newest first; each equality filter's index ends with (created at, id).
            application.HasIndex(a => new { a.CreatedAt, a.Id });
            application.HasIndex(a => new { a.Status, a.CreatedAt, a.Id });
            application.HasIndex(a => new { a.RegionCode, a.CreatedAt, a.Id });
            application.HasIndex(a => new { a.LeadMasterId, a.Status });
            application.HasIndex(a => new { a.StudioId, a.Status });
            application.HasIndex(a => a.MasterInProcessSlot).IsUnique();
            application.HasIndex(a => a.StudioInProcessSlot).IsUnique();
        });

        modelBuilder.Entity<ExpertScore>(score =>
        {
            score.ToTable("expert_scores");
            score.HasKey(s => s.Id);
            score.Property(s => s.Id).ValueGeneratedNever();
            Region(score.Property(s => s.RegionCode));
            score.Property(s => s.Expert).HasMaxLength(200).IsRequired();
            CreditCode(score.Property(s => s.ExpertOrganisation));
            score.Property(s => s.Score).HasPrecision(5, 1);
            score.Property(s => s.Comment).HasMaxLength(1000).IsRequired();
            score.HasIndex(s => new { s.ApplicationId, s.Expert }).IsUnique();
        });

        modelBuilder.Entity<Studio>(studio =>
        {
            studio.ToTable("studios");
            studio.HasKey(s => s.Id);
            studio.Property(s => s.Id).ValueGeneratedNever();
            studio.Property(s => s.Name).HasMaxLength(200).IsRequired();
            CreditCode(studio.Property(s => s.HostCode));
            studio.Property(s => s.HostName).HasMaxLength(200).IsRequired();
            studio.Property(s => s.OccupationCode).HasMaxLength(20).IsRequired();
            Field(studio.Property(s => s.Field));
            Region(studio.Property(s => s.RegionCode));
            Level(studio.Property(s => s.Level));
            studio.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            studio.Property(s => s.ClosedBy).HasMaxLength(200);
            studio.Property(s => s.ClosingReason).HasMaxLength(500);
            studio.HasIndex(s => s.ActiveLeadSlot).IsUnique();
            studio.HasIndex(s => s.LeadMasterId);
            studio.HasIndex(s => new { s.Status, s.TermEndsOn });

            // Search answers by accreditation, newest first; each equality filter's index ends with
            // (accredited on, id). Statistics group the active studios of a region by level and field.
            studio.HasIndex(s => new { s.AccreditedOn, s.Id });
            studio.HasIndex(s => new { s.Level, s.AccreditedOn, s.Id });
            studio.HasIndex(s => new { s.Status, s.AccreditedOn, s.Id });
            studio.HasIndex(s => new { s.OccupationCode, s.AccreditedOn, s.Id });
            studio.HasIndex(s => new { s.RegionCode, s.AccreditedOn, s.Id });
            studio.HasIndex(s => new { s.Status, s.RegionCode, s.Level, s.Field }).HasDatabaseName("IX_studios_statistics");
        });

        modelBuilder.Entity<Accreditation>(accreditation =>
        {
            accreditation.ToTable("accreditations");
            accreditation.HasKey(a => a.Id);
            accreditation.Property(a => a.Id).ValueGeneratedNever();
            accreditation.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            Level(accreditation.Property(a => a.Level));
            Region(accreditation.Property(a => a.RegionCode));
            accreditation.Property(a => a.DecidedBy).HasMaxLength(200).IsRequired();
            Money(accreditation.Property(a => a.FundingGranted));
            Money(accreditation.Property(a => a.FundingPaid));
            accreditation.Ignore(a => a.FundingOutstanding);
            accreditation.HasIndex(a => a.StudioId);
            accreditation.HasIndex(a => new { a.DecidedOn, a.RegionCode, a.Level, a.Kind, a.FundingGranted }).HasDatabaseName("IX_accreditations_statistics");
        });

        modelBuilder.Entity<FundingTranche>(tranche =>
        {
            tranche.ToTable("funding_tranches");
            tranche.HasKey(t => t.Id);
            tranche.Property(t => t.Id).ValueGeneratedNever();
            Region(tranche.Property(t => t.RegionCode));
            Money(tranche.Property(t => t.Amount));
            tranche.Property(t => t.Reference).HasMaxLength(64).IsRequired();
            tranche.Property(t => t.RecordedBy).HasMaxLength(200).IsRequired();
            tranche.HasIndex(t => new { t.AccreditationId, t.Reference }).IsUnique();
            tranche.HasIndex(t => new { t.PaidOn, t.RegionCode, t.Amount }).HasDatabaseName("IX_funding_tranches_statistics");
        });

        modelBuilder.Entity<AnnualReport>(report =>
        {
            report.ToTable("annual_reports");
            report.HasKey(r => r.Id);
            report.Property(r => r.Id).ValueGeneratedNever();
            Region(report.Property(r => r.RegionCode));
            Level(report.Property(r => r.Level));
            Field(report.Property(r => r.Field));
            report.Property(r => r.Summary).HasMaxLength(4000).IsRequired();
            report.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            report.Property(r => r.SubmittedBy).HasMaxLength(200).IsRequired();
            report.Property(r => r.Score).HasPrecision(5, 1);
            report.Property(r => r.Grade).HasConversion<string>().HasMaxLength(16);
            report.Property(r => r.AssessmentComment).HasMaxLength(1000);
            report.Property(r => r.AssessedBy).HasMaxLength(200);
            report.HasIndex(r => new { r.StudioId, r.Year }).IsUnique();
            report.HasIndex(r => new { r.Year, r.RegionCode, r.Level, r.Field, r.ApprenticeCount, r.QualifiedApprentices }).HasDatabaseName("IX_annual_reports_statistics");
        });

        modelBuilder.Entity<Apprentice>(apprentice =>
        {
            apprentice.ToTable("apprentices");
            apprentice.HasKey(a => a.Id);
            apprentice.Property(a => a.Id).ValueGeneratedNever();
            apprentice.OwnsPersonalData(a => a.Person, "person", unique: false);
            Region(apprentice.Property(a => a.RegionCode));
            apprentice.Property(a => a.OccupationCode).HasMaxLength(20).IsRequired();
            apprentice.Property(a => a.LevelReached).HasConversion<string>().HasMaxLength(16);
            apprentice.Property(a => a.CertificateNumber).HasMaxLength(64);
            apprentice.HasIndex(a => a.ReportId);
            apprentice.HasIndex(a => new { a.Year, a.RegionCode, a.LevelReached }).HasDatabaseName("IX_apprentices_statistics");
        });
    }

    private static void Region(PropertyBuilder<string> property) => property.HasMaxLength(6).IsFixedLength().IsRequired();

    private static void CreditCode(PropertyBuilder<string> property) => property.HasMaxLength(18).IsFixedLength().IsRequired();

    private static void Money(PropertyBuilder<decimal> property) => property.HasPrecision(12, 2);

    private static void Level(PropertyBuilder<StudioLevel> property) => property.HasConversion<string>().HasMaxLength(16);

    private static void Field(PropertyBuilder<CraftField> property) => property.HasConversion<string>().HasMaxLength(32);
}
