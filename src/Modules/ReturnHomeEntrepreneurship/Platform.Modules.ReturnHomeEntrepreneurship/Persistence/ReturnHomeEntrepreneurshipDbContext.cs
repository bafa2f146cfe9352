using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

/// <summary>
/// The module's data: founders, businesses (with employees and revenue), parks with tenancies, start-up
/// subsidies and loans (region-scoped), loan participants, repayments and subsidy claims, the shared
/// mentor pool and project library, veterans known from events, and the reference data (subsidy
/// standards, loan rules, prime rates).
/// </summary>
internal class ReturnHomeEntrepreneurshipDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "ReturnHomeEntrepreneurship";

    public override string ModuleName => Module;

    public DbSet<Entrepreneur> Entrepreneurs => Set<Entrepreneur>();

    public DbSet<KnownVeteran> KnownVeterans => Set<KnownVeteran>();

    public DbSet<Business> Businesses => Set<Business>();

    public DbSet<Employee> Employees => Set<Employee>();

    public DbSet<RevenueReport> RevenueReports => Set<RevenueReport>();

    public DbSet<Park> Parks => Set<Park>();

    public DbSet<Tenancy> Tenancies => Set<Tenancy>();

    public DbSet<StartupSubsidy> StartupSubsidies => Set<StartupSubsidy>();

    public DbSet<Loan> Loans => Set<Loan>();

    public DbSet<LoanParticipant> LoanParticipants => Set<LoanParticipant>();

    public DbSet<LoanRepayment> Repayments => Set<LoanRepayment>();

    public DbSet<SubsidyClaim> SubsidyClaims => Set<SubsidyClaim>();

    public DbSet<Mentor> Mentors => Set<Mentor>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<MentoringSession> MentoringSessions => Set<MentoringSession>();

    public DbSet<StartupSubsidyStandard> SubsidyStandards => Set<StartupSubsidyStandard>();

    public DbSet<LoanRule> LoanRules => Set<LoanRule>();

    public DbSet<PrimeRate> PrimeRates => Set<PrimeRate>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ConfigureFounders(modelBuilder);
        ConfigureParks(modelBuilder);
        ConfigureLoans(modelBuilder);
        ConfigureMentors(modelBuilder);
        ConfigureReference(modelBuilder);
    }

    private static void ConfigureFounders(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Entrepreneur>(founder =>
        {
            founder.ToTable("entrepreneurs");
            founder.HasKey(e => e.Id);
            founder.Property(e => e.Id).ValueGeneratedNever();
            founder.OwnsPersonalData(e => e.Person, "person", unique: true);
            founder.Property(e => e.Name).HasMaxLength(50).IsRequired();
            founder.Property(e => e.Category).HasConversion<string>().HasMaxLength(24);
            founder.Property(e => e.FormerWorkplace).HasMaxLength(200).IsRequired();
            Region(founder.Property(e => e.RegionCode));
            founder.Property(e => e.RegisteredBy).HasMaxLength(200).IsRequired();
            founder.HasIndex(e => new { e.RegisteredAt, e.Id });
            founder.HasIndex(e => new { e.RegionCode, e.RegisteredAt, e.Id });
            founder.HasIndex(e => new { e.Category, e.RegisteredAt, e.Id });

            // Statistics count founders of a region (a range) registered up to a day from this index alone.
            founder.HasIndex(e => new { e.RegionCode, e.RegisteredOn, e.Category }).HasDatabaseName("IX_entrepreneurs_statistics");
        });

        modelBuilder.Entity<KnownVeteran>(veteran =>
        {
            veteran.ToTable("known_veterans");
            veteran.HasKey(v => v.PersonBlindIndex);
            veteran.Property(v => v.PersonBlindIndex).HasMaxLength(64);
            veteran.Property(v => v.Category).HasMaxLength(24).IsRequired();
            Region(veteran.Property(v => v.RegionCode));
        });

        modelBuilder.Entity<Business>(business =>
        {
            business.ToTable("businesses");
            business.HasKey(b => b.Id);
            business.Property(b => b.Id).ValueGeneratedNever();
            business.Property(b => b.CreditCode).HasMaxLength(18).IsFixedLength().IsRequired();
            business.Property(b => b.Name).HasMaxLength(200).IsRequired();
            business.Property(b => b.Industry).HasConversion<string>().HasMaxLength(16);
            business.Property(b => b.LegalForm).HasConversion<string>().HasMaxLength(24);
            business.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
            Region(business.Property(b => b.RegionCode));
            business.Property(b => b.Address).HasMaxLength(300).IsRequired();
            business.Property(b => b.RecordedBy).HasMaxLength(200).IsRequired();
            business.HasIndex(b => b.CreditCode).IsUnique();
            business.HasIndex(b => new { b.EntrepreneurId, b.RegisteredOn });
            business.HasIndex(b => new { b.RecordedAt, b.Id });
            business.HasIndex(b => new { b.RegionCode, b.RecordedAt, b.Id });
            business.HasIndex(b => new { b.Industry, b.RecordedAt, b.Id });
            business.HasIndex(b => new { b.ParkId, b.RecordedAt, b.Id });

            // Statistics: businesses of a region registered up to a day, their status and jobs, from the index alone.
            business.HasIndex(b => new { b.RegionCode, b.RegisteredOn, b.Status, b.JobsCreated, b.Industry }).HasDatabaseName("IX_businesses_statistics");
        });

        modelBuilder.Entity<Employee>(employee =>
        {
            employee.ToTable("employees");
            employee.HasKey(e => e.Id);
            employee.Property(e => e.Id).ValueGeneratedNever();
            employee.OwnsPersonalData(e => e.Person, "person", unique: false);
            employee.Property(e => e.Name).HasMaxLength(50).IsRequired();
            employee.Property(e => e.RecordedBy).HasMaxLength(200).IsRequired();
            employee.HasIndex(e => new { e.BusinessId, e.StartedOn });
        });

        modelBuilder.Entity<RevenueReport>(report =>
        {
            report.ToTable("revenue_reports");
            report.HasKey(r => r.Id);
            report.Property(r => r.Id).ValueGeneratedNever();
            report.Property(r => r.Revenue).HasPrecision(16, 2);
            report.Property(r => r.ReportedBy).HasMaxLength(200).IsRequired();
            report.HasIndex(r => new { r.BusinessId, r.Year }).IsUnique();
        });
    }

    private static void ConfigureParks(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Park>(park =>
        {
            park.ToTable("parks");
            park.HasKey(p => p.Id);
            park.Property(p => p.Id).ValueGeneratedNever();
            park.Property(p => p.Name).HasMaxLength(200).IsRequired();
            park.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
            park.Property(p => p.Level).HasConversion<string>().HasMaxLength(16);
            Region(park.Property(p => p.RegionCode));
            park.Property(p => p.Operator).HasMaxLength(200).IsRequired();
            park.HasIndex(p => new { p.RegionCode, p.Kind, p.Level });

            // The search pages newest first, over all parks the caller sees or those of a county.
            park.HasIndex(p => new { p.RecordedAt, p.Id });
            park.HasIndex(p => new { p.RegionCode, p.RecordedAt, p.Id });
        });

        modelBuilder.Entity<Tenancy>(tenancy =>
        {
            tenancy.ToTable("tenancies");
            tenancy.HasKey(t => t.Id);
            tenancy.Property(t => t.Id).ValueGeneratedNever();
            tenancy.HasIndex(t => new { t.ParkId, t.From, t.Id });
            tenancy.HasIndex(t => t.BusinessId);
            tenancy.HasIndex(t => t.OpenSlot).IsUnique();
        });
    }

    private static void ConfigureLoans(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StartupSubsidy>(subsidy =>
        {
            subsidy.ToTable("startup_subsidies");
            subsidy.HasKey(s => s.Id);
            subsidy.Property(s => s.Id).ValueGeneratedNever();
            subsidy.Property(s => s.PersonSlot).HasMaxLength(64);
            Region(subsidy.Property(s => s.RegionCode));
            subsidy.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            subsidy.Property(s => s.Amount).HasPrecision(12, 2);
            subsidy.Property(s => s.AppliedBy).HasMaxLength(200).IsRequired();
            subsidy.Property(s => s.DecidedBy).HasMaxLength(200);
            subsidy.Property(s => s.DecisionNote).HasMaxLength(500);
            subsidy.Property(s => s.PaymentReference).HasMaxLength(64);
            subsidy.Property(s => s.PaidBy).HasMaxLength(200);
            subsidy.HasIndex(s => s.PersonSlot).IsUnique();
            subsidy.HasIndex(s => s.PaymentReference).IsUnique();
            subsidy.HasIndex(s => s.EntrepreneurId);
            subsidy.HasIndex(s => new { s.RegionCode, s.AppliedAt, s.Id });
            subsidy.HasIndex(s => new { s.Status, s.AppliedAt, s.Id });
            subsidy.HasIndex(s => new { s.PaidOn, s.RegionCode, s.Amount }).HasDatabaseName("IX_startup_subsidies_statistics");
        });

        modelBuilder.Entity<Loan>(loan =>
        {
            loan.ToTable("loans");
            loan.HasKey(l => l.Id);
            loan.Property(l => l.Id).ValueGeneratedNever();
            loan.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
            Region(loan.Property(l => l.RegionCode));
            loan.Property(l => l.BankCode).HasMaxLength(18).IsFixedLength().IsRequired();
            loan.Property(l => l.BankName).HasMaxLength(200).IsRequired();
            loan.Property(l => l.GuaranteeFundCode).HasMaxLength(18).IsFixedLength().IsRequired();
            loan.Property(l => l.Method).HasConversion<string>().HasMaxLength(16);
            loan.Property(l => l.Purpose).HasMaxLength(500).IsRequired();
            loan.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
            loan.Property(l => l.AppliedBy).HasMaxLength(200).IsRequired();
            loan.Property(l => l.GuaranteeApprovedBy).HasMaxLength(200);
            loan.Property(l => l.GuaranteeContract).HasMaxLength(64);
            loan.Property(l => l.BankApprovedBy).HasMaxLength(200);
            loan.Property(l => l.LoanContract).HasMaxLength(64);
            loan.Property(l => l.DecisionNote).HasMaxLength(500);
            foreach (var money in new[] { nameof(Loan.RequestedAmount), nameof(Loan.Cap), nameof(Loan.Amount), nameof(Loan.Outstanding), nameof(Loan.CompensationAmount) })
            {
                loan.Property(money).HasPrecision(14, 2);
            }

            foreach (var rate in new[] { nameof(Loan.ContractRatePercent), nameof(Loan.PrimeRatePercent), nameof(Loan.BorrowerRatePercent) })
            {
                loan.Property(rate).HasPrecision(7, 4);
            }

            loan.Ignore(l => l.Terms);
            loan.HasIndex(l => new { l.RegionCode, l.AppliedAt, l.Id });
            loan.HasIndex(l => new { l.Status, l.AppliedAt, l.Id });
            loan.HasIndex(l => new { l.EntrepreneurId, l.AppliedAt });

            // A bank's monthly claim reads its loans paid out by the month's end from this index.
            loan.HasIndex(l => new { l.BankCode, l.DisbursedOn, l.Status }).HasDatabaseName("IX_loans_bank_claim");

            // The daily standing check finds the loans with a due day passed.
            loan.HasIndex(l => new { l.NextCheckOn, l.Status });

            // Statistics: loans of a region paid out in a period, outstanding and status, from the index alone.
            loan.HasIndex(l => new { l.RegionCode, l.DisbursedOn, l.Status, l.Amount, l.Outstanding }).HasDatabaseName("IX_loans_statistics");
        });

        modelBuilder.Entity<LoanParticipant>(participant =>
        {
            participant.ToTable("loan_participants");
            participant.HasKey(p => p.Id);
            participant.Property(p => p.Id).ValueGeneratedNever();
            participant.HasIndex(p => new { p.LoanId, p.EntrepreneurId }).IsUnique();
            participant.HasIndex(p => p.EntrepreneurId);
            participant.HasIndex(p => p.OpenSlot).IsUnique();
        });

        modelBuilder.Entity<LoanRepayment>(repayment =>
        {
            repayment.ToTable("loan_repayments");
            repayment.HasKey(r => r.Id);
            repayment.Property(r => r.Id).ValueGeneratedNever();
            repayment.Property(r => r.Principal).HasPrecision(14, 2);
            repayment.Property(r => r.Interest).HasPrecision(14, 2);
            repayment.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
            repayment.Property(r => r.Reference).HasMaxLength(64).IsRequired();
            repayment.Property(r => r.RecordedBy).HasMaxLength(200).IsRequired();
            repayment.HasIndex(r => new { r.LoanId, r.Reference }).IsUnique();

            // The claim reads every repayment of a loan up to the month's end from the index alone.
            repayment.HasIndex(r => new { r.LoanId, r.PaidOn, r.Principal, r.Interest }).HasDatabaseName("IX_loan_repayments_standing");
        });

        modelBuilder.Entity<SubsidyClaim>(claim =>
        {
            claim.ToTable("subsidy_claims");
            claim.HasKey(c => c.Id);
            claim.Property(c => c.Id).ValueGeneratedNever();
            claim.Property(c => c.BankCode).HasMaxLength(18).IsFixedLength().IsRequired();
            Region(claim.Property(c => c.RegionCode));
            foreach (var money in new[] { nameof(SubsidyClaim.InterestDue), nameof(SubsidyClaim.BorrowerShare), nameof(SubsidyClaim.Subsidy) })
            {
                claim.Property(money).HasPrecision(16, 2);
            }

            claim.Property(c => c.CreatedBy).HasMaxLength(200).IsRequired();
            claim.HasIndex(c => new { c.BankCode, c.Month, c.RegionCode }).IsUnique();
            claim.HasIndex(c => new { c.Month, c.RegionCode });
        });
    }

    private static void ConfigureMentors(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Mentor>(mentor =>
        {
            mentor.ToTable("mentors");
            mentor.HasKey(m => m.Id);
            mentor.Property(m => m.Id).ValueGeneratedNever();
            mentor.Property(m => m.Name).HasMaxLength(50).IsRequired();
            mentor.Property(m => m.Organisation).HasMaxLength(200).IsRequired();
            mentor.Property(m => m.Industries).HasMaxLength(300).IsRequired();
            Region(mentor.Property(m => m.RegionCode));
            mentor.Property(m => m.Expertise).HasMaxLength(500).IsRequired();
            mentor.Property(m => m.RecordedBy).HasMaxLength(200).IsRequired();
            mentor.Ignore(m => m.IndustryList);
            mentor.HasIndex(m => new { m.Active, m.RegionCode });
            mentor.HasIndex(m => new { m.RecordedAt, m.Id });
        });

        modelBuilder.Entity<Project>(project =>
        {
            project.ToTable("projects");
            project.HasKey(p => p.Id);
            project.Property(p => p.Id).ValueGeneratedNever();
            project.Property(p => p.Title).HasMaxLength(200).IsRequired();
            project.Property(p => p.Industry).HasConversion<string>().HasMaxLength(16);
            Region(project.Property(p => p.RegionCode));
            project.Property(p => p.Investment).HasPrecision(14, 2);
            project.Property(p => p.Description).HasMaxLength(2000).IsRequired();
            project.Property(p => p.RecordedBy).HasMaxLength(200).IsRequired();
            project.HasIndex(p => new { p.Open, p.Industry, p.RegionCode });
            project.HasIndex(p => new { p.RecordedAt, p.Id });
        });

        modelBuilder.Entity<MentoringSession>(session =>
        {
            session.ToTable("mentoring_sessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).ValueGeneratedNever();
            session.Property(s => s.Hours).HasPrecision(5, 2);
            session.Property(s => s.Topic).HasMaxLength(200).IsRequired();
            session.Property(s => s.Notes).HasMaxLength(2000).IsRequired();
            session.Property(s => s.RecordedBy).HasMaxLength(200).IsRequired();
            session.HasIndex(s => new { s.EntrepreneurId, s.HeldOn });
            session.HasIndex(s => new { s.MentorId, s.HeldOn });
        });
    }

    private static void ConfigureReference(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StartupSubsidyStandard>(standard =>
        {
            standard.ToTable("startup_subsidy_standards");
            standard.HasKey(s => s.Id);
            standard.Property(s => s.Id).ValueGeneratedNever();
            Region(standard.Property(s => s.RegionCode));
            standard.Property(s => s.Amount).HasPrecision(12, 2);
            standard.Property(s => s.Source).HasMaxLength(200).IsRequired();
            standard.HasIndex(s => new { s.RegionCode, s.EffectiveFrom }).IsUnique();
        });

        modelBuilder.Entity<LoanRule>(rule =>
        {
            rule.ToTable("loan_rules");
            rule.HasKey(r => r.Id);
            rule.Property(r => r.Id).ValueGeneratedNever();
            Region(rule.Property(r => r.RegionCode));
            rule.Property(r => r.IndividualCap).HasPrecision(14, 2);
            rule.Property(r => r.EnterpriseCap).HasPrecision(14, 2);
            rule.Property(r => r.PartnershipUpliftPercent).HasPrecision(5, 2);
            rule.Property(r => r.Source).HasMaxLength(200).IsRequired();
            rule.HasIndex(r => new { r.RegionCode, r.EffectiveFrom }).IsUnique();
        });

        modelBuilder.Entity<PrimeRate>(rate =>
        {
            rate.ToTable("prime_rates");
            rate.HasKey(r => r.Id);
            rate.Property(r => r.Id).ValueGeneratedNever();
            rate.Property(r => r.OneYearPercent).HasPrecision(7, 4);
            rate.HasIndex(r => r.EffectiveFrom).IsUnique();
        });
    }

    private static void Region(PropertyBuilder<string> property) => property.HasMaxLength(6).IsFixedLength().IsRequired();
}
