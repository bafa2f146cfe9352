using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.ReferenceData;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Persistence;
using Platform.Modules.SkillMasterStudios.Persistence.Seeding;

namespace Platform.UnitTests.SkillMasterStudios;

/// <summary>The sample reference data of the studios is consistent, and its seeder only ever adds what is missing.</summary>
public sealed class SampleReferenceDataTests
{
    private const string Scope = "Platform.SkillMasterStudios.Sample";
    private const string Sichuan = "510000";
    private const string Chongqing = "500000";

    /// <summary>市中区, a county of Leshan.</summary>
    private const string LeshanCounty = "511102";

    private static readonly DateOnly Day = new(2026, 6, 1);

    [Fact]
    public void Ids_are_deterministic_across_calls()
    {
        Assert.Equal(SampleReferenceData.Rules().Select(r => r.Id), SampleReferenceData.Rules().Select(r => r.Id));
        Assert.Equal(SampleReferenceData.Standards().Select(s => s.Id), SampleReferenceData.Standards().Select(s => s.Id));
        Assert.Equal(DeterministicGuid.For(Scope, "rules|510000|2019-01-01"), SampleReferenceData.Rules().Single(r => r.RegionCode == Sichuan).Id);
        Assert.Equal(
            DeterministicGuid.For(Scope, "standard|National|500000|2011-01-01"),
            SampleReferenceData.Standards().Single(s => s.Level == StudioLevel.National && s.RegionCode == Chongqing && s.EffectiveTo is not null).Id);
    }

    [Fact]
    public void Ids_and_slots_are_unique()
    {
        var ids = SampleReferenceData.Rules().Select(r => r.Id).Concat(SampleReferenceData.Standards().Select(s => s.Id)).ToArray();

        AssertUnique(ids);
        Assert.DoesNotContain(Guid.Empty, ids);
        AssertUnique(SampleReferenceData.Rules().Select(r => (r.RegionCode, r.EffectiveFrom)));
        AssertUnique(SampleReferenceData.Standards().Select(s => (s.Level, s.RegionCode, s.EffectiveFrom)));
    }

    [Fact]
    public void Every_call_returns_new_instances()
    {
        Assert.NotSame(SampleReferenceData.Rules()[0], SampleReferenceData.Rules()[0]);
        Assert.NotSame(SampleReferenceData.Standards()[0], SampleReferenceData.Standards()[0]);
    }

    [Fact]
    public void No_two_versions_of_a_level_overlap_in_a_region()
    {
        foreach (var level in SampleReferenceData.Standards().GroupBy(s => s.Level))
        {
            Assert.Empty(RegionalRules.Overlaps(level));
        }

        Assert.Empty(RegionalRules.Overlaps(SampleReferenceData.Rules()));
    }

    [Fact]
    public void The_program_rules_of_both_provinces_hold_the_default_figures_from_2019()
    {
        var rules = SampleReferenceData.Rules();

        Assert.Equal([Chongqing, Sichuan], rules.Select(r => r.RegionCode).Order());
        Assert.All(rules, r =>
        {
            Assert.True(r.IsSample);
            Assert.Equal(new DateOnly(2019, 1, 1), r.EffectiveFrom);
            Assert.Null(r.EffectiveTo);
            Assert.Equal((3, 80m, 3, 2), (r.TermYears, r.MinimumAverageScore, r.MinimumExperts, r.UnqualifiedYearsBeforeRevocation));
            Assert.Equal((90m, 60m, 3, 31, 180), (r.ExcellentFrom, r.QualifiedFrom, r.ReportDueMonth, r.ReportDueDay, r.RenewalWindowDays));
            Assert.True(r.LadderRequired);
        });
    }

    [Fact]
    public void Every_record_is_sample_data_with_a_positive_amount_and_a_source()
    {
        Assert.All(SampleReferenceData.Standards(), s =>
        {
            Assert.True(s.IsSample);
            Assert.True(s.Amount > 0m);
            Assert.False(string.IsNullOrWhiteSpace(s.Source));
            Assert.True(s.EffectiveTo is null || s.EffectiveTo >= s.EffectiveFrom);
        });
    }

    [Theory]
    [InlineData(Sichuan)]
    [InlineData(Chongqing)]
    public void The_national_grant_is_100000_until_2018_and_200000_from_2019(string province)
    {
        var national = SampleReferenceData.Standards().Where(s => s.Level == StudioLevel.National && s.RegionCode == province).OrderBy(s => s.EffectiveFrom).ToArray();

        Assert.Equal(2, national.Length);
        Assert.Equal((new DateOnly(2011, 1, 1), new DateOnly(2018, 12, 31), 100_000m), (national[0].EffectiveFrom, national[0].EffectiveTo, national[0].Amount));
        Assert.Equal((new DateOnly(2019, 1, 1), (DateOnly?)null, 200_000m), (national[1].EffectiveFrom, national[1].EffectiveTo, national[1].Amount));
    }

    [Theory]
    [InlineData(LeshanCounty, 2018, 12, 31, "100000")]
    [InlineData(LeshanCounty, 2019, 1, 1, "200000")]
    [InlineData(LeshanCounty, 2011, 1, 1, "100000")]
    [InlineData("500107", 2018, 12, 31, "100000")]
    [InlineData("500107", 2019, 1, 1, "200000")]
    [InlineData("500107", 2026, 6, 1, "200000")]
    public void The_national_grant_in_force_changes_on_1_January_2019(string region, int year, int month, int day, string amount)
    {
        var national = SampleReferenceData.Standards().Where(s => s.Level == StudioLevel.National);

        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), RegionalRules.InForce(national, region, new DateOnly(year, month, day))?.Amount);
    }

    [Fact]
    public void There_is_no_national_grant_before_2011()
    {
        var national = SampleReferenceData.Standards().Where(s => s.Level == StudioLevel.National);

        Assert.Null(RegionalRules.InForce(national, LeshanCounty, new DateOnly(2010, 12, 31)));
    }

    [Theory]
    [InlineData(LeshanCounty, "511100", "50000")]
    [InlineData("511123", "511100", "50000")]
    [InlineData("511100", "511100", "50000")]
    [InlineData("510703", Sichuan, "30000")]
    [InlineData("510802", Sichuan, "30000")]
    [InlineData("510104", "510100", "100000")]
    [InlineData("500107", Chongqing, "50000")]
    public void The_municipal_grant_is_the_citys_own_where_it_set_one_and_the_provinces_elsewhere(string region, string standardRegion, string amount)
    {
        var municipal = SampleReferenceData.Standards().Where(s => s.Level == StudioLevel.Municipal);

        var inForce = RegionalRules.InForce(municipal, region, Day);

        Assert.NotNull(inForce);
        Assert.Equal(standardRegion, inForce.RegionCode);
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), inForce.Amount);
    }

    [Theory]
    [InlineData(LeshanCounty)]
    [InlineData("510703")]
    [InlineData("500107")]
    public void The_provincial_grant_is_100000_from_2019_and_there_is_none_before(string region)
    {
        var provincial = SampleReferenceData.Standards().Where(s => s.Level == StudioLevel.Provincial);

        Assert.Equal(100_000m, RegionalRules.InForce(provincial, region, Day)?.Amount);
        Assert.Null(RegionalRules.InForce(provincial, region, new DateOnly(2018, 12, 31)));
    }

    [Theory]
    [InlineData(LeshanCounty, Sichuan)]
    [InlineData("500107", Chongqing)]
    public void The_rules_in_force_for_a_county_are_its_provinces(string region, string province)
    {
        Assert.Equal(province, RegionalRules.InForce(SampleReferenceData.Rules(), region, Day)?.RegionCode);
        Assert.Null(RegionalRules.InForce(SampleReferenceData.Rules(), region, new DateOnly(2018, 12, 31)));
    }

    [Fact]
    public void Every_level_has_a_standard_in_force_today_in_every_sample_province()
    {
        foreach (var level in Enum.GetValues<StudioLevel>())
        {
            foreach (var region in new[] { LeshanCounty, "510703", "500107" })
            {
                Assert.NotNull(RegionalRules.InForce(SampleReferenceData.Standards().Where(s => s.Level == level), region, Day));
            }
        }
    }

    [Fact]
    public void Every_region_code_used_is_in_the_region_catalog()
    {
        var catalog = RegionCatalog.LoadEmbedded();
        var regions = SampleReferenceData.Rules().Select(r => r.RegionCode).Concat(SampleReferenceData.Standards().Select(s => s.RegionCode)).Distinct();

        Assert.All(regions, region => Assert.True(catalog.Contains(region), region));
    }

    [Fact]
    public async Task Seeding_an_empty_database_inserts_every_sample_record()
    {
        using var database = new SeedDatabase();
        var cancellationToken = TestContext.Current.CancellationToken;

        await database.SeedAsync(cancellationToken);

        await using var db = database.Open();
        Assert.Equal(SampleReferenceData.Rules().Count, await db.Rules.CountAsync(cancellationToken));
        Assert.Equal(SampleReferenceData.Standards().Count, await db.FundingStandards.CountAsync(cancellationToken));
        var leshan = await db.FundingStandards.SingleAsync(s => s.Level == StudioLevel.Municipal && s.RegionCode == "511100", cancellationToken);
        Assert.Equal(50_000m, leshan.Amount);
    }

    [Fact]
    public async Task Seeding_again_adds_only_what_is_missing_and_keeps_a_bureaus_changes()
    {
        using var database = new SeedDatabase();
        var cancellationToken = TestContext.Current.CancellationToken;
        await database.SeedAsync(cancellationToken);
        var changed = SampleReferenceData.Standards().First(s => s.Level == StudioLevel.Municipal && s.RegionCode == "511100");
        var removed = SampleReferenceData.Standards().First(s => s.Level == StudioLevel.Provincial && s.RegionCode == Sichuan);
        var replaced = SampleReferenceData.Rules().Single(r => r.RegionCode == Chongqing);
        await using (var db = database.Open())
        {
            (await db.FundingStandards.SingleAsync(s => s.Id == changed.Id, cancellationToken)).Amount = 60_000m;
            db.FundingStandards.Remove(await db.FundingStandards.SingleAsync(s => s.Id == removed.Id, cancellationToken));
            db.Rules.Remove(await db.Rules.SingleAsync(r => r.Id == replaced.Id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            db.Rules.Add(new StudioRules { Id = Guid.NewGuid(), RegionCode = Chongqing, EffectiveFrom = replaced.EffectiveFrom, TermYears = 5 });
            await db.SaveChangesAsync(cancellationToken);
        }

        await database.SeedAsync(cancellationToken);
        await database.SeedAsync(cancellationToken);

        await using (var db = database.Open())
        {
            Assert.Equal(60_000m, (await db.FundingStandards.SingleAsync(s => s.Id == changed.Id, cancellationToken)).Amount);
            Assert.True(await db.FundingStandards.AnyAsync(s => s.Id == removed.Id, cancellationToken));
            Assert.Equal(SampleReferenceData.Standards().Count, await db.FundingStandards.CountAsync(cancellationToken));
            var chongqing = Assert.Single(await db.Rules.Where(r => r.RegionCode == Chongqing).ToListAsync(cancellationToken));
            Assert.Equal(5, chongqing.TermYears);
            Assert.Equal(SampleReferenceData.Rules().Count, await db.Rules.CountAsync(cancellationToken));
        }
    }

    private static void AssertUnique<T>(IEnumerable<T> keys)
    {
        var duplicates = keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.Empty(duplicates);
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

        public SkillMasterStudiosDbContextSqlite Open() =>
            new(new DbContextOptionsBuilder<SkillMasterStudiosDbContextSqlite>().UseSqlite(connection).Options);

        public async Task SeedAsync(CancellationToken cancellationToken)
        {
            await using var db = Open();
            await new ReferenceDataSeeder(db).SeedAsync(cancellationToken);
        }

        public void Dispose() => connection.Dispose();
    }
}
