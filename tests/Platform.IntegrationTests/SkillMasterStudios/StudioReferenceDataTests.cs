using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;

namespace Platform.IntegrationTests.SkillMasterStudios;

/// <summary>
/// The seeded program rules and funding standards and their new versions. Writes here use regions no
/// other test of this class reads (Panzhihua 510400, Neijiang 511000), so the seeded figures the other
/// tests check stay as seeded.
/// </summary>
public sealed class StudioReferenceDataTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string Panzhihua = "510400";
    private const string Neijiang = "511000";
    private const string NeijiangCounty = "511024";
    private const string OtherNeijiangCounty = "511025";

    [Theory]
    [InlineData("510000", "National", "2018-12-31", 100_000, "510000")]
    [InlineData("510000", "National", "2019-01-01", 200_000, "510000")]
    [InlineData("511102", "National", "2024-06-01", 200_000, "510000")]
    [InlineData("511102", "Provincial", "2024-06-01", 100_000, "510000")]
    [InlineData("511102", "Municipal", "2024-06-01", 50_000, "511100")]
    [InlineData("511100", "Municipal", "2024-06-01", 50_000, "511100")]
    [InlineData("510104", "Municipal", "2024-06-01", 100_000, "510100")]
    [InlineData("510302", "Municipal", "2024-06-01", 30_000, "510000")]
    [InlineData("500107", "Municipal", "2024-06-01", 50_000, "500000")]
    [InlineData("500107", "National", "2015-06-01", 100_000, "500000")]
    public async Task The_seeded_standard_in_force_for_a_region_level_and_day(string region, string level, string on, int amount, string setBy)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host, Kit.Sichuan);

        var standards = await Kit.GetOkAsync(op, $"/funding-standards?inForceFor={region}&level={level}&on={on}");

        var standard = Assert.Single(standards.EnumerateArray());
        Assert.Equal(amount, standard.GetProperty("amount").GetDecimal());
        Assert.Equal(setBy, standard.GetProperty("regionCode").GetString());
        Assert.Equal(level, standard.GetProperty("level").GetString());
        Assert.True(standard.GetProperty("isSample").GetBoolean());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_national_grant_has_two_seeded_versions_and_none_is_in_force_for_municipal_studios_before_2019(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);

        var national = (await Kit.GetOkAsync(op, "/funding-standards?regionCode=510000&level=National")).EnumerateArray().ToArray();
        var before2019 = await Kit.GetOkAsync(op, "/funding-standards?inForceFor=511102&level=Municipal&on=2018-06-01");

        Assert.Equal(2, national.Length);
        Assert.Equal(("2011-01-01", "2018-12-31", 100_000m), Version(national[0]));
        Assert.Equal("2019-01-01", national[1].GetProperty("effectiveFrom").GetString());
        Assert.True(Kit.IsAbsent(national[1], "effectiveTo"));
        Assert.Equal(200_000m, national[1].GetProperty("amount").GetDecimal());
        Assert.Equal(0, before2019.GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_new_standard_closes_the_open_ended_one_the_day_before_and_applies_from_its_first_day(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var admin = Kit.Administrator(host);
        using var op = Kit.Operator(host, Kit.Sichuan);
        Assert.Equal(30_000m, await AmountInForceAsync(op, Panzhihua, "2024-06-01"));

        await Kit.PostCreatedAsync(admin, "/funding-standards", new { level = "Municipal", regionCode = Panzhihua, effectiveFrom = new DateOnly(2020, 1, 1), amount = 60_000m, source = "攀枝花市财政补助" });
        var second = await Kit.PostCreatedAsync(admin, "/funding-standards", new { level = "Municipal", regionCode = Panzhihua, effectiveFrom = new DateOnly(2025, 1, 1), amount = 80_000m, source = "攀枝花市财政补助（调整）" });

        Assert.False(second.GetProperty("isSample").GetBoolean());
        var versions = (await Kit.GetOkAsync(op, $"/funding-standards?regionCode={Panzhihua}&level=Municipal")).EnumerateArray().ToArray();
        Assert.Equal(2, versions.Length);
        Assert.Equal(("2020-01-01", "2024-12-31", 60_000m), Version(versions[0]));
        Assert.True(Kit.IsAbsent(versions[1], "effectiveTo"));
        Assert.Equal(30_000m, await AmountInForceAsync(op, "510402", "2019-06-01"));
        Assert.Equal(60_000m, await AmountInForceAsync(op, "510402", "2024-12-31"));
        Assert.Equal(80_000m, await AmountInForceAsync(op, "510402", "2025-01-01"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_overlapping_standard_is_409_funding_standard_overlaps_and_changes_nothing(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var admin = Kit.Administrator(host);

        using var inside = await Kit.PostAsync(admin, "/funding-standards", new { level = "National", regionCode = Kit.Sichuan, effectiveFrom = new DateOnly(2015, 1, 1), effectiveTo = new DateOnly(2016, 12, 31), amount = 150_000m, source = "重叠" });
        using var sameStart = await Kit.PostAsync(admin, "/funding-standards", new { level = "National", regionCode = Kit.Sichuan, effectiveFrom = new DateOnly(2019, 1, 1), amount = 250_000m, source = "重叠" });
        using var straddling = await Kit.PostAsync(admin, "/funding-standards", new { level = "National", regionCode = Kit.Sichuan, effectiveFrom = new DateOnly(2018, 6, 1), amount = 250_000m, source = "重叠" });

        await HttpAssert.ProblemAsync(inside, HttpStatusCode.Conflict, "studios.funding_standard_overlaps");
        await HttpAssert.ProblemAsync(sameStart, HttpStatusCode.Conflict, "studios.funding_standard_overlaps");
        await HttpAssert.ProblemAsync(straddling, HttpStatusCode.Conflict, "studios.funding_standard_overlaps");
        var national = (await Kit.GetOkAsync(admin, "/funding-standards?regionCode=510000&level=National")).EnumerateArray().ToArray();
        Assert.Equal(2, national.Length);
        Assert.Equal(("2011-01-01", "2018-12-31", 100_000m), Version(national[0]));
        Assert.True(Kit.IsAbsent(national[1], "effectiveTo"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Overlapping_program_rules_are_409_rules_overlap_and_a_later_version_closes_the_open_one(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var admin = Kit.Administrator(host);

        using var sameStart = await Kit.PostAsync(admin, "/program-rules", Kit.RulesBody(Kit.Sichuan, new DateOnly(2019, 1, 1)));
        using var earlier = await Kit.PostAsync(admin, "/program-rules", Kit.RulesBody(Kit.Sichuan, new DateOnly(2018, 1, 1), new DateOnly(2019, 6, 30)));
        await HttpAssert.ProblemAsync(sameStart, HttpStatusCode.Conflict, "studios.rules_overlap");
        await HttpAssert.ProblemAsync(earlier, HttpStatusCode.Conflict, "studios.rules_overlap");
        Assert.Equal(3, (await Kit.GetOkAsync(admin, "/program-rules?regionCode=510000")).GetProperty("termYears").GetInt32());

        await Kit.PostCreatedAsync(admin, "/program-rules", Kit.RulesBody(Panzhihua, new DateOnly(2021, 1, 1), termYears: 4));
        await Kit.PostCreatedAsync(admin, "/program-rules", Kit.RulesBody(Panzhihua, new DateOnly(2025, 1, 1), termYears: 5));

        var old = await Kit.GetOkAsync(admin, $"/program-rules?regionCode={Panzhihua}&on=2024-12-31");
        Assert.Equal(4, old.GetProperty("termYears").GetInt32());
        Assert.Equal("2024-12-31", old.GetProperty("effectiveTo").GetString());
        Assert.Equal(5, (await Kit.GetOkAsync(admin, $"/program-rules?regionCode=510402&on=2025-01-01")).GetProperty("termYears").GetInt32());
        Assert.Equal(Kit.Sichuan, (await Kit.GetOkAsync(admin, $"/program-rules?regionCode={Panzhihua}&on=2020-06-01")).GetProperty("regionCode").GetString());
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("reviewer")]
    [InlineData("auditor")]
    [InlineData("integrator")]
    [InlineData("training_institution")]
    public async Task Only_administrators_set_rules_and_standards_but_every_role_reads_them(string role)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var caller = host.CreateClientAs(role, Kit.Sichuan, $"{role}-1", role == "training_institution" ? Kit.NewCreditCode() : null);

        using var rules = await Kit.PostAsync(caller, "/program-rules", Kit.RulesBody("510500", new DateOnly(2024, 1, 1)));
        using var standard = await Kit.PostAsync(caller, "/funding-standards", new { level = "Municipal", regionCode = "510500", effectiveFrom = new DateOnly(2024, 1, 1), amount = 1m, source = "越权" });

        await HttpAssert.ProblemAsync(rules, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        await HttpAssert.ProblemAsync(standard, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        Assert.Equal(Kit.Sichuan, (await Kit.GetOkAsync(caller, "/program-rules?regionCode=510500")).GetProperty("regionCode").GetString());
        Assert.Equal(30_000m, await AmountInForceAsync(caller, "510500", "2024-06-01"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_county_without_rules_falls_back_to_the_provinces_defaults(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);

        var leshan = await Kit.GetOkAsync(op, $"/program-rules?regionCode={Kit.LeshanCounty}");
        var chongqing = await Kit.GetOkAsync(op, $"/program-rules?regionCode={Kit.ChongqingDistrict}");
        using var before = await Kit.GetAsync(op, $"/program-rules?regionCode={Kit.LeshanCounty}&on=2018-12-31");

        Assert.Equal(Kit.Sichuan, leshan.GetProperty("regionCode").GetString());
        Assert.Equal("2019-01-01", leshan.GetProperty("effectiveFrom").GetString());
        Assert.True(leshan.GetProperty("isSample").GetBoolean());
        Assert.Equal(3, leshan.GetProperty("termYears").GetInt32());
        Assert.Equal(80m, leshan.GetProperty("minimumAverageScore").GetDecimal());
        Assert.Equal(3, leshan.GetProperty("minimumExperts").GetInt32());
        Assert.Equal(2, leshan.GetProperty("unqualifiedYearsBeforeRevocation").GetInt32());
        Assert.Equal(90m, leshan.GetProperty("excellentFrom").GetDecimal());
        Assert.Equal(60m, leshan.GetProperty("qualifiedFrom").GetDecimal());
        Assert.Equal(3, leshan.GetProperty("reportDueMonth").GetInt32());
        Assert.Equal(31, leshan.GetProperty("reportDueDay").GetInt32());
        Assert.True(leshan.GetProperty("ladderRequired").GetBoolean());
        Assert.Equal(180, leshan.GetProperty("renewalWindowDays").GetInt32());
        Assert.Equal(Kit.Chongqing, chongqing.GetProperty("regionCode").GetString());
        await HttpAssert.ProblemAsync(before, HttpStatusCode.NotFound, "studios.no_program_rules");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_countys_own_rules_win_over_its_citys_which_win_over_the_provinces(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var admin = Kit.Administrator(host);
        await Kit.PostCreatedAsync(admin, "/program-rules", Kit.RulesBody(Neijiang, new DateOnly(2020, 1, 1), termYears: 4));
        await Kit.PostCreatedAsync(admin, "/program-rules", Kit.RulesBody(NeijiangCounty, new DateOnly(2020, 1, 1), termYears: 5));

        Assert.Equal((NeijiangCounty, 5), await RulesAsync(admin, NeijiangCounty));
        Assert.Equal((Neijiang, 4), await RulesAsync(admin, OtherNeijiangCounty));
        Assert.Equal((Neijiang, 4), await RulesAsync(admin, Neijiang));
        Assert.Equal((Kit.Sichuan, 3), await RulesAsync(admin, NeijiangCounty, "2019-06-01"));
    }

    [Theory]
    [InlineData("excellentFrom", 60, 60, 3, "2024-01-01", null)]
    [InlineData("termYears", 90, 60, 0, "2024-01-01", null)]
    [InlineData("effectiveTo", 90, 60, 3, "2024-01-01", "2023-12-31")]
    public async Task Rules_that_contradict_themselves_are_a_400_naming_the_field(string field, int excellentFrom, int qualifiedFrom, int termYears, string from, string? to)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var admin = Kit.Administrator(host);
        var body = Kit.RulesBody(
            "510600", DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture),
            termYears: termYears, excellentFrom: excellentFrom, qualifiedFrom: qualifiedFrom);

        using var refused = await Kit.PostAsync(admin, "/program-rules", body);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, "request.validation_failed");
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
        Assert.Equal(Kit.Sichuan, (await Kit.GetOkAsync(admin, "/program-rules?regionCode=510600")).GetProperty("regionCode").GetString());
    }

    private static (string From, string? To, decimal Amount) Version(JsonElement standard) => (
        standard.GetProperty("effectiveFrom").GetString()!,
        standard.TryGetProperty("effectiveTo", out var to) && to.ValueKind != JsonValueKind.Null ? to.GetString() : null,
        standard.GetProperty("amount").GetDecimal());

    private static async Task<decimal> AmountInForceAsync(HttpClient client, string region, string on) =>
        Assert.Single((await Kit.GetOkAsync(client, $"/funding-standards?inForceFor={region}&level=Municipal&on={on}")).EnumerateArray()).GetProperty("amount").GetDecimal();

    private static async Task<(string Region, int TermYears)> RulesAsync(HttpClient client, string region, string? on = null)
    {
        var rules = await Kit.GetOkAsync(client, $"/program-rules?regionCode={region}{(on is null ? "" : $"&on={on}")}");
        return (rules.GetProperty("regionCode").GetString()!, rules.GetProperty("termYears").GetInt32());
    }
}
