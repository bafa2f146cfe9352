using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.ReferenceData;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Persistence;
using Platform.Modules.VeteranEmployment.Persistence.Seeding;

namespace Platform.UnitTests.VeteranEmployment;

/// <summary>The sample incentive standards: both provinces at the highest uplift over the announcement's validity, and a seeder that only adds what is missing.</summary>
public sealed class SampleReferenceDataTests
{
    private const string Scope = "Platform.VeteranEmployment.Sample";
    private const string Sichuan = "510000";
    private const string Chongqing = "500000";

    /// <summary>市中区, a county of Leshan.</summary>
    private const string LeshanCounty = "511102";

    private static readonly DateOnly From = new(2023, 1, 1);
    private static readonly DateOnly To = new(2027, 12, 31);

    [Fact]
    public void There_is_one_standard_of_each_kind_in_each_province()
    {
        var standards = SampleReferenceData.Standards();

        Assert.Equal(4, standards.Count);
        Assert.Equal(
            [(IncentiveKind.EmployerHiring, Chongqing), (IncentiveKind.EmployerHiring, Sichuan), (IncentiveKind.SelfEmployment, Chongqing), (IncentiveKind.SelfEmployment, Sichuan)],
            standards.Select(s => (s.Kind, s.RegionCode)).Order());
    }

    [Theory]
    [InlineData(Sichuan)]
    [InlineData(Chongqing)]
    public void Employers_get_6000_raised_by_50_percent_and_self_employment_20000_raised_by_20(string province)
    {
        var employer = SampleReferenceData.Standards().Single(s => s.RegionCode == province && s.Kind == IncentiveKind.EmployerHiring);
        var self = SampleReferenceData.Standards().Single(s => s.RegionCode == province && s.Kind == IncentiveKind.SelfEmployment);

        Assert.Equal((6_000m, 50m, 9_000.00m), (employer.BaseAmount, employer.UpliftPercent, employer.YearlyAmount));
        Assert.Equal((20_000m, 20m, 24_000.00m), (self.BaseAmount, self.UpliftPercent, self.YearlyAmount));
    }

    [Fact]
    public void Every_standard_is_sample_data_valid_over_the_announcement_for_36_months_with_a_source()
    {
        Assert.All(SampleReferenceData.Standards(), s =>
        {
            Assert.True(s.IsSample);
            Assert.Equal(From, s.EffectiveFrom);
            Assert.Equal(To, s.EffectiveTo);
            Assert.Equal(36, s.MaxMonths);
            Assert.Contains("2023", s.Source, StringComparison.Ordinal);
            Assert.Contains("14", s.Source, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_uplift_is_within_the_cap_of_its_kind()
    {
        Assert.All(SampleReferenceData.Standards(), s =>
        {
            Assert.InRange(s.UpliftPercent, 0m, IncentiveStandard.MaxUplift(s.Kind));
            Assert.Equal(s.Kind == IncentiveKind.EmployerHiring ? 6_000m : 20_000m, s.BaseAmount);
        });
    }

    [Fact]
    public void Ids_are_deterministic_and_unique()
    {
        var ids = SampleReferenceData.Standards().Select(s => s.Id).ToArray();

        Assert.Equal(ids, SampleReferenceData.Standards().Select(s => s.Id));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, ids);
        Assert.Equal(
            DeterministicGuid.For(Scope, "incentive|EmployerHiring|510000|2023-01-01"),
            SampleReferenceData.Standards().Single(s => s.Kind == IncentiveKind.EmployerHiring && s.RegionCode == Sichuan).Id);
        Assert.Equal(
            DeterministicGuid.For(Scope, "incentive|SelfEmployment|500000|2023-01-01"),
            SampleReferenceData.Standards().Single(s => s.Kind == IncentiveKind.SelfEmployment && s.RegionCode == Chongqing).Id);
    }

    [Fact]
    public void Every_call_returns_new_instances()
    {
        Assert.NotSame(SampleReferenceData.Standards()[0], SampleReferenceData.Standards()[0]);
    }

    [Fact]
    public void No_two_standards_of_a_kind_overlap_in_a_region()
    {
        foreach (var kind in SampleReferenceData.Standards().GroupBy(s => s.Kind))
        {
            Assert.Empty(RegionalRules.Overlaps(kind));
        }
    }

    [Theory]
    [InlineData(LeshanCounty, 2023, 1, 1, Sichuan)]
    [InlineData(LeshanCounty, 2027, 12, 31, Sichuan)]
    [InlineData("500107", 2025, 6, 1, Chongqing)]
    [InlineData(LeshanCounty, 2022, 12, 31, null)]
    [InlineData(LeshanCounty, 2028, 1, 1, null)]
    [InlineData("500107", 2028, 1, 1, null)]
    public void A_county_reads_its_provinces_standard_while_the_announcement_is_valid(string region, int year, int month, int day, string? province)
    {
        foreach (var kind in Enum.GetValues<IncentiveKind>())
        {
            var inForce = RegionalRules.InForce(SampleReferenceData.Standards().Where(s => s.Kind == kind), region, new DateOnly(year, month, day));

            Assert.Equal(province, inForce?.RegionCode);
        }
    }

    [Fact]
    public void Every_region_code_used_is_in_the_region_catalog()
    {
        var catalog = RegionCatalog.LoadEmbedded();

        Assert.All(SampleReferenceData.Standards(), s => Assert.True(catalog.Contains(s.RegionCode), s.RegionCode));
    }

    [Fact]
    public async Task Seeding_an_empty_database_inserts_every_sample_standard()
    {
        using var database = new SeedDatabase();
        var cancellationToken = TestContext.Current.CancellationToken;

        await database.SeedAsync(cancellationToken);

        await using var db = database.Open();
        Assert.Equal(SampleReferenceData.Standards().Count, await db.IncentiveStandards.CountAsync(cancellationToken));
        var sichuan = await db.IncentiveStandards.SingleAsync(s => s.Kind == IncentiveKind.EmployerHiring && s.RegionCode == Sichuan, cancellationToken);
        Assert.Equal((6_000m, 50m, 9_000m), (sichuan.BaseAmount, sichuan.UpliftPercent, sichuan.YearlyAmount));
        Assert.Equal((From, (DateOnly?)To), (sichuan.EffectiveFrom, sichuan.EffectiveTo));
    }

    [Fact]
    public async Task Seeding_again_adds_only_what_is_missing_and_keeps_a_bureaus_changes()
    {
        using var database = new SeedDatabase();
        var cancellationToken = TestContext.Current.CancellationToken;
        await database.SeedAsync(cancellationToken);
        var changed = SampleReferenceData.Standards().Single(s => s.Kind == IncentiveKind.EmployerHiring && s.RegionCode == Sichuan);
        var removed = SampleReferenceData.Standards().Single(s => s.Kind == IncentiveKind.SelfEmployment && s.RegionCode == Sichuan);
        var replaced = SampleReferenceData.Standards().Single(s => s.Kind == IncentiveKind.EmployerHiring && s.RegionCode == Chongqing);
        await using (var db = database.Open())
        {
            (await db.IncentiveStandards.SingleAsync(s => s.Id == changed.Id, cancellationToken)).UpliftPercent = 30m;
            db.IncentiveStandards.Remove(await db.IncentiveStandards.SingleAsync(s => s.Id == removed.Id, cancellationToken));
            db.IncentiveStandards.Remove(await db.IncentiveStandards.SingleAsync(s => s.Id == replaced.Id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            db.IncentiveStandards.Add(new IncentiveStandard
            {
                Id = Guid.NewGuid(),
                Kind = IncentiveKind.EmployerHiring,
                RegionCode = Chongqing,
                EffectiveFrom = replaced.EffectiveFrom,
                EffectiveTo = replaced.EffectiveTo,
                BaseAmount = 6_000m,
                UpliftPercent = 10m,
                Source = "重庆市财政局（测试）",
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await database.SeedAsync(cancellationToken);
        await database.SeedAsync(cancellationToken);

        await using (var db = database.Open())
        {
            Assert.Equal(30m, (await db.IncentiveStandards.SingleAsync(s => s.Id == changed.Id, cancellationToken)).UpliftPercent);
            Assert.True(await db.IncentiveStandards.AnyAsync(s => s.Id == removed.Id, cancellationToken));
            var chongqing = Assert.Single(await db.IncentiveStandards.Where(s => s.Kind == IncentiveKind.EmployerHiring && s.RegionCode == Chongqing).ToListAsync(cancellationToken));
            Assert.Equal(10m, chongqing.UpliftPercent);
            Assert.False(chongqing.IsSample);
            Assert.Equal(SampleReferenceData.Standards().Count, await db.IncentiveStandards.CountAsync(cancellationToken));
        }
    }

    /// <summary>An in-memory SQLite database with the module's schema, kept open for the test.</summary>
    private sealed class SeedDatabase : IDisposable
    {
        private readonly SqliteConnection connection = new("Data Source=:memory:");

        public SeedDatabase()
        {
            connection.Open();
            using var db = Open();
            db.Database.EnsureCreated();
        }

        public VeteranEmploymentDbContextSqlite Open() =>
            new(new DbContextOptionsBuilder<VeteranEmploymentDbContextSqlite>().UseSqlite(connection).Options);

        public async Task SeedAsync(CancellationToken cancellationToken)
        {
            await using var db = Open();
            await new ReferenceDataSeeder(db).SeedAsync(cancellationToken);
        }

        public void Dispose() => connection.Dispose();
    }
}
