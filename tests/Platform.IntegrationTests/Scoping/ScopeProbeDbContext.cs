using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Contracts;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;

namespace Platform.IntegrationTests.Scoping;

/// <summary>A case of the probe module: it belongs to a region and carries a version, as program records will.</summary>
internal sealed class ProbeCase : IRegionScoped, IVersioned
{
    public const string Open = "open";
    public const string Closed = "closed";

    public Guid Id { get; set; }

    public string RegionCode { get; set; } = "";

    public string Title { get; set; } = "";

    public string Status { get; set; } = Open;

    public int Version { get; set; }
}

/// <summary>Announces that a probe case was closed; written to the probe module's outbox with the change.</summary>
[IntegrationEventName(Name)]
internal sealed record ProbeCaseClosed(Guid CaseId, string RegionCode) : IntegrationEvent
{
    public const string Name = "scope_probe.case_closed.v1";
}

/// <summary>
/// The probe module's data. It declares nothing about regions or versions beyond the interfaces on
/// <see cref="ProbeCase"/>: the filter, the write checks and the concurrency token come from <see cref="ModuleDbContext"/>.
/// </summary>
internal class ScopeProbeDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string Module = "ScopeProbe";

    public override string ModuleName => Module;

    public DbSet<ProbeCase> Cases => Set<ProbeCase>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProbeCase>(probeCase =>
        {
            probeCase.ToTable("cases");
            probeCase.HasKey(c => c.Id);
            probeCase.Property(c => c.Id).ValueGeneratedNever();
            probeCase.Property(c => c.RegionCode).HasMaxLength(6).IsFixedLength().IsRequired();
            probeCase.Property(c => c.Title).HasMaxLength(200).IsRequired();
            probeCase.Property(c => c.Status).HasMaxLength(16).IsRequired();
            probeCase.HasIndex(c => c.RegionCode);
        });
    }
}

// One derived context per provider carries that provider's migrations (Scoping/Migrations/<Provider>).

internal sealed class ScopeProbeDbContextSqlite(DbContextOptions<ScopeProbeDbContextSqlite> options) : ScopeProbeDbContext(options);

internal sealed class ScopeProbeDbContextPostgreSql(DbContextOptions<ScopeProbeDbContextPostgreSql> options) : ScopeProbeDbContext(options);

internal sealed class ScopeProbeDbContextSqlServer(DbContextOptions<ScopeProbeDbContextSqlServer> options) : ScopeProbeDbContext(options);

internal sealed class ScopeProbeSqliteDesignFactory : IDesignTimeDbContextFactory<ScopeProbeDbContextSqlite>
{
    public ScopeProbeDbContextSqlite CreateDbContext(string[] args) =>
        DesignTimeContextFactory.Create<ScopeProbeDbContextSqlite>(DatabaseProvider.Sqlite, ScopeProbeDbContext.Module);
}

internal sealed class ScopeProbePostgreSqlDesignFactory : IDesignTimeDbContextFactory<ScopeProbeDbContextPostgreSql>
{
    public ScopeProbeDbContextPostgreSql CreateDbContext(string[] args) =>
        DesignTimeContextFactory.Create<ScopeProbeDbContextPostgreSql>(DatabaseProvider.PostgreSql, ScopeProbeDbContext.Module);
}

internal sealed class ScopeProbeSqlServerDesignFactory : IDesignTimeDbContextFactory<ScopeProbeDbContextSqlServer>
{
    public ScopeProbeDbContextSqlServer CreateDbContext(string[] args) =>
        DesignTimeContextFactory.Create<ScopeProbeDbContextSqlServer>(DatabaseProvider.SqlServer, ScopeProbeDbContext.Module);
}
