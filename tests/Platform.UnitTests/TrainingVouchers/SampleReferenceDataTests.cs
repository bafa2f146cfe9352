using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.ReferenceData;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Persistence;
using Platform.Modules.TrainingVouchers.Persistence.Seeding;

namespace Platform.UnitTests.TrainingVouchers;

/// <summary>The sample reference data is consistent, and its seeder only ever adds what is missing.</summary>
public sealed class SampleReferenceDataTests
{
    private static readonly OccupationField[] MainFields =
    [
        OccupationField.PhotovoltaicElectronics,
        OccupationField.TourismCatering,
        OccupationField.DomesticElderlyCare,
        OccupationField.Construction,
        OccupationField.EcommerceLivestream,
        OccupationField.Agriculture,
    ];

    private static readonly DateOnly Day = new(2026, 6, 1);

    [Fact]
    public void Every_institution_credit_code_is_a_valid_code_of_the_institutions_county()
    {
        foreach (var institution in SampleReferenceData.Institutions())
        {
            Assert.True(
                UnifiedSocialCreditCode.TryParse(institution.CreditCode, out var code, out var error),
                $"{institution.Name}: {institution.CreditCode} ({error})");
            Assert.Equal(institution.CreditCode, code.Value);
            Assert.Equal(institution.RegionCode, code.RegionCode);
        }
    }

    [Fact]
    public void Every_licence_names_an_existing_occupation_at_a_level_it_offers()
    {
        var occupations = SampleReferenceData.Occupations().ToDictionary(o => o.Code);
        foreach (var institution in SampleReferenceData.Institutions())
        {
            foreach (var licence in institution.Licences)
            {
                Assert.Equal(institution.CreditCode, licence.InstitutionCode);
                Assert.True(occupations.TryGetValue(licence.OccupationCode, out var occupation), $"{institution.Name}: no occupation {licence.OccupationCode}");
                Assert.True(occupation.Offers(licence.Level, licence.ValidFrom), $"{institution.Name}: {occupation.Name} is not offered at {licence.Level}");
                Assert.True(institution.IsLicensedFor(licence.OccupationCode, licence.Level, Day));
            }
        }
    }

    [Fact]
    public void Every_institution_holds_three_to_eight_licences()
    {
        Assert.All(SampleReferenceData.Institutions(), institution => Assert.InRange(institution.Licences.Count, 3, 8));
    }

    [Fact]
    public void Every_offered_level_has_a_province_standard_in_Sichuan_and_in_Chongqing()
    {
        var standards = SampleReferenceData.Standards();
        foreach (var occupation in SampleReferenceData.Occupations())
        {
            foreach (var level in occupation.LevelList)
            {
                foreach (var province in new[] { SampleReferenceData.Sichuan, SampleReferenceData.Chongqing })
                {
                    Assert.Contains(standards, s => s.OccupationCode == occupation.Code && s.Level == level && s.RegionCode == province);
                }
            }
        }
    }

    [Fact]
    public void Every_standard_names_an_existing_occupation_at_a_level_it_offers()
    {
        var occupations = SampleReferenceData.Occupations().ToDictionary(o => o.Code);
        Assert.All(SampleReferenceData.Standards(), standard =>
        {
            Assert.True(occupations.TryGetValue(standard.OccupationCode, out var occupation), standard.OccupationCode);
            Assert.True(occupation.Offers(standard.Level, standard.EffectiveFrom), $"{standard.OccupationCode} {standard.Level}");
            Assert.Equal(SampleReferenceData.ProvinceAmount(standard.Level), standard.Amount);
        });
    }

    [Fact]
    public void No_two_standards_of_one_occupation_and_level_overlap_in_a_region()
    {
        foreach (var group in SampleReferenceData.Standards().GroupBy(s => (s.OccupationCode, s.Level)))
        {
            Assert.Empty(RegionalRules.Overlaps(group));
        }
    }

    [Fact]
    public void The_program_rules_of_both_provinces_hold_the_default_figures_without_overlapping()
    {
        var rules = SampleReferenceData.Rules();

        Assert.Equal([SampleReferenceData.Chongqing, SampleReferenceData.Sichuan], rules.Select(r => r.RegionCode).Order());
        Assert.Empty(RegionalRules.Overlaps(rules));
        Assert.All(rules, r =>
        {
            Assert.Equal(SampleReferenceData.EffectiveFrom, r.EffectiveFrom);
            Assert.Null(r.EffectiveTo);
            Assert.Equal((3, 180, 16, 60), (r.YearlyQuota, r.ValidityDays, r.MinimumAge, r.MaximumAge));
            Assert.Equal(TraineeGroupSets.All, r.EligibleGroups);
            Assert.Equal((80m, 0m), (r.AttendanceThresholdPercent, r.FailedSharePercent));
            Assert.True(r.CrossProvinceRecognition);
        });
    }

    [Fact]
    public void Keys_and_ids_are_unique()
    {
        AssertUnique(SampleReferenceData.Occupations().Select(o => o.Code));
        AssertUnique(SampleReferenceData.Institutions().Select(i => i.CreditCode));
        AssertUnique(SampleReferenceData.Rules().Select(r => r.Id)
            .Concat(SampleReferenceData.Standards().Select(s => s.Id))
            .Concat(SampleReferenceData.Licences().Select(l => l.Id)));
        AssertUnique(SampleReferenceData.Standards().Select(s => (s.OccupationCode, s.Level, s.RegionCode, s.EffectiveFrom)));
        AssertUnique(SampleReferenceData.Licences().Select(l => (l.InstitutionCode, l.OccupationCode, l.Level)));
        Assert.DoesNotContain(Guid.Empty, SampleReferenceData.Standards().Select(s => s.Id));
    }

    [Fact]
    public void Ids_are_stable_across_calls()
    {
        Assert.Equal(SampleReferenceData.Rules().Select(r => r.Id), SampleReferenceData.Rules().Select(r => r.Id));
        Assert.Equal(SampleReferenceData.Standards().Select(s => s.Id), SampleReferenceData.Standards().Select(s => s.Id));
        Assert.Equal(SampleReferenceData.Licences().Select(l => l.Id), SampleReferenceData.Licences().Select(l => l.Id));
        Assert.Equal(SampleIds.For("ProgramRules|510000|2021-01-01"), SampleReferenceData.Rules().Single(r => r.RegionCode == "510000").Id);
    }

    [Fact]
    public void Every_call_returns_new_instances()
    {
        Assert.NotSame(SampleReferenceData.Occupations()[0], SampleReferenceData.Occupations()[0]);
        Assert.NotSame(SampleReferenceData.Institutions()[0].Licences[0], SampleReferenceData.Institutions()[0].Licences[0]);
    }

    [Fact]
    public void Every_region_code_used_is_in_the_region_catalog()
    {
        var catalog = RegionCatalog.LoadEmbedded();
        var regions = SampleReferenceData.Rules().Select(r => r.RegionCode)
            .Concat(SampleReferenceData.Standards().Select(s => s.RegionCode))
            .Concat(SampleReferenceData.Institutions().Select(i => i.RegionCode))
            .Distinct();

        Assert.All(regions, region => Assert.True(catalog.Contains(region), region));
    }

    [Fact]
    public void Every_main_field_has_at_least_four_occupations()
    {
        var occupations = SampleReferenceData.Occupations();

        Assert.All(MainFields, field => Assert.True(occupations.Count(o => o.Field == field) >= 4, field.ToString()));
        Assert.InRange(occupations.Count, 30, 40);
    }

    [Fact]
    public void Every_record_is_sample_data_in_force_from_2021_and_open_ended()
    {
        var from = new DateOnly(2021, 1, 1);
        Assert.All(SampleReferenceData.Occupations(), o => Assert.True(o.IsSample && o.EffectiveFrom == from && o.EffectiveTo is null && o.LevelList.Count > 0, o.Code));
        Assert.All(SampleReferenceData.Rules(), r => Assert.True(r.IsSample));
        Assert.All(SampleReferenceData.Standards(), s => Assert.True(s.IsSample && s.EffectiveFrom == from && s.EffectiveTo is null, s.OccupationCode));
        Assert.All(SampleReferenceData.Institutions(), i => Assert.True(i.IsSample, i.Name));
        Assert.All(SampleReferenceData.Licences(), l => Assert.True(l.ValidFrom == from && l.ValidTo is null, l.OccupationCode));
    }

    [Fact]
    public void Texts_fit_their_columns()
    {
        Assert.All(SampleReferenceData.Occupations(), o => Assert.True(o.Code.Length <= 20 && o.Name.Length <= 100 && o.NameEn.Length <= 150 && o.Levels.Length <= 100, o.Code));
        Assert.All(SampleReferenceData.Institutions(), i => Assert.True(i.Name.Length <= 200 && (i.StatusReason?.Length ?? 0) <= 500, i.Name));
    }

    [Fact]
    public void Shortage_uplifts_raise_the_face_value_in_Leshan_and_for_elderly_care_in_Chongqing()
    {
        var standards = SampleReferenceData.Standards();

        // 光伏组件制造工: Leshan's city standard wins in its counties, the rest of Sichuan keeps the province's.
        Assert.Equal(1300m, RegionalRules.InForce(standards.Where(s => s.OccupationCode == "6-24-04-04" && s.Level == SkillLevel.Level5), "511112", Day)?.FaceValue);
        Assert.Equal(1000m, RegionalRules.InForce(standards.Where(s => s.OccupationCode == "6-24-04-04" && s.Level == SkillLevel.Level5), "510703", Day)?.FaceValue);
        Assert.Equal(1000m, RegionalRules.InForce(standards.Where(s => s.OccupationCode == "6-24-04-04" && s.Level == SkillLevel.Level5), "500101", Day)?.FaceValue);

        // 养老护理员: raised across Chongqing, not in Sichuan.
        Assert.Equal(1950m, RegionalRules.InForce(standards.Where(s => s.OccupationCode == "4-10-01-05" && s.Level == SkillLevel.Level4), "500107", Day)?.FaceValue);
        Assert.Equal(1500m, RegionalRules.InForce(standards.Where(s => s.OccupationCode == "4-10-01-05" && s.Level == SkillLevel.Level4), "510104", Day)?.FaceValue);

        Assert.Equal(10, standards.Count(s => s.RegionCode == SampleReferenceData.Leshan));
        Assert.All(standards.Where(s => s.ShortageUpliftPercent != 0), s => Assert.Equal(30m, s.ShortageUpliftPercent));
    }

    [Fact]
    public void One_institution_is_suspended_with_a_reason_and_the_others_are_approved()
    {
        var institutions = SampleReferenceData.Institutions();

        var suspended = Assert.Single(institutions, i => i.Status != InstitutionStatus.Approved);
        Assert.Equal(InstitutionStatus.Suspended, suspended.Status);
        Assert.False(string.IsNullOrWhiteSpace(suspended.StatusReason));
        Assert.All(institutions.Where(i => i.Status == InstitutionStatus.Approved), i =>
        {
            Assert.Null(i.StatusReason);
            Assert.Equal(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), i.StatusChangedAt);
        });
        Assert.Contains(institutions, i => i.RegionCode.StartsWith("50", StringComparison.Ordinal) && i.Status == InstitutionStatus.Approved);
        Assert.Contains(institutions, i => i.RegionCode.StartsWith("5111", StringComparison.Ordinal) && i.Status == InstitutionStatus.Approved);
    }

    [Fact]
    public async Task Seeding_an_empty_database_inserts_every_sample_record()
    {
        using var database = new SeedDatabase();
        var cancellationToken = TestContext.Current.CancellationToken;

        await database.SeedAsync(cancellationToken);

        await using var db = database.Open();
        Assert.Equal(SampleReferenceData.Occupations().Count, await db.Occupations.CountAsync(cancellationToken));
        Assert.Equal(SampleReferenceData.Rules().Count, await db.ProgramRules.CountAsync(cancellationToken));
        Assert.Equal(SampleReferenceData.Standards().Count, await db.SubsidyStandards.CountAsync(cancellationToken));
        Assert.Equal(SampleReferenceData.Institutions().Count, await db.Institutions.CountAsync(cancellationToken));
        Assert.Equal(SampleReferenceData.Licences().Count, await db.InstitutionLicences.CountAsync(cancellationToken));
        var institution = await db.Institutions.Include(i => i.Licences).SingleAsync(i => i.CreditCode == "52511112MJ00010291", cancellationToken);
        Assert.True(institution.IsLicensedFor("Z-51-001", SkillLevel.SpecialAbility, Day));
        Assert.Equal(1, institution.Version);
    }

    [Fact]
    public async Task Seeding_again_adds_only_what_is_missing_and_keeps_an_operators_changes()
    {
        using var database = new SeedDatabase();
        var cancellationToken = TestContext.Current.CancellationToken;
        await database.SeedAsync(cancellationToken);
        var standardId = SampleReferenceData.Standards().First(s => s.RegionCode == SampleReferenceData.Sichuan).Id;
        var removedLicence = SampleReferenceData.Licences()[0];
        var replacedStandard = SampleReferenceData.Standards().First(s => s.RegionCode == SampleReferenceData.Chongqing);
        await using (var db = database.Open())
        {
            (await db.Occupations.SingleAsync(o => o.Code == "6-31-01-03", cancellationToken)).Name = "电工（本地目录）";
            (await db.SubsidyStandards.SingleAsync(s => s.Id == standardId, cancellationToken)).Amount = 1234m;
            (await db.Institutions.SingleAsync(i => i.CreditCode == "52511102MJ0001010L", cancellationToken)).Status = InstitutionStatus.Revoked;
            db.InstitutionLicences.Remove(await db.InstitutionLicences.SingleAsync(l => l.Id == removedLicence.Id, cancellationToken));
            db.SubsidyStandards.Remove(await db.SubsidyStandards.SingleAsync(s => s.Id == replacedStandard.Id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
            db.SubsidyStandards.Add(new SubsidyStandard
            {
                Id = Guid.NewGuid(),
                OccupationCode = replacedStandard.OccupationCode,
                Level = replacedStandard.Level,
                RegionCode = replacedStandard.RegionCode,
                EffectiveFrom = replacedStandard.EffectiveFrom,
                Amount = 999m,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await database.SeedAsync(cancellationToken);
        await database.SeedAsync(cancellationToken);

        await using (var db = database.Open())
        {
            Assert.Equal("电工（本地目录）", (await db.Occupations.SingleAsync(o => o.Code == "6-31-01-03", cancellationToken)).Name);
            Assert.Equal(1234m, (await db.SubsidyStandards.SingleAsync(s => s.Id == standardId, cancellationToken)).Amount);
            Assert.Equal(InstitutionStatus.Revoked, (await db.Institutions.SingleAsync(i => i.CreditCode == "52511102MJ0001010L", cancellationToken)).Status);
            Assert.True(await db.InstitutionLicences.AnyAsync(l => l.Id == removedLicence.Id, cancellationToken));
            var slot = await db.SubsidyStandards
                .Where(s => s.OccupationCode == replacedStandard.OccupationCode && s.Level == replacedStandard.Level && s.RegionCode == replacedStandard.RegionCode)
                .ToListAsync(cancellationToken);
            Assert.Equal(999m, Assert.Single(slot).Amount);
            Assert.Equal(SampleReferenceData.Standards().Count, await db.SubsidyStandards.CountAsync(cancellationToken));
            Assert.Equal(SampleReferenceData.Licences().Count, await db.InstitutionLicences.CountAsync(cancellationToken));
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

        public TrainingVouchersDbContextSqlite Open() =>
            new(new DbContextOptionsBuilder<TrainingVouchersDbContextSqlite>().UseSqlite(connection).Options);

        public async Task SeedAsync(CancellationToken cancellationToken)
        {
            await using var db = Open();
            await new ReferenceDataSeeder(db).SeedAsync(cancellationToken);
        }

        public void Dispose() => connection.Dispose();
    }
}
