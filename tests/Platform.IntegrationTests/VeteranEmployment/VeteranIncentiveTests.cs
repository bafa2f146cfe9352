using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;

namespace Platform.IntegrationTests.VeteranEmployment;

/// <summary>
/// The incentives of announcement 2023 No. 14 against hand-computed figures: Sichuan's sample standard is
/// 6,000 × 1.5 = 9,000 a year for an employer and 20,000 × 1.2 = 24,000 for self-employment, in force
/// 2023-01-01..2027-12-31; a month counts when the veteran is in a qualifying spell on at least one of its
/// days, for at most 36 months from the first, at 1/12 of the yearly amount. Also the standards themselves:
/// the uplift caps, versions closing the open one, overlaps refused, a county's standard over its province's.
/// </summary>
public sealed class VeteranIncentiveTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static readonly DateOnly Discharged = new(2021, 6, 1);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Hired_on_the_last_day_of_January_and_employed_all_year_counts_twelve_months_of_9000(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        var veteran = await HiredAsync(op, employer, new DateOnly(2024, 1, 31));

        var incentive = await HiringAsync(op, employer, 2024);

        Assert.Equal("EmployerHiring", incentive.GetProperty("kind").GetString());
        Assert.Equal(employer, incentive.GetProperty("employerCode").GetString());
        Assert.Equal(9_000.00m, incentive.GetProperty("total").GetDecimal());
        var part = Assert.Single(incentive.GetProperty("veterans").EnumerateArray());
        Assert.Equal(veteran, part.GetProperty("veteranId").GetGuid());
        Assert.True(part.GetProperty("qualifies").GetBoolean());
        Assert.Equal("2024-01-01", part.GetProperty("windowStarts").GetString());
        Assert.Equal(12, part.GetProperty("monthsCounted").GetInt32());
        Assert.Equal(9_000.00m, part.GetProperty("amount").GetDecimal());
        Assert.Contains("*", part.GetProperty("identityNumber").GetString(), StringComparison.Ordinal);
        var months = part.GetProperty("months").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"2024-{m:D2}-01"), months.Select(m => m.GetProperty("month").GetString()));
        Assert.All(months, m => Assert.Equal((true, 9_000m), (m.GetProperty("counted").GetBoolean(), m.GetProperty("yearlyAmount").GetDecimal())));
        Assert.False(string.IsNullOrWhiteSpace(incentive.GetProperty("rule").GetString()));

        // The year before the hiring: the employer had no veteran yet.
        var before = await HiringAsync(op, employer, 2023);
        Assert.Equal(0m, before.GetProperty("total").GetDecimal());
        Assert.Equal(0, before.GetProperty("veterans").GetArrayLength());
    }

    [Theory]
    [InlineData("2024-09-01", 6, 4_500.00)]
    [InlineData("2024-09-02", 7, 5_250.00)]
    [InlineData("2024-08-31", 6, 4_500.00)]
    [InlineData("2024-03-16", 1, 750.00)]
    public async Task Hired_mid_March_a_month_counts_when_employed_on_at_least_one_of_its_days(string leftOn, int months, double amount)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        var left = DateOnly.Parse(leftOn, System.Globalization.CultureInfo.InvariantCulture);
        await HiredAsync(op, employer, new DateOnly(2024, 3, 15), left);

        var part = Assert.Single((await HiringAsync(op, employer, 2024)).GetProperty("veterans").EnumerateArray());

        Assert.Equal(months, part.GetProperty("monthsCounted").GetInt32());
        Assert.Equal((decimal)amount, part.GetProperty("amount").GetDecimal());
        Assert.Equal(Enumerable.Range(3, months), Counted(part));
    }

    [Theory]
    [InlineData(11, true, 0, 0.0)]
    [InlineData(12, false, 0, 0.0)]
    [InlineData(12, true, 12, 9_000.0)]
    public async Task Only_a_labour_contract_of_at_least_twelve_months_with_social_insurance_counts(int contractMonths, bool socialInsurance, int months, double amount)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        await HiredAsync(op, employer, new DateOnly(2024, 1, 1), contractMonths: contractMonths, socialInsurance: socialInsurance);

        var incentive = await HiringAsync(op, employer, 2024);

        var part = Assert.Single(incentive.GetProperty("veterans").EnumerateArray());
        Assert.Equal(months, part.GetProperty("monthsCounted").GetInt32());
        Assert.Equal((decimal)amount, incentive.GetProperty("total").GetDecimal());
        Assert.Equal(months > 0, part.GetProperty("qualifies").GetBoolean());
        Assert.Equal(months == 0, !Kit.IsAbsent(part, "reason"));
    }

    [Fact]
    public async Task An_officer_is_listed_but_does_not_qualify_and_the_total_is_the_soldiers_alone()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        var officer = await HiredAsync(op, employer, new DateOnly(2024, 1, 1), category: "Officer");
        var other = await HiredAsync(op, employer, new DateOnly(2024, 1, 1), category: "Other");
        var soldier = await HiredAsync(op, employer, new DateOnly(2024, 7, 1));

        var incentive = await HiringAsync(op, employer, 2024);

        var parts = incentive.GetProperty("veterans").EnumerateArray().ToDictionary(p => p.GetProperty("veteranId").GetGuid());
        Assert.Equal(3, parts.Count);
        foreach (var (id, category) in new[] { (officer, "Officer"), (other, "Other") })
        {
            Assert.Equal(category, parts[id].GetProperty("category").GetString());
            Assert.False(parts[id].GetProperty("qualifies").GetBoolean());
            Assert.False(Kit.IsAbsent(parts[id], "reason"));
            Assert.Equal(0m, parts[id].GetProperty("amount").GetDecimal());
            Assert.Equal(0, parts[id].GetProperty("monthsCounted").GetInt32());
        }

        Assert.Equal(4_500.00m, parts[soldier].GetProperty("amount").GetDecimal());
        Assert.Equal(4_500.00m, incentive.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task Two_veterans_of_one_employer_add_up_and_a_move_to_another_employer_is_counted_there()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        var next = Kit.NewCreditCode();
        await HiredAsync(op, employer, new DateOnly(2024, 1, 1));
        var mover = await HiredAsync(op, employer, new DateOnly(2024, 1, 10));
        await Kit.RecordAsync(op, mover, Kit.Employed(new DateOnly(2024, 7, 1), next));

        var first = await HiringAsync(op, employer, 2024);
        var second = await HiringAsync(op, next, 2024);

        // 12 + 6 months at the first employer (the move on 1 July leaves June the last month there), 6 at the next.
        Assert.Equal(9_000.00m + 4_500.00m, first.GetProperty("total").GetDecimal());
        var moved = Assert.Single(second.GetProperty("veterans").EnumerateArray());
        Assert.Equal(Enumerable.Range(7, 6), Counted(moved));
        Assert.Equal("2024-07-01", moved.GetProperty("windowStarts").GetString());
        Assert.Equal(4_500.00m, second.GetProperty("total").GetDecimal());
    }

    [Theory]
    [InlineData(2023, 8, 6_000.00)]
    [InlineData(2024, 12, 9_000.00)]
    [InlineData(2025, 12, 9_000.00)]
    [InlineData(2026, 4, 3_000.00)]
    [InlineData(2027, 0, 0.0)]
    public async Task Months_count_for_thirty_six_months_from_the_month_of_hiring(int year, int months, double amount)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        await HiredAsync(op, employer, new DateOnly(2023, 5, 10));

        var part = Assert.Single((await HiringAsync(op, employer, year)).GetProperty("veterans").EnumerateArray());

        Assert.Equal("2023-05-01", part.GetProperty("windowStarts").GetString());
        Assert.Equal(months, part.GetProperty("monthsCounted").GetInt32());
        Assert.Equal((decimal)amount, part.GetProperty("amount").GetDecimal());
        var expected = year switch { 2023 => Enumerable.Range(5, 8), 2026 => Enumerable.Range(1, 4), 2027 => [], _ => Enumerable.Range(1, 12) };
        Assert.Equal(expected, Counted(part));
        if (year == 2026)
        {
            var may = part.GetProperty("months")[4];
            Assert.False(may.GetProperty("counted").GetBoolean());
            Assert.Contains("36", may.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(2022, 0, 0.0)]
    [InlineData(2023, 12, 9_000.00)]
    [InlineData(2025, 2, 1_500.00)]
    public async Task Months_before_the_policy_came_into_force_have_no_standard_and_count_nothing(int year, int months, double amount)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        await HiredAsync(op, employer, new DateOnly(2022, 3, 1), dischargedOn: new DateOnly(2021, 12, 1));

        var part = Assert.Single((await HiringAsync(op, employer, year)).GetProperty("veterans").EnumerateArray());

        Assert.Equal(months, part.GetProperty("monthsCounted").GetInt32());
        Assert.Equal((decimal)amount, part.GetProperty("amount").GetDecimal());
        Assert.Equal("2022-03-01", part.GetProperty("windowStarts").GetString());
        if (year == 2022)
        {
            Assert.All(part.GetProperty("months").EnumerateArray(), m => Assert.Equal(0m, m.GetProperty("yearlyAmount").GetDecimal()));
            Assert.Contains("standard", part.GetProperty("months")[5].GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 2024)]
    [InlineData(DatabaseProvider.PostgreSql, 2024)]
    [InlineData(DatabaseProvider.Sqlite, 2025)]
    [InlineData(DatabaseProvider.Sqlite, 2026)]
    [InlineData(DatabaseProvider.Sqlite, 2027)]
    public async Task Hired_on_the_leap_day_February_counts_and_the_window_ends_with_January_three_years_on(DatabaseProvider provider, int year)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        await HiredAsync(op, employer, new DateOnly(2024, 2, 29));

        var part = Assert.Single((await HiringAsync(op, employer, year)).GetProperty("veterans").EnumerateArray());

        // 2024: February..December (11 months, 8,250.00); 2025: 12 (9,000.00); 2027: January only; months not begun yet do not count.
        var expected = Enumerable.Range(1, 12).Where(m => new DateOnly(year, m, 1) >= new DateOnly(2024, 2, 1) && new DateOnly(year, m, 1) < new DateOnly(2027, 2, 1) && HasBegun(year, m)).ToArray();
        Assert.Equal("2024-02-01", part.GetProperty("windowStarts").GetString());
        Assert.True(expected.Length == part.GetProperty("monthsCounted").GetInt32(), part.ToString());
        Assert.Equal(expected, Counted(part));
        Assert.Equal(750.00m * expected.Length, part.GetProperty("amount").GetDecimal());
        if (year == 2024)
        {
            Assert.Equal(8_250.00m, part.GetProperty("amount").GetDecimal());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_self_employed_soldier_counts_months_of_self_employment_at_24000_a_year(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2024, 11, 1), "SeekingWork"));
        await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2025, 7, 1), "SelfEmployed", businessName: "老兵川菜馆"));

        var incentive = await Kit.GetOkAsync(op, $"/veterans/{veteran}/incentives/self-employment?year=2025");

        Assert.Equal("SelfEmployment", incentive.GetProperty("kind").GetString());
        Assert.True(Kit.IsAbsent(incentive, "employerCode"));
        Assert.Equal(12_000.00m, incentive.GetProperty("total").GetDecimal());
        var part = Assert.Single(incentive.GetProperty("veterans").EnumerateArray());
        Assert.Equal(6, part.GetProperty("monthsCounted").GetInt32());
        Assert.Equal("2025-07-01", part.GetProperty("windowStarts").GetString());
        Assert.Equal(Enumerable.Range(7, 6), Counted(part));
        Assert.All(part.GetProperty("months").EnumerateArray().Where(m => m.GetProperty("counted").GetBoolean()), m => Assert.Equal(24_000m, m.GetProperty("yearlyAmount").GetDecimal()));

        // The year before the business: nothing; 2028: the standard has expired.
        Assert.Equal(0m, (await Kit.GetOkAsync(op, $"/veterans/{veteran}/incentives/self-employment?year=2024")).GetProperty("total").GetDecimal());
        Assert.Equal(0m, (await Kit.GetOkAsync(op, $"/veterans/{veteran}/incentives/self-employment?year=2028")).GetProperty("total").GetDecimal());
        var begun2026 = Enumerable.Range(1, 12).Count(m => HasBegun(2026, m));
        Assert.Equal(2_000.00m * begun2026, (await Kit.GetOkAsync(op, $"/veterans/{veteran}/incentives/self-employment?year=2026")).GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_self_employed_soldier_who_never_ran_a_business_qualifies_for_nothing()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        await Kit.RecordAsync(op, veteran, Kit.Employed(new DateOnly(2024, 1, 1), Kit.NewCreditCode()));

        var incentive = await Kit.GetOkAsync(op, $"/veterans/{veteran}/incentives/self-employment?year=2024");

        var part = Assert.Single(incentive.GetProperty("veterans").EnumerateArray());
        Assert.False(part.GetProperty("qualifies").GetBoolean());
        Assert.Equal(0m, incentive.GetProperty("total").GetDecimal());
    }

    [Theory]
    [InlineData("Officer")]
    [InlineData("Other")]
    public async Task The_self_employment_incentive_of_a_veteran_who_is_not_a_self_employed_soldier_is_refused(string category)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, category: category, dischargedOn: Discharged);
        await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2025, 7, 1), "SelfEmployed", businessName: "老兵小店"));

        using var refused = await Kit.GetAsync(op, $"/veterans/{veteran}/incentives/self-employment?year=2025");

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "veterans.not_self_employed_soldier");
    }

    [Theory]
    [InlineData("/incentives/hiring?employerCode=EMPLOYER", "year")]
    [InlineData("/incentives/hiring?employerCode=EMPLOYER&year=1999", "year")]
    [InlineData("/incentives/hiring?year=2024", "employerCode")]
    [InlineData("/incentives/hiring?employerCode=BAD&year=2024", "employerCode")]
    [InlineData("/veterans/VETERAN/incentives/self-employment", "year")]
    [InlineData("/veterans/VETERAN/incentives/self-employment?year=2100", "year")]
    public async Task A_calculation_without_a_year_or_with_a_bad_employer_is_a_400_naming_it(string path, string field)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        var veteran = await HiredAsync(op, employer, new DateOnly(2024, 1, 1));
        path = path.Replace("EMPLOYER", employer, StringComparison.Ordinal)
            .Replace("BAD", Kit.WithWrongCheckCharacter(employer), StringComparison.Ordinal)
            .Replace("VETERAN", veteran.ToString(), StringComparison.Ordinal);

        using var refused = await Kit.GetAsync(op, path);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task An_employers_incentive_itemises_only_veterans_the_caller_sees()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-tax-officer");
        var employer = Kit.NewCreditCode();
        await HiredAsync(op, employer, new DateOnly(2024, 1, 1));

        var seenFromChongqing = await HiringAsync(chongqing, employer, 2024);

        Assert.Equal(0, seenFromChongqing.GetProperty("veterans").GetArrayLength());
        Assert.Equal(0m, seenFromChongqing.GetProperty("total").GetDecimal());
        Assert.Equal(9_000.00m, (await HiringAsync(op, employer, 2024)).GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task The_sample_standards_of_Sichuan_are_listed_with_their_yearly_amounts_for_every_role()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var reviewer = Kit.Reviewer(host);

        var standards = (await Kit.GetOkAsync(reviewer, $"/incentive-standards?regionCode={Kit.Sichuan}")).EnumerateArray().ToArray();

        var employer = standards.Single(s => s.GetProperty("kind").GetString() == "EmployerHiring" && s.GetProperty("effectiveFrom").GetString() == "2023-01-01");
        Assert.Equal((6_000m, 50m, 9_000m, "2027-12-31", 36, true), (employer.GetProperty("baseAmount").GetDecimal(), employer.GetProperty("upliftPercent").GetDecimal(), employer.GetProperty("yearlyAmount").GetDecimal(), employer.GetProperty("effectiveTo").GetString(), employer.GetProperty("maxMonths").GetInt32(), employer.GetProperty("isSample").GetBoolean()));
        var business = standards.Single(s => s.GetProperty("kind").GetString() == "SelfEmployment" && s.GetProperty("effectiveFrom").GetString() == "2023-01-01");
        Assert.Equal((20_000m, 20m, 24_000m), (business.GetProperty("baseAmount").GetDecimal(), business.GetProperty("upliftPercent").GetDecimal(), business.GetProperty("yearlyAmount").GetDecimal()));
    }

    [Theory]
    [InlineData("EmployerHiring", 51, false)]
    [InlineData("EmployerHiring", 50.01, false)]
    [InlineData("SelfEmployment", 21, false)]
    [InlineData("EmployerHiring", 50, true)]
    [InlineData("SelfEmployment", 20, true)]
    public async Task An_uplift_above_the_policys_cap_is_a_400_naming_it(string kind, double uplift, bool accepted)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var admin = Kit.Administrator(host);
        var region = kind == "EmployerHiring" ? "500240" : "500241";
        var from = new DateOnly(2040 + (int)Math.Round(uplift * 3) % 50, 1, 1);

        using var response = await Kit.PostAsync(admin, "/incentive-standards", new { kind, regionCode = region, effectiveFrom = from, effectiveTo = from.AddMonths(6), baseAmount = kind == "EmployerHiring" ? 6_000m : 20_000m, upliftPercent = (decimal)uplift, maxMonths = 36, source = "测试" });

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var standard = await HttpAssert.ReadJsonAsync(response);
            Assert.Equal(kind == "EmployerHiring" ? 9_000m : 24_000m, standard.GetProperty("yearlyAmount").GetDecimal());
            Assert.False(standard.GetProperty("isSample").GetBoolean());
        }
        else
        {
            var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["upliftPercent"], HttpAssert.ErrorFields(problem));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_new_version_closes_the_open_one_the_day_before_and_an_overlap_is_refused(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var admin = Kit.Administrator(host);
        using var op = Kit.Operator(host);
        const string region = "500242";
        object Body(DateOnly from, DateOnly? to, decimal uplift) => new { kind = "EmployerHiring", regionCode = region, effectiveFrom = from, effectiveTo = to, baseAmount = 6_000m, upliftPercent = uplift, maxMonths = 36, source = "渝财税 示例" };

        var open = await Kit.PostCreatedAsync(admin, "/incentive-standards", Body(new DateOnly(2030, 1, 1), null, 10m));
        Assert.True(Kit.IsAbsent(open, "effectiveTo"));
        await Kit.PostCreatedAsync(admin, "/incentive-standards", Body(new DateOnly(2031, 1, 1), null, 20m));
        using var overlap = await Kit.PostAsync(admin, "/incentive-standards", Body(new DateOnly(2030, 6, 1), new DateOnly(2030, 12, 31), 30m));
        using var sameStart = await Kit.PostAsync(admin, "/incentive-standards", Body(new DateOnly(2031, 1, 1), null, 30m));
        using var byOperator = await Kit.PostAsync(op, "/incentive-standards", Body(new DateOnly(2035, 1, 1), null, 30m));

        await HttpAssert.ProblemAsync(overlap, HttpStatusCode.Conflict, "veterans.incentive_standard_overlaps");
        await HttpAssert.ProblemAsync(sameStart, HttpStatusCode.Conflict, "veterans.incentive_standard_overlaps");
        await HttpAssert.ProblemAsync(byOperator, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        var versions = (await Kit.GetOkAsync(admin, $"/incentive-standards?regionCode={region}&kind=EmployerHiring")).EnumerateArray().ToArray();
        Assert.Equal(["2030-01-01", "2031-01-01"], versions.Select(v => v.GetProperty("effectiveFrom").GetString()));
        Assert.Equal("2030-12-31", versions[0].GetProperty("effectiveTo").GetString());
        Assert.True(Kit.IsAbsent(versions[1], "effectiveTo"));
        Assert.Equal([6_600m, 7_200m], versions.Select(v => v.GetProperty("yearlyAmount").GetDecimal()));
    }

    [Fact]
    public async Task A_countys_own_standard_applies_to_its_employers_instead_of_the_provinces()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var admin = Kit.Administrator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-tax-officer");
        const string county = "500238";
        await Kit.PostCreatedAsync(admin, "/incentive-standards", new { kind = "EmployerHiring", regionCode = county, effectiveFrom = new DateOnly(2023, 1, 1), effectiveTo = new DateOnly(2027, 12, 31), baseAmount = 6_000m, upliftPercent = 25m, maxMonths = 36, source = "巫溪县 示例" });
        var local = Kit.NewCreditCode(county);
        var elsewhere = Kit.NewCreditCode(Kit.ChongqingDistrict);
        await HiredAsync(chongqing, local, new DateOnly(2024, 1, 1), region: county);
        await HiredAsync(chongqing, elsewhere, new DateOnly(2024, 1, 1), region: county);

        // 6,000 × 1.25 = 7,500 in the county; Chongqing's sample 9,000 for an employer of another district.
        Assert.Equal(7_500.00m, (await HiringAsync(chongqing, local, 2024)).GetProperty("total").GetDecimal());
        Assert.Equal(9_000.00m, (await HiringAsync(chongqing, elsewhere, 2024)).GetProperty("total").GetDecimal());
        Assert.Equal(3_750.00m, (await HiringAsync(chongqing, local, 2024)).GetProperty("veterans")[0].GetProperty("months").EnumerateArray().Take(6).Sum(m => m.GetProperty("yearlyAmount").GetDecimal() / 12m));
    }

    private static async Task<Guid> HiredAsync(
        HttpClient op, string employer, DateOnly hired, DateOnly? left = null, int contractMonths = 36, bool socialInsurance = true, string category = "SelfEmployedSoldier", DateOnly? dischargedOn = null, string region = Kit.LeshanCounty)
    {
        var veteran = await Kit.RegisterIdAsync(op, category: category, region: region, dischargedOn: dischargedOn ?? Discharged);
        await Kit.RecordAsync(op, veteran, Kit.Employed(hired, employer, contractMonths, socialInsurance));
        if (left is { } day)
        {
            await Kit.RecordAsync(op, veteran, Kit.Status(day, "SeekingWork"));
        }

        return veteran;
    }

    /// <summary>Whether the month has begun in China: months not begun yet do not count.</summary>
    private static bool HasBegun(int year, int month) => new DateOnly(year, month, 1) <= Kit.ChinaToday;

    private static Task<JsonElement> HiringAsync(HttpClient client, string employer, int year) =>
        Kit.GetOkAsync(client, $"/incentives/hiring?employerCode={employer}&year={year}");

    private static IEnumerable<int> Counted(JsonElement part) =>
        part.GetProperty("months").EnumerateArray().Where(m => m.GetProperty("counted").GetBoolean()).Select(m => int.Parse(m.GetProperty("month").GetString()![5..7], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
