using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Kit = Platform.IntegrationTests.Insights.CountingKit;

namespace Platform.IntegrationTests.Insights;

/// <summary>
/// Progress through the API, each figure computed by hand: targets set with Insights_SetTarget for fresh
/// indicators that count only this class's events (businesses of made-up industries), in Bazhong (巴中市,
/// 511900) which no seeded target names. The plan period 2021–2025 has 1,826 days; on 2 July 2023 913 of
/// them (both ends included) have elapsed, exactly half; 30 months are left, July 2023 included.
/// </summary>
public sealed class ProgressTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string Bazhong = "511900";
    private const string Bazhou = "511902";
    private const string Enyang = "511903";
    private const string Tongjiang = "511921";
    private const string Nanjiang = "511922";
    private const string Pingchang = "511923";

    private static readonly DateOnly HalfWay = new(2023, 7, 2);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Progress_shows_target_actual_percent_even_pace_months_left_and_the_pace_needed(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var indicator = await Kit.BusinessIndicatorAsync(host, "it_progress", "progress_a");
        using var admin = Kit.Administrator(host);
        var parks = Kit.NewCode("it_parks");
        await Kit.DefineAsync(admin, parks, Kit.IndicatorBody(null, nameZh: "返乡创业园"));
        using var reviewer = Kit.Reviewer(host, Bazhong, "it-progress-reviewer");
        using var reader = Kit.Operator(host, Bazhong, "it-progress-reader");

        // Pingchang: one business before the period, three up to 2 July 2023, one on 3 July 2023. Tongjiang: seven on 30 June 2023.
        foreach (var day in new[] { new DateOnly(2020, 12, 31), new DateOnly(2021, 3, 1), new DateOnly(2022, 6, 15), HalfWay, new DateOnly(2023, 7, 3) })
        {
            await Kit.DeliverAsync(host, Kit.Business(Kit.NewPerson(), Pingchang, day, "progress_a"));
        }

        for (var i = 0; i < 7; i++)
        {
            await Kit.DeliverAsync(host, Kit.Business(Kit.NewPerson(), Tongjiang, new DateOnly(2023, 6, 30), "progress_a"));
        }

        await Kit.SetTargetAsync(reviewer, Kit.TargetBody(indicator, Pingchang, 2021, 2025, 10m, source: "巴中市测试规划"));
        await Kit.SetTargetAsync(reviewer, Kit.TargetBody(indicator, Pingchang, 2023, 2023, 2m));
        await Kit.SetTargetAsync(reviewer, Kit.TargetBody(indicator, Bazhong, 2021, 2025, 120m, "Cumulative", baseline: 100m));
        await Kit.SetTargetAsync(reviewer, Kit.TargetBody(parks, Pingchang, 2021, 2025, 5m));

        // 2021–2025 on 2 July 2023: 3 of 10 (30.0 %); expected 10 × 0.5 = 5.00; behind; (10 − 3) ÷ 30 = 0.2333… → 0.23.
        var progress = await Kit.ProgressAsync(reader, Pingchang, HalfWay, 2021, 2025);
        Assert.Equal((Pingchang, "平昌县", "2023-07-02"), (Kit.Text(progress, "regionCode"), Kit.Text(progress, "regionName"), Kit.Text(progress, "onDay")));
        var row = Assert.Single(Kit.Rows(progress, indicator));
        Assert.Equal(("测试指标", "Test indicator", "个", "PeriodTotal", "巴中市测试规划"), (Kit.Text(row, "nameZh"), Kit.Text(row, "nameEn"), Kit.Text(row, "unit"), Kit.Text(row, "kind"), Kit.Text(row, "source")));
        Assert.Equal((2021, 2025, 10m, 0m), (row.GetProperty("fromYear").GetInt32(), row.GetProperty("toYear").GetInt32(), Kit.Number(row, "target"), Kit.Number(row, "baseline")));
        Assert.Equal((3m, 30.0m, 5.00m), (Kit.Number(row, "actual"), Kit.Number(row, "percent"), Kit.Number(row, "expected")));
        Assert.Equal((false, 30, 0.23m, "Behind"), (row.GetProperty("onTrack").GetBoolean(), row.GetProperty("monthsLeft").GetInt32(), Kit.Number(row, "neededPerMonth"), Kit.Text(row, "status")));

        // The parks are not recorded by the platform: no actual, the even pace all the same (5 × 0.5 = 2.50).
        var notRecorded = Assert.Single(Kit.Rows(progress, parks));
        Assert.Equal(("NotRecorded", 2.50m, 30), (Kit.Text(notRecorded, "status"), Kit.Number(notRecorded, "expected"), notRecorded.GetProperty("monthsLeft").GetInt32()));
        Assert.True(Kit.IsAbsent(notRecorded, "actual") && Kit.IsAbsent(notRecorded, "percent") && Kit.IsAbsent(notRecorded, "onTrack") && Kit.IsAbsent(notRecorded, "neededPerMonth"));

        // A day later: 4; 10 × 914 ÷ 1,826 = 5.0054… → 5.01; (10 − 4) ÷ 30 = 0.20.
        var nextDay = Assert.Single(Kit.Rows(await Kit.ProgressAsync(reader, Pingchang, HalfWay.AddDays(1), 2021, 2025), indicator));
        Assert.Equal((4m, 40.0m, 5.01m, 0.20m, "Behind"), (Kit.Number(nextDay, "actual"), Kit.Number(nextDay, "percent"), Kit.Number(nextDay, "expected"), Kit.Number(nextDay, "neededPerMonth"), Kit.Text(nextDay, "status")));

        // After the period: ended at 4 of 10, no months, no pace.
        var ended = Assert.Single(Kit.Rows(await Kit.ProgressAsync(reader, Pingchang, new DateOnly(2026, 1, 5), 2021, 2025), indicator));
        Assert.Equal((4m, 10.00m, 0, "Ended", false), (Kit.Number(ended, "actual"), Kit.Number(ended, "expected"), ended.GetProperty("monthsLeft").GetInt32(), Kit.Text(ended, "status"), ended.GetProperty("onTrack").GetBoolean()));
        Assert.True(Kit.IsAbsent(ended, "neededPerMonth"));

        // Without a period: every target whose period holds the day's year, oldest period first. The 2023
        // target: 1 of 2 by 2 July (50.0 %); expected 2 × 183 ÷ 365 = 1.0027… → 1.00; on track; July ..
        // December = 6 months; (2 − 1) ÷ 6 = 0.1666… → 0.17.
        var periods = Kit.Rows(await Kit.ProgressAsync(reader, Pingchang, HalfWay), indicator);
        Assert.Equal([2021, 2023], periods.Select(r => r.GetProperty("fromYear").GetInt32()));
        var year = periods[1];
        Assert.Equal((1m, 50.0m, 1.00m, true, "OnTrack"), (Kit.Number(year, "actual"), Kit.Number(year, "percent"), Kit.Number(year, "expected"), year.GetProperty("onTrack").GetBoolean(), Kit.Text(year, "status")));
        Assert.Equal((6, 0.17m), (year.GetProperty("monthsLeft").GetInt32(), Kit.Number(year, "neededPerMonth")));
        Assert.Single(Kit.Rows(await Kit.ProgressAsync(reader, Pingchang, new DateOnly(2024, 3, 1)), indicator));

        // The city: Pingchang's 3 and Tongjiang's 7 roll up to 10 over the baseline of 100: 110 of 120 (91.7 %);
        // expected 100 + 20 × 0.5 = 110.00, so on track; (120 − 110) ÷ 30 = 0.333… → 0.33.
        var city = Assert.Single(Kit.Rows(await Kit.ProgressAsync(reader, Bazhong, HalfWay, 2021, 2025), indicator));
        Assert.Equal(("Cumulative", 100m, 110m, 91.7m), (Kit.Text(city, "kind"), Kit.Number(city, "baseline"), Kit.Number(city, "actual"), Kit.Number(city, "percent")));
        Assert.Equal((110.00m, true, "OnTrack", 0.33m), (Kit.Number(city, "expected"), city.GetProperty("onTrack").GetBoolean(), Kit.Text(city, "status"), Kit.Number(city, "neededPerMonth")));

        // The county of Tongjiang has no target: no row.
        Assert.Empty(Kit.Rows(await Kit.ProgressAsync(reader, Tongjiang, HalfWay, 2021, 2025), indicator));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Compare_ranks_the_counties_of_a_city_by_percentage_of_their_targets_then_by_actual(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var indicator = await Kit.BusinessIndicatorAsync(host, "it_compare", "compare_a");
        using var reviewer = Kit.Reviewer(host, Bazhong, "it-compare-reviewer");
        using var reader = Kit.Operator(host, Bazhong, "it-compare-reader");
        var inPeriod = new DateOnly(2024, 4, 9);
        var counts = new Dictionary<string, int> { [Bazhou] = 3, [Enyang] = 1, [Tongjiang] = 2 };
        foreach (var (county, count) in counts)
        {
            for (var i = 0; i < count; i++)
            {
                await Kit.DeliverAsync(host, Kit.Business(Kit.NewPerson(), county, inPeriod, "compare_a"));
            }
        }

        // Outside the days compared: before the period, and after the day.
        await Kit.DeliverAsync(host, Kit.Business(Kit.NewPerson(), Bazhou, new DateOnly(2020, 6, 1), "compare_a"));
        await Kit.DeliverAsync(host, Kit.Business(Kit.NewPerson(), Enyang, new DateOnly(2025, 1, 5), "compare_a"));
        await Kit.SetTargetAsync(reviewer, Kit.TargetBody(indicator, Bazhou, 2021, 2025, 10m));
        await Kit.SetTargetAsync(reviewer, Kit.TargetBody(indicator, Enyang, 2021, 2025, 2m));
        await Kit.SetTargetAsync(reviewer, Kit.TargetBody(indicator, Nanjiang, 2021, 2025, 5m));

        // On 31 Dec 2024: Enyang 1 of 2 (50.0 %), Bazhou 3 of 10 (30.0 %), Nanjiang 0 of 5 (0.0 %); then the
        // counties without a target by their actual: Tongjiang 2, Pingchang 0.
        var compared = await Kit.CompareAsync(reader, Bazhong, indicator, 2021, 2025, new DateOnly(2024, 12, 31));

        Assert.Equal((Bazhong, indicator, "2024-12-31", 6m), (Kit.Text(compared, "regionCode"), Kit.Text(compared, "indicatorCode"), Kit.Text(compared, "onDay"), Kit.Number(compared, "total")));
        var rows = compared.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.Equal([Enyang, Bazhou, Nanjiang, Tongjiang, Pingchang], rows.Select(r => Kit.Text(r, "regionCode")));
        Assert.Equal([1m, 3m, 0m, 2m, 0m], rows.Select(r => Kit.Number(r, "actual")));
        Assert.Equal([50.0m, 30.0m, 0.0m], rows[..3].Select(r => Kit.Number(r, "percent")));
        Assert.Equal([2m, 10m, 5m], rows[..3].Select(r => Kit.Number(r, "target")));
        Assert.Equal(["Behind", "Behind", "Behind", "NoTarget", "NoTarget"], rows.Select(r => Kit.Text(r, "status")));
        Assert.All(rows[3..], r => Assert.True(Kit.IsAbsent(r, "target") && Kit.IsAbsent(r, "percent")));
        Assert.Equal("恩阳区", Kit.Text(rows[0], "regionName"));

        // Sichuan's cities: only Bazhong counted anything (6), so it comes first among cities without targets.
        using var province = Kit.Operator(host, Kit.Sichuan, "it-compare-province");
        var cities = await Kit.CompareAsync(province, Kit.Sichuan, indicator, 2021, 2025, new DateOnly(2024, 12, 31));
        Assert.Equal(6m, Kit.Number(cities, "total"));
        var top = cities.GetProperty("rows")[0];
        Assert.Equal((1, Bazhong, 6m, "NoTarget"), (top.GetProperty("rank").GetInt32(), Kit.Text(top, "regionCode"), Kit.Number(top, "actual"), Kit.Text(top, "status")));
        Assert.Equal(21, cities.GetProperty("rows").GetArrayLength());

        // Up to 2025: Enyang's business of 5 January 2025 counts too (2 of 2, completed).
        var later = await Kit.CompareAsync(reader, Bazhong, indicator, 2021, 2025, new DateOnly(2025, 6, 30));
        var enyang = later.GetProperty("rows")[0];
        Assert.Equal((Enyang, 2m, 100.0m, "Completed"), (Kit.Text(enyang, "regionCode"), Kit.Number(enyang, "actual"), Kit.Number(enyang, "percent"), Kit.Text(enyang, "status")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_region_outside_the_callers_is_refused(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var indicator = await Kit.BusinessIndicatorAsync(host, "it_scope", "scope_a");
        using var leshan = Kit.Operator(host, Kit.Leshan, "it-scope-leshan");
        using var bazhong = Kit.Operator(host, Bazhong, "it-scope-bazhong");
        using var leshanReviewer = Kit.Reviewer(host, Kit.Leshan, "it-scope-reviewer");

        await Kit.ProblemAsync(leshan, HttpMethod.Get, $"/progress?regionCode={Pingchang}", null, HttpStatusCode.Forbidden, Kit.RegionOutsideCaller);
        await Kit.ProblemAsync(leshan, HttpMethod.Get, $"/progress?regionCode={Kit.Sichuan}", null, HttpStatusCode.Forbidden, Kit.RegionOutsideCaller);
        await Kit.ProblemAsync(leshan, HttpMethod.Get, $"/compare?regionCode={Bazhong}&indicatorCode={indicator}&fromYear=2021&toYear=2025", null, HttpStatusCode.Forbidden, Kit.RegionOutsideCaller);
        await Kit.ProblemAsync(bazhong, HttpMethod.Get, $"/compare?regionCode={Kit.Sichuan}&indicatorCode={indicator}&fromYear=2021&toYear=2025", null, HttpStatusCode.Forbidden, Kit.RegionOutsideCaller);
        await Kit.ProblemAsync(leshanReviewer, HttpMethod.Post, "/targets", Kit.TargetBody(indicator, Pingchang, 2021, 2025, 1m), HttpStatusCode.Forbidden, Kit.RegionOutsideCaller);

        // Within: its own city and its counties.
        await Kit.ProgressAsync(bazhong, Bazhong, HalfWay);
        await Kit.ProgressAsync(bazhong, Pingchang, HalfWay);
        await Kit.CompareAsync(bazhong, Bazhong, indicator, 2021, 2025, HalfWay);

        // Reading progress is for operators, reviewers, auditors and integrators; setting targets for reviewers; defining indicators for administrators.
        using var auditor = host.CreateClientAs("auditor", Bazhong, "it-scope-auditor");
        using var integrator = host.CreateClientAs("integrator", Bazhong, "it-scope-integrator");
        using var institution = host.CreateClientAs("training_institution", Bazhong, "it-scope-institution", "52511102MJ0001010L");
        await Kit.ProgressAsync(auditor, Pingchang, HalfWay);
        await Kit.ProgressAsync(integrator, Pingchang, HalfWay);
        await Kit.ProblemAsync(institution, HttpMethod.Get, $"/progress?regionCode={Pingchang}", null, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        await Kit.ProblemAsync(bazhong, HttpMethod.Post, "/targets", Kit.TargetBody(indicator, Pingchang, 2021, 2025, 1m), HttpStatusCode.Forbidden, Kit.PermissionMissing);
        using var reviewer = Kit.Reviewer(host, Bazhong, "it-scope-bazhong-reviewer");
        await Kit.ProblemAsync(reviewer, HttpMethod.Put, $"/indicators/{Kit.NewCode("it_denied")}", Kit.IndicatorBody(null), HttpStatusCode.Forbidden, Kit.PermissionMissing);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Malformed_queries_definitions_and_targets_are_answered_400_with_the_fields(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var indicator = await Kit.BusinessIndicatorAsync(host, "it_valid", "valid_a");
        using var reader = Kit.Operator(host, Kit.Sichuan, "it-valid-reader");
        using var admin = Kit.Administrator(host, "it-valid-admin");
        using var reviewer = Kit.Reviewer(host, Kit.Sichuan, "it-valid-reviewer");

        async Task<string[]> GetFieldsAsync(string path) =>
            HttpAssert.ErrorFields(await Kit.ProblemAsync(reader, HttpMethod.Get, path, null, HttpStatusCode.BadRequest, Kit.ValidationFailed));

        Assert.Equal(["regionCode"], await GetFieldsAsync("/progress"));
        Assert.Equal(["regionCode"], await GetFieldsAsync("/progress?regionCode=519999"));
        Assert.Equal(["toYear"], await GetFieldsAsync($"/progress?regionCode={Pingchang}&fromYear=2021"));
        Assert.Equal(["fromYear"], await GetFieldsAsync($"/progress?regionCode={Pingchang}&toYear=2025"));
        Assert.Equal(["toYear"], await GetFieldsAsync($"/progress?regionCode={Pingchang}&fromYear=2025&toYear=2021"));
        Assert.Equal(["on"], await GetFieldsAsync($"/progress?regionCode={Pingchang}&on=1999-12-31"));
        Assert.Equal(["fromYear", "indicatorCode", "toYear"], await GetFieldsAsync($"/compare?regionCode={Bazhong}"));
        Assert.Equal(["toYear"], await GetFieldsAsync($"/compare?regionCode={Bazhong}&indicatorCode={indicator}&fromYear=2025&toYear=2021"));
        await Kit.ProblemAsync(reader, HttpMethod.Get, $"/compare?regionCode={Bazhong}&indicatorCode=no_such_indicator&fromYear=2021&toYear=2025", null, HttpStatusCode.NotFound, "insights.indicator_not_found");

        async Task<string[]> PutFieldsAsync(string code, object body) =>
            HttpAssert.ErrorFields(await Kit.ProblemAsync(admin, HttpMethod.Put, $"/indicators/{code}", body, HttpStatusCode.BadRequest, Kit.ValidationFailed));

        var fresh = Kit.NewCode("it_invalid");
        Assert.Equal(["filter"], await PutFieldsAsync(fresh, Kit.IndicatorBody(BusinessRegistered.Name, filter: "industry")));
        Assert.Equal(["filter"], await PutFieldsAsync(fresh, Kit.IndicatorBody(BusinessRegistered.Name, filter: "industry=Agriculture;=x")));
        Assert.Equal(["eventName"], await PutFieldsAsync(fresh, Kit.IndicatorBody("return_home_entrepreneurship.park_opened.v1")));
        Assert.Equal(["measure", "nameEn", "nameZh", "unit"], await PutFieldsAsync(fresh, new { eventName = BusinessRegistered.Name }));
        Assert.Equal(["code"], await PutFieldsAsync("Bad-Code", Kit.IndicatorBody(BusinessRegistered.Name)));
        Assert.Equal(["code"], await PutFieldsAsync("x", Kit.IndicatorBody(BusinessRegistered.Name)));
        await Kit.ProblemAsync(reader, HttpMethod.Get, $"/indicators/{fresh}", null, HttpStatusCode.NotFound, "insights.indicator_not_found");

        async Task<string[]> PostFieldsAsync(object body) =>
            HttpAssert.ErrorFields(await Kit.ProblemAsync(reviewer, HttpMethod.Post, "/targets", body, HttpStatusCode.BadRequest, Kit.ValidationFailed));

        Assert.Equal(["kind", "source", "value"], await PostFieldsAsync(new { indicatorCode = indicator, regionCode = Pingchang, fromYear = 2021, toYear = 2025 }));
        Assert.Equal(["indicatorCode"], await PostFieldsAsync(new { regionCode = Pingchang, fromYear = 2021, toYear = 2025, kind = "PeriodTotal", value = 1m, source = "文件" }));
        Assert.Equal(["fromYear"], await PostFieldsAsync(new { indicatorCode = indicator, regionCode = Pingchang, toYear = 2025, kind = "PeriodTotal", value = 1m, source = "文件" }));
        Assert.Equal(["toYear"], await PostFieldsAsync(Kit.TargetBody(indicator, Pingchang, 2021, 2032, 1m)));
        Assert.Equal(["toYear"], await PostFieldsAsync(Kit.TargetBody(indicator, Pingchang, 2025, 2021, 1m)));
        Assert.Equal(["value"], await PostFieldsAsync(Kit.TargetBody(indicator, Pingchang, 2021, 2025, -1m)));
        Assert.Equal(["value"], await PostFieldsAsync(Kit.TargetBody(indicator, Pingchang, 2021, 2025, 1.005m)));
        Assert.Equal(["baseline"], await PostFieldsAsync(Kit.TargetBody(indicator, Pingchang, 2021, 2025, 10m, "Cumulative", baseline: -5m)));
        Assert.Equal(["regionCode"], await PostFieldsAsync(Kit.TargetBody(indicator, "519999", 2021, 2025, 1m)));
        await Kit.ProblemAsync(reviewer, HttpMethod.Post, "/targets", Kit.TargetBody(indicator, Pingchang, 2021, 2025, 1m, kind: "Forever"), HttpStatusCode.BadRequest, "request.malformed_json");
        await Kit.ProblemAsync(reviewer, HttpMethod.Post, "/targets", Kit.TargetBody("no_such_indicator", Pingchang, 2021, 2025, 1m), HttpStatusCode.NotFound, "insights.indicator_not_found");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_target_is_set_once_per_indicator_region_and_period_and_changed_with_its_etag(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var indicator = await Kit.BusinessIndicatorAsync(host, "it_target", "target_a");
        await Kit.DeliverAsync(host, Kit.Business(Kit.NewPerson(), Nanjiang, new DateOnly(2022, 2, 2), "target_a"));
        await Kit.DeliverAsync(host, Kit.Business(Kit.NewPerson(), Nanjiang, new DateOnly(2022, 3, 3), "target_a"));
        await Kit.DeliverAsync(host, Kit.Business(Kit.NewPerson(), Nanjiang, new DateOnly(2022, 4, 4), "target_a"));
        using var reviewer = Kit.Reviewer(host, Bazhong, "it-target-reviewer");
        using var reader = Kit.Operator(host, Bazhong, "it-target-reader");

        using (var created = await Kit.SendAsync(reviewer, HttpMethod.Post, "/targets", Kit.TargetBody(indicator, Nanjiang, 2021, 2025, 10m)))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("\"1\"", created.Headers.ETag?.ToString());
            Assert.Equal($"/api/insights/targets?regionCode={Nanjiang}", created.Headers.Location?.ToString());
        }

        var target = Assert.Single((await Kit.GetOkAsync(reviewer, $"/targets?regionCode={Nanjiang}&indicatorCode={indicator}")).EnumerateArray());
        var id = target.GetProperty("id").GetGuid();
        Assert.Equal(("PeriodTotal", 10m, "it-target-reviewer", false, 1), (Kit.Text(target, "kind"), Kit.Number(target, "value"), Kit.Text(target, "updatedBy"), target.GetProperty("isSeeded").GetBoolean(), target.GetProperty("version").GetInt32()));

        // Once per indicator, region and period; another period is another target.
        await Kit.ProblemAsync(reviewer, HttpMethod.Post, "/targets", Kit.TargetBody(indicator, Nanjiang, 2021, 2025, 12m), HttpStatusCode.Conflict, "insights.target_exists");
        await Kit.SetTargetAsync(reviewer, Kit.TargetBody(indicator, Nanjiang, 2026, 2030, 12m));
        Assert.Equal(2, (await Kit.GetOkAsync(reviewer, $"/targets?regionCode={Nanjiang}&indicatorCode={indicator}")).GetArrayLength());

        // A change needs the current ETag: a stale one is refused and changes nothing.
        var change = Kit.TargetBody(indicator, Nanjiang, 2021, 2025, 8m, source: "巴中市调整后的规划");
        await Kit.ProblemAsync(reviewer, HttpMethod.Put, $"/targets/{id}", change, HttpStatusCode.PreconditionFailed, Kit.PreconditionFailed, "\"7\"");
        var unchanged = Assert.Single(Kit.Rows(await Kit.ProgressAsync(reader, Nanjiang, HalfWay, 2021, 2025), indicator));
        Assert.Equal((10m, 30.0m), (Kit.Number(unchanged, "target"), Kit.Number(unchanged, "percent")));

        using (var updated = await Kit.SendAsync(reviewer, HttpMethod.Put, $"/targets/{id}", change, "\"1\""))
        {
            var json = await HttpAssert.ReadOkJsonAsync(updated);
            Assert.Equal("\"2\"", updated.Headers.ETag?.ToString());
            Assert.Equal((8m, 2, "巴中市调整后的规划"), (Kit.Number(json, "value"), json.GetProperty("version").GetInt32(), Kit.Text(json, "source")));
        }

        await Kit.ProblemAsync(reviewer, HttpMethod.Put, $"/targets/{id}", change, HttpStatusCode.PreconditionFailed, Kit.PreconditionFailed, "\"1\"");

        // Progress follows the new value: 3 of 8 = 37.5 %; expected 8 × 0.5 = 4.00; (8 − 3) ÷ 30 = 0.1666… → 0.17.
        var changed = Assert.Single(Kit.Rows(await Kit.ProgressAsync(reader, Nanjiang, HalfWay, 2021, 2025), indicator));
        Assert.Equal((8m, 3m, 37.5m, 4.00m, 0.17m), (Kit.Number(changed, "target"), Kit.Number(changed, "actual"), Kit.Number(changed, "percent"), Kit.Number(changed, "expected"), Kit.Number(changed, "neededPerMonth")));
        Assert.Equal("巴中市调整后的规划", Kit.Text(changed, "source"));

        // Outside the caller's region a target is not found, nor listed; an unknown one is not found.
        using var leshan = Kit.Reviewer(host, Kit.Leshan, "it-target-leshan");
        await Kit.ProblemAsync(leshan, HttpMethod.Put, $"/targets/{id}", change, HttpStatusCode.NotFound, "insights.target_not_found");
        await Kit.ProblemAsync(reviewer, HttpMethod.Put, $"/targets/{Guid.NewGuid()}", change, HttpStatusCode.NotFound, "insights.target_not_found");
        Assert.Equal(0, (await Kit.GetOkAsync(leshan, $"/targets?indicatorCode={indicator}")).GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_indicator_is_read_back_with_its_definition_and_etag(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var admin = Kit.Administrator(host, "it-indicator-admin");
        using var reader = Kit.Operator(host, Bazhong, "it-indicator-reader");
        var code = Kit.NewCode("it_read");

        var (defined, etag) = await Kit.DefineAsync(admin, code, Kit.IndicatorBody(BusinessRegistered.Name, "DistinctPerson", " industry = read_a ", "读取测试", "Read test", "人"));

        using var response = await Kit.SendAsync(reader, HttpMethod.Get, $"/indicators/{code}");
        var read = await HttpAssert.ReadOkJsonAsync(response);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
        Assert.Equal(
            (code, "读取测试", "Read test", "人", BusinessRegistered.Name, "DistinctPerson", "industry = read_a", false, 1),
            (Kit.Text(read, "code"), Kit.Text(read, "nameZh"), Kit.Text(read, "nameEn"), Kit.Text(read, "unit"), Kit.Text(read, "eventName"), Kit.Text(read, "measure"), Kit.Text(read, "filter"),
                read.GetProperty("isSeeded").GetBoolean(), read.GetProperty("version").GetInt32()));
        Assert.Equal(Kit.Text(defined.GetProperty("indicator"), "filter"), Kit.Text(read, "filter"));
        Assert.Contains((await Kit.GetOkAsync(reader, "/indicators")).EnumerateArray(), i => Kit.Text(i, "code") == code);

        // The seeded indicators are there, each with how it counts.
        var seeded = (await Kit.GetOkAsync(reader, "/indicators")).EnumerateArray().Where(i => i.GetProperty("isSeeded").GetBoolean()).ToDictionary(i => Kit.Text(i, "code"));
        Assert.Equal(("DistinctPerson", BusinessRegistered.Name), (Kit.Text(seeded["returnee_founders"], "measure"), Kit.Text(seeded["returnee_founders"], "eventName")));
        Assert.True(Kit.IsAbsent(seeded["return_home_parks"], "eventName"));
        AssertNamedWithUnit(seeded.Values);
    }

    private static void AssertNamedWithUnit(IEnumerable<JsonElement> indicators) =>
        Assert.All(indicators, i => Assert.False(string.IsNullOrWhiteSpace(Kit.Text(i, "nameZh")) || string.IsNullOrWhiteSpace(Kit.Text(i, "unit"))));
}
