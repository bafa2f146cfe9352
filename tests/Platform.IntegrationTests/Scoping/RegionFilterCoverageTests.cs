using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scoping;

/// <summary>
/// Region scoping is enforced once, centrally: every region-scoped entity of every module database
/// the host registers is filtered by the caller's region. The modules come from the host itself, so a
/// new module is covered the day it is listed; the probe host proves the check finds what it looks for.
/// </summary>
public sealed class RegionFilterCoverageTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Every_region_scoped_entity_of_every_module_in_the_host_is_filtered_by_region(DatabaseProvider provider)
    {
        await using var factory = await PlatformFactory.StartAsync(provider);

        var entities = RegionFilterCoverage.Inspect(factory.Services);

        Assert.DoesNotContain(entities, e => e.Module == ScopeProbeDbContext.Module);
        var unfiltered = entities.Where(e => !e.FilteredByRegion).ToArray();
        Assert.True(unfiltered.Length == 0, $"Region-scoped entities without a region filter: {string.Join(", ", unfiltered.AsEnumerable())}");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_check_finds_the_probe_modules_case_and_sees_it_filtered_by_region(DatabaseProvider provider)
    {
        await using var factory = await ScopeProbeHosts.StartProbeAsync(provider);

        var entities = RegionFilterCoverage.Inspect(factory.Services);

        var probeCase = Assert.Single(entities, e => e.Module == ScopeProbeDbContext.Module);
        Assert.Equal(typeof(ProbeCase), probeCase.ClrType);
        Assert.True(probeCase.FilteredByRegion);
        Assert.All(entities, e => Assert.True(e.FilteredByRegion, $"{e} has no region filter."));
    }

    [Fact]
    public void The_check_reports_a_region_scoped_entity_of_a_context_that_bypasses_the_module_base()
    {
        using var context = new BareContext(new DbContextOptionsBuilder<BareContext>().UseSqlite("Data Source=:memory:").Options);

        var found = Assert.Single(RegionFilterCoverage.Inspect("Bare", context.Model).ToArray());

        Assert.Equal(typeof(ProbeCase), found.ClrType);
        Assert.False(found.FilteredByRegion);
    }

    [Fact]
    public void The_check_rejects_a_filter_that_does_not_constrain_the_region()
    {
        using var context = new TitleFilteredContext(new DbContextOptionsBuilder<TitleFilteredContext>().UseSqlite("Data Source=:memory:").Options);

        var found = Assert.Single(RegionFilterCoverage.Inspect("TitleFiltered", context.Model).ToArray());

        Assert.False(found.FilteredByRegion);
    }

    /// <summary>A plain context, not a <see cref="ModuleDbContext"/>: nothing filters its region-scoped entity.</summary>
    private sealed class BareContext(DbContextOptions<BareContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<ProbeCase>();
    }

    /// <summary>A plain context whose filter on the region-scoped entity ignores the region.</summary>
    private sealed class TitleFilteredContext(DbContextOptions<TitleFilteredContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<ProbeCase>().HasQueryFilter(c => c.Title.StartsWith("x"));
    }
}
