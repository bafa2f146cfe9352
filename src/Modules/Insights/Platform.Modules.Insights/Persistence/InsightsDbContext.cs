using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.Modules.Insights.Domain;

namespace Platform.Modules.Insights.Persistence;

/// <summary>
/// The module's data: indicators and targets (reference data of the bureaus), the events counted (one row
/// per integration event received) and the counters per indicator, region and day built from them. Nothing
/// here is another module's table.
/// </summary>
internal class InsightsDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "Insights";

    public override string ModuleName => Module;

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<Target> Targets => Set<Target>();

    public DbSet<CountedEvent> Events => Set<CountedEvent>();

    public DbSet<Counter> Counters => Set<Counter>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Indicator>(indicator =>
        {
            indicator.ToTable("indicators");
            indicator.HasKey(i => i.Code);
            indicator.Property(i => i.Code).HasMaxLength(64);
            indicator.Property(i => i.NameZh).HasMaxLength(100).IsRequired();
            indicator.Property(i => i.NameEn).HasMaxLength(200).IsRequired();
            indicator.Property(i => i.Unit).HasMaxLength(16).IsRequired();
            indicator.Property(i => i.EventName).HasMaxLength(100);
            indicator.Property(i => i.Measure).HasConversion<string>().HasMaxLength(16);
            indicator.Property(i => i.Filter).HasMaxLength(500).IsRequired();
            indicator.Property(i => i.Description).HasMaxLength(1000).IsRequired();
            indicator.HasIndex(i => i.EventName);
        });

        modelBuilder.Entity<Target>(target =>
        {
            target.ToTable("targets");
            target.HasKey(t => t.Id);
            target.Property(t => t.Id).ValueGeneratedNever();
            target.Property(t => t.IndicatorCode).HasMaxLength(64).IsRequired();
            target.Property(t => t.RegionCode).HasMaxLength(6).IsFixedLength().IsRequired();
            target.Property(t => t.Kind).HasConversion<string>().HasMaxLength(16);
            target.Property(t => t.Value).HasPrecision(18, 2);
            target.Property(t => t.Baseline).HasPrecision(18, 2);
            target.Property(t => t.Source).HasMaxLength(300).IsRequired();
            target.Property(t => t.Quote).HasMaxLength(1000).IsRequired();
            target.Property(t => t.UpdatedBy).HasMaxLength(200).IsRequired();
            target.HasIndex(t => new { t.RegionCode, t.IndicatorCode, t.FromYear, t.ToYear }).IsUnique();
            target.HasIndex(t => new { t.IndicatorCode, t.FromYear, t.ToYear });
        });

        modelBuilder.Entity<CountedEvent>(counted =>
        {
            counted.ToTable("counted_events");
            counted.HasKey(e => e.EventId);
            counted.Property(e => e.EventId).ValueGeneratedNever();
            counted.Property(e => e.EventName).HasMaxLength(100).IsRequired();
            counted.Property(e => e.RegionCode).HasMaxLength(6).IsFixedLength().IsRequired();
            counted.Property(e => e.PersonBlindIndex).HasMaxLength(64);
            counted.Property(e => e.Amount).HasPrecision(18, 2);
            counted.Property(e => e.Attributes).HasMaxLength(1000).IsRequired();

            // A person's journey, in day order; and a distinct person's earlier events.
            counted.HasIndex(e => new { e.PersonBlindIndex, e.Day, e.ReceivedAt });

            // Rebuilding an indicator reads its event's rows (in id order: ids are time-ordered version 7 GUIDs, so a
            // batch of new events is appended at the end of its event's range rather than spread over the days).
            counted.HasIndex(e => new { e.EventName, e.EventId });
        });

        modelBuilder.Entity<Counter>(counter =>
        {
            counter.ToTable("counters");
            counter.HasKey(c => new { c.IndicatorCode, c.RegionCode, c.Day });
            counter.Property(c => c.IndicatorCode).HasMaxLength(64);
            counter.Property(c => c.RegionCode).HasMaxLength(6).IsFixedLength();
            counter.Property(c => c.Value).HasPrecision(20, 2);

            // Progress for a region and period sums one key range of the primary key per indicator; comparing the
            // cities of a province, one range per city. No secondary index: each counter change writes one b-tree
            // entry. On SQLite the table is WITHOUT ROWID (migration CountersWithoutRowId), so the key's b-tree holds
            // the values and a range is read from it alone.
        });
    }
}
