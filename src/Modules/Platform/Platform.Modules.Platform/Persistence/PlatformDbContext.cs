using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Modules.Platform.Persistence;

/// <summary>The Platform module's data: region reference data and its outbox.</summary>
internal class PlatformDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public override string ModuleName => "Platform";

    public DbSet<RegionRecord> Regions => Set<RegionRecord>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

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

        modelBuilder.Entity<AuditEntry>(audit =>
        {
            audit.ToTable("audit_entries");
            audit.HasKey(a => a.Sequence);
            audit.Property(a => a.Sequence).ValueGeneratedNever();
            audit.Property(a => a.Subject).HasMaxLength(200).IsRequired();
            audit.Property(a => a.Roles).HasMaxLength(200).IsRequired();
            audit.Property(a => a.Region).HasMaxLength(10).IsRequired();
            audit.Property(a => a.Action).HasMaxLength(100).IsRequired();
            audit.Property(a => a.EntityType).HasMaxLength(100);
            audit.Property(a => a.EntityId).HasMaxLength(200);
            audit.Property(a => a.Outcome).HasMaxLength(100).IsRequired();
            audit.Property(a => a.CorrelationId).HasMaxLength(64).IsRequired();
            audit.Property(a => a.PreviousHash).HasMaxLength(64).IsFixedLength().IsRequired();
            audit.Property(a => a.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
            audit.HasIndex(a => a.OccurredAt);
            audit.HasIndex(a => new { a.Subject, a.Sequence });
            audit.HasIndex(a => new { a.Action, a.Sequence });
        });

        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("idempotency_records");
            record.HasKey(r => new { r.Subject, r.Key });
            record.Property(r => r.Subject).HasMaxLength(200);
            record.Property(r => r.Key).HasMaxLength(100);
            record.Property(r => r.RequestHash).HasMaxLength(64).IsFixedLength().IsRequired();
            record.Property(r => r.ContentType).HasMaxLength(200);
            record.Property(r => r.Location).HasMaxLength(500);
            record.Property(r => r.ETag).HasMaxLength(100);
            record.HasIndex(r => r.ExpiresAt);
        });
    }
}
