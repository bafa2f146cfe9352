using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.Platform.Persistence;

/// <summary>The Platform module's data: region reference data and its outbox.</summary>
internal class PlatformDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public override string ModuleName => "Platform";

    public DbSet<RegionRecord> Regions => Set<RegionRecord>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RegionRecord>(region =>
        {
            region.ToTable("regions");
            region.HasKey(r => r.Code);
            region.Property(r => r.Code).HasMaxLength(6).IsFixedLength();
            region.Property(r => r.Name).HasMaxLength(50).IsRequired();
            region.Property(r => r.NameEn).HasMaxLength(100);
            region.Property(r => r.Level).HasConversion<string>().HasMaxLength(16);
            region.Property(r => r.ParentCode).HasMaxLength(6).IsFixedLength();
            region.HasIndex(r => r.ParentCode);
        });
    }
}
