using System.Net;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;

namespace Platform.IntegrationTests.VeteranEmployment;

/// <summary>
/// The job catalogue: postings (refused input), matching both ways with the reasons of each score,
/// applications (once, only while open), placements recording an Employed ledger entry with the
/// posting's employer, the headcount (Filled, then refused), and two placements racing for the last place.
/// </summary>
public sealed class VeteranJobTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>金口河区: only this class registers veterans and posts jobs here.</summary>
    private const string County = "511113";

    /// <summary>铜梁区, Chongqing.</summary>
    private const string ChongqingCounty = "500151";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(20, prefix.Length + 8)];

    [Fact]
    public async Task A_posting_with_a_bad_field_is_a_400_naming_it_and_outside_the_callers_region_is_403()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host);
        var employer = Kit.NewCreditCode();

        using var past = await Kit.PostAsync(op, "/job-postings", Kit.PostingBody(employer, County, closesOn: Kit.ChinaToday.AddDays(-1)));
        using var none = await Kit.PostAsync(op, "/job-postings", Kit.PostingBody(employer, County, headcount: 0));
        using var badEmployer = await Kit.PostAsync(op, "/job-postings", Kit.PostingBody(Kit.WithWrongCheckCharacter(employer), County));
        using var outside = await Kit.PostAsync(op, "/job-postings", Kit.PostingBody(employer, ChongqingCounty));
        using var forbidden = await Kit.PostAsync(reviewer, "/job-postings", Kit.PostingBody(employer, County));
        using var today = await Kit.PostAsync(op, "/job-postings", Kit.PostingBody(employer, County, closesOn: Kit.ChinaToday));

        Assert.Equal(["closesOn"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(past, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["headcount"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(none, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["employerCode"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(badEmployer, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        await HttpAssert.ProblemAsync(outside, HttpStatusCode.Forbidden, "veterans.region_outside_caller");
        await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        Assert.Equal(HttpStatusCode.Created, today.StatusCode);
        var created = await HttpAssert.ReadJsonAsync(today);
        Assert.Equal("Open", created.GetProperty("status").GetString());
        Assert.Equal(0, created.GetProperty("placed").GetInt32());
        var postings = await Kit.ReadDbAsync(host, db => db.Postings.IgnoreQueryFilters().CountAsync(p => p.EmployerCode == employer, Token));
        Assert.Equal(1, postings);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Postings_are_ranked_for_a_veteran_by_region_shared_specialty_and_training_wish_with_the_reasons(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var sichuan = Kit.Operator(host, Kit.Sichuan, "sc-jobs-officer");
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-jobs-officer");
        var specialty = Unique("特种驾驶");
        var wish = Unique("T-");
        var veteran = await Kit.RegisterIdAsync(op, region: County, specialties: [specialty, "炊事"]);
        await Kit.PostCreatedAsync(op, $"/veterans/{veteran}/training-needs", new { occupations = new[] { wish }, preferredForm = "OnTheJob" });
        await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2024, 1, 1), "SeekingWork"));
        var best = await Kit.PostingAsync(op, Kit.NewCreditCode(), County, wish, 1, "特种车辆驾驶员", specialty);
        var sameCity = await Kit.PostingAsync(op, Kit.NewCreditCode(), Kit.LeshanCounty, Unique("X-"), 1, "仓库管理员");
        var sameProvince = await Kit.PostingAsync(sichuan, Kit.NewCreditCode("510104"), "510104", Unique("X-"), 1, "押运员", specialty);
        var otherProvince = await Kit.PostingAsync(chongqing, Kit.NewCreditCode(ChongqingCounty), ChongqingCounty, wish, 1, "重庆驾驶员", specialty);
        var closed = await Kit.PostingAsync(op, Kit.NewCreditCode(), County, wish, 1, "已关闭的岗位", specialty);
        await Kit.PostOkAsync(op, $"/job-postings/{closed}/closure", null);

        var matches = (await Kit.GetOkAsync(sichuan, $"/veterans/{veteran}/job-matches?limit=100")).EnumerateArray().ToArray();

        var ids = matches.Select(m => m.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(best, ids[0]);
        Assert.DoesNotContain(otherProvince, ids);
        Assert.DoesNotContain(closed, ids);
        Assert.True(ids.IndexOf(sameProvince) > 0 && ids.IndexOf(sameCity) > ids.IndexOf(sameProvince), string.Join(", ", matches.Select(m => m.ToString())));
        var top = matches[0];
        Assert.Equal(3 + 2 + 3 + 2, top.GetProperty("score").GetInt32());
        var reasons = top.GetProperty("reasons").EnumerateArray().Select(r => r.GetString() ?? "").ToArray();
        Assert.Equal(4, reasons.Length);
        Assert.Contains(reasons, r => r.Contains("same county", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains(specialty, StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains(wish, StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("seeking work", StringComparison.Ordinal));
        Assert.Equal("特种车辆驾驶员", top.GetProperty("title").GetString());
        Assert.Equal(1 + 2 + 2, matches[ids.IndexOf(sameProvince)].GetProperty("score").GetInt32());
        Assert.Equal(2 + 2, matches[ids.IndexOf(sameCity)].GetProperty("score").GetInt32());

        // Leshan sees only its own postings: the Chengdu one is not offered to it.
        var leshanView = (await Kit.GetOkAsync(op, $"/veterans/{veteran}/job-matches?limit=100")).EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(best, leshanView[0]);
        Assert.DoesNotContain(sameProvince, leshanView);
        Assert.Contains(sameCity, leshanView);

        using var badLimit = await Kit.GetAsync(op, $"/veterans/{veteran}/job-matches?limit=101");
        Assert.Equal(["limit"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(badLimit, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Veterans_not_in_work_are_ranked_for_a_posting_and_employed_veterans_are_not_offered(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-jobs-officer");
        var specialty = Unique("爆破");
        var wish = Unique("T-");
        var seeking = await Kit.RegisterIdAsync(op, region: County, specialties: [specialty]);
        await Kit.RecordAsync(op, seeking, Kit.Status(new DateOnly(2024, 1, 1), "SeekingWork"));
        await Kit.PostCreatedAsync(op, $"/veterans/{seeking}/training-needs", new { occupations = new[] { wish }, preferredForm = "Classroom" });
        var training = await Kit.RegisterIdAsync(op, region: County, specialties: [specialty]);
        await Kit.RecordAsync(op, training, Kit.Status(new DateOnly(2024, 1, 1), "InTraining"));
        var employed = await Kit.RegisterIdAsync(op, region: County, specialties: [specialty]);
        await Kit.RecordAsync(op, employed, Kit.Employed(new DateOnly(2024, 1, 1), Kit.NewCreditCode()));
        var selfEmployed = await Kit.RegisterIdAsync(op, region: County, specialties: [specialty]);
        await Kit.RecordAsync(op, selfEmployed, Kit.Status(new DateOnly(2024, 1, 1), "SelfEmployed", businessName: "老兵小店"));
        var elsewhere = await Kit.RegisterIdAsync(chongqing, region: ChongqingCounty, specialties: [specialty]);
        var posting = await Kit.PostingAsync(op, Kit.NewCreditCode(), County, wish, 1, "爆破员", specialty);

        var matches = (await Kit.GetOkAsync(op, $"/job-postings/{posting}/veteran-matches?limit=100")).EnumerateArray().ToArray();

        var ids = matches.Select(m => m.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(seeking, ids[0]);
        Assert.Equal(3 + 2 + 3 + 2, matches[0].GetProperty("score").GetInt32());
        Assert.Equal(County, matches[0].GetProperty("regionCode").GetString());
        Assert.Equal("李退役", matches[0].GetProperty("title").GetString());
        // Other veterans of the county (from other tests) seeking work tie with the one in training at
        // 3 + 2; nobody but the best match ranks above them.
        var inTraining = Assert.Single(matches, m => m.GetProperty("id").GetGuid() == training);
        Assert.Equal(3 + 2, inTraining.GetProperty("score").GetInt32());
        Assert.All(matches.Skip(1), m => Assert.True(m.GetProperty("score").GetInt32() <= 3 + 2));
        Assert.DoesNotContain(employed, ids);
        Assert.DoesNotContain(selfEmployed, ids);
        Assert.DoesNotContain(elsewhere, ids);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_veteran_applies_once_and_only_while_the_posting_is_open(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-jobs-officer");
        var veteran = await Kit.RegisterIdAsync(op, region: County);
        var late = await Kit.RegisterIdAsync(op, region: County);
        var outsider = await Kit.RegisterIdAsync(chongqing, region: ChongqingCounty);
        var posting = await Kit.PostingAsync(op, Kit.NewCreditCode(), County);

        var application = await Kit.PostCreatedAsync(op, $"/job-postings/{posting}/applications", new { veteranId = veteran });
        using var twice = await Kit.PostAsync(op, $"/job-postings/{posting}/applications", new { veteranId = veteran });
        using var notSeen = await Kit.PostAsync(op, $"/job-postings/{posting}/applications", new { veteranId = outsider });
        using var noVeteran = await Kit.PostAsync(op, $"/job-postings/{posting}/applications", new { });
        using var noPosting = await Kit.PostAsync(op, $"/job-postings/{Guid.NewGuid()}/applications", new { veteranId = veteran });

        Assert.Equal("Applied", application.GetProperty("status").GetString());
        Assert.Equal(veteran, application.GetProperty("veteranId").GetGuid());
        await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict, "veterans.already_applied");
        await HttpAssert.ProblemAsync(notSeen, HttpStatusCode.NotFound, "veterans.veteran_not_found");
        Assert.Equal(["veteranId"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(noVeteran, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        await HttpAssert.ProblemAsync(noPosting, HttpStatusCode.NotFound, "veterans.posting_not_found");

        // Closed: no more applications, and it cannot be closed twice.
        var closed = await Kit.PostOkAsync(op, $"/job-postings/{posting}/closure", null);
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        using var afterClosing = await Kit.PostAsync(op, $"/job-postings/{posting}/applications", new { veteranId = late });
        using var closeTwice = await Kit.PostAsync(op, $"/job-postings/{posting}/closure", null);
        await HttpAssert.ProblemAsync(afterClosing, HttpStatusCode.Conflict, "veterans.posting_closed");
        await HttpAssert.ProblemAsync(closeTwice, HttpStatusCode.Conflict, "veterans.invalid_transition");
        var stored = await Kit.ReadDbAsync(host, db => db.JobApplications.CountAsync(a => a.PostingId == posting, Token));
        Assert.Equal(1, stored);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_placement_records_an_employed_entry_with_the_postings_employer_and_a_full_posting_takes_no_more(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var employer = Kit.NewCreditCode();
        var posting = await Kit.PostingAsync(op, employer, County, "6-24-04-04", 2, "押运员");
        var veterans = new List<Guid>();
        var applications = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var veteran = await Kit.RegisterIdAsync(op, region: County);
            veterans.Add(veteran);
            applications.Add(await Kit.ApplyAsync(op, posting, veteran));
        }

        var first = await Kit.PostOkAsync(op, $"/job-applications/{applications[0]}/placement", new { startsOn = new DateOnly(2025, 3, 1), contractMonths = 36, socialInsurance = true });

        Assert.Equal("Placed", first.GetProperty("status").GetString());
        var entryId = first.GetProperty("placementEntryId").GetGuid();
        var ledger = await Kit.LedgerAsync(op, veterans[0], new DateOnly(2025, 3, 1));
        var entry = Assert.Single(ledger.GetProperty("entries").EnumerateArray());
        Assert.Equal(entryId, entry.GetProperty("id").GetGuid());
        Assert.Equal("Employed", entry.GetProperty("status").GetString());
        Assert.Equal("Placement", entry.GetProperty("source").GetString());
        Assert.Equal(employer, entry.GetProperty("employerCode").GetString());
        Assert.Equal("押运员", entry.GetProperty("position").GetString());
        Assert.Equal(36, entry.GetProperty("contractMonths").GetInt32());
        Assert.True(entry.GetProperty("socialInsurance").GetBoolean());
        Assert.Equal("2025-03-01", entry.GetProperty("effectiveOn").GetString());
        Assert.Equal("Employed", ledger.GetProperty("statusOn").GetString());
        Assert.Equal("Employed", (await Kit.GetOkAsync(op, $"/veterans/{veterans[0]}")).GetProperty("currentStatus").GetString());
        var open = await Kit.GetOkAsync(op, $"/job-postings/{posting}");
        Assert.Equal(("Open", 1), (open.GetProperty("status").GetString(), open.GetProperty("placed").GetInt32()));

        // The second place fills the posting; a third placement, a repeated one and a new application are refused.
        await Kit.PostOkAsync(op, $"/job-applications/{applications[1]}/placement", new { startsOn = new DateOnly(2025, 4, 1), contractMonths = 12, socialInsurance = false });
        var filled = await Kit.GetOkAsync(op, $"/job-postings/{posting}");
        Assert.Equal(("Filled", 2), (filled.GetProperty("status").GetString(), filled.GetProperty("placed").GetInt32()));
        using var third = await Kit.PostAsync(op, $"/job-applications/{applications[2]}/placement", new { startsOn = new DateOnly(2025, 4, 1), contractMonths = 12, socialInsurance = true });
        using var again = await Kit.PostAsync(op, $"/job-applications/{applications[0]}/placement", new { startsOn = new DateOnly(2025, 4, 1), contractMonths = 12, socialInsurance = true });
        var latecomer = await Kit.RegisterIdAsync(op, region: County);
        using var apply = await Kit.PostAsync(op, $"/job-postings/{posting}/applications", new { veteranId = latecomer });
        using var unknown = await Kit.PostAsync(op, $"/job-applications/{Guid.NewGuid()}/placement", new { startsOn = new DateOnly(2025, 4, 1), contractMonths = 12, socialInsurance = true });
        await HttpAssert.ProblemAsync(third, HttpStatusCode.Conflict, "veterans.posting_full");
        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "veterans.invalid_transition");
        await HttpAssert.ProblemAsync(apply, HttpStatusCode.Conflict, "veterans.posting_closed");
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound, "veterans.job_application_not_found");
        Assert.Equal(0, (await Kit.LedgerAsync(op, veterans[2])).GetProperty("entries").GetArrayLength());
        Assert.Single((await Kit.LedgerAsync(op, veterans[0])).GetProperty("entries").EnumerateArray());
        Assert.Equal(2, (await Kit.GetOkAsync(op, $"/job-postings/{posting}")).GetProperty("placed").GetInt32());
    }

    [Fact]
    public async Task A_placement_before_the_discharge_or_after_today_is_refused_and_leaves_the_posting_as_it_was()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var posting = await Kit.PostingAsync(op, Kit.NewCreditCode(), County);
        var veteran = await Kit.RegisterIdAsync(op, region: County, dischargedOn: new DateOnly(2024, 6, 1));
        var application = await Kit.ApplyAsync(op, posting, veteran);

        using var beforeDischarge = await Kit.PostAsync(op, $"/job-applications/{application}/placement", new { startsOn = new DateOnly(2024, 5, 31), contractMonths = 12, socialInsurance = true });
        using var noDay = await Kit.PostAsync(op, $"/job-applications/{application}/placement", new { contractMonths = 12, socialInsurance = true });

        await HttpAssert.ProblemAsync(beforeDischarge, HttpStatusCode.UnprocessableEntity, "veterans.status_before_discharge");
        Assert.Equal(["startsOn"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(noDay, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        var unchanged = await Kit.GetOkAsync(op, $"/job-postings/{posting}");
        Assert.Equal(("Open", 0), (unchanged.GetProperty("status").GetString(), unchanged.GetProperty("placed").GetInt32()));
        Assert.Equal(0, (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength());
        var placed = await Kit.PostOkAsync(op, $"/job-applications/{application}/placement", new { startsOn = new DateOnly(2024, 6, 1), contractMonths = 12, socialInsurance = true });
        Assert.Equal("Placed", placed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_placement_starting_after_today_is_a_400_naming_startsOn()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var posting = await Kit.PostingAsync(op, Kit.NewCreditCode(), County);
        var veteran = await Kit.RegisterIdAsync(op, region: County);
        var application = await Kit.ApplyAsync(op, posting, veteran);

        using var refused = await Kit.PostAsync(op, $"/job-applications/{application}/placement", new { startsOn = Kit.ChinaToday.AddDays(7), contractMonths = 12, socialInsurance = true });

        // The caller sent startsOn; an error about "effectiveOn" names a field that is not in its request.
        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["startsOn"], HttpAssert.ErrorFields(problem));
        Assert.Equal(0, (await Kit.GetOkAsync(op, $"/job-postings/{posting}")).GetProperty("placed").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_placement_from_a_posting_with_a_long_title_records_the_entry(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var title = "退役军人专项招聘：" + new string('岗', 150);
        var posting = await Kit.PostingAsync(op, Kit.NewCreditCode(), County, "6-24-04-04", 1, title);
        var veteran = await Kit.RegisterIdAsync(op, region: County);
        var application = await Kit.ApplyAsync(op, posting, veteran);

        // A title of up to 200 characters is accepted for the posting; the placement copies it to the entry's position.
        using var response = await Kit.PostAsync(op, $"/job-applications/{application}/placement", new { startsOn = new DateOnly(2025, 3, 1), contractMonths = 12, socialInsurance = true });

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
        Assert.Equal("Employed", (await Kit.LedgerAsync(op, veteran)).GetProperty("statusOn").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_placements_racing_for_the_last_place_place_exactly_one_veteran(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var posting = await Kit.PostingAsync(op, Kit.NewCreditCode(), County);
            var veterans = new[] { await Kit.RegisterIdAsync(op, region: County), await Kit.RegisterIdAsync(op, region: County) };
            var applications = new[] { await Kit.ApplyAsync(op, posting, veterans[0]), await Kit.ApplyAsync(op, posting, veterans[1]) };
            var clients = new[] { Kit.Operator(host, Kit.Leshan, "placer-a"), Kit.Operator(host, Kit.Leshan, "placer-b") };
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racers = clients.Select((client, i) => Task.Run(
                async () =>
                {
                    await start.Task;
                    using var response = await Kit.PostAsync(client, $"/job-applications/{applications[i]}/placement", new { startsOn = new DateOnly(2025, 3, 1), contractMonths = 12, socialInsurance = true });
                    var body = await HttpAssert.ReadJsonAsync(response);
                    return (Status: response.StatusCode, Code: body.TryGetProperty("code", out var code) ? code.GetString() : null, Body: body);
                },
                Token)).ToArray();
            start.SetResult();
            var answers = await Task.WhenAll(racers);
            foreach (var client in clients)
            {
                client.Dispose();
            }

            var describe = string.Join(", ", answers.Select(a => $"{(int)a.Status} {a.Code}"));
            Assert.True(answers.Count(a => a.Status == HttpStatusCode.OK) == 1, describe);
            var loser = answers.Single(a => a.Status != HttpStatusCode.OK);
            Assert.True(loser.Status == HttpStatusCode.Conflict && loser.Code is "veterans.posting_full" or "resource.concurrent_update", describe);
            var after = await Kit.GetOkAsync(op, $"/job-postings/{posting}");
            Assert.Equal(("Filled", 1), (after.GetProperty("status").GetString(), after.GetProperty("placed").GetInt32()));
            var entries = 0;
            foreach (var veteran in veterans)
            {
                entries += (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength();
            }

            Assert.Equal(1, entries);
            var placed = await Kit.ReadDbAsync(host, db => db.JobApplications.CountAsync(a => a.PostingId == posting && a.PlacementEntryId != null, Token));
            Assert.Equal(1, placed);
        }
    }

    [Fact]
    public async Task A_posting_of_another_region_is_not_found_and_the_chongqing_catalogue_is_not_offered_to_leshan()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-jobs-officer");
        var posting = await Kit.PostingAsync(chongqing, Kit.NewCreditCode(ChongqingCounty), ChongqingCounty);

        using var read = await Kit.GetAsync(op, $"/job-postings/{posting}");
        using var matches = await Kit.GetAsync(op, $"/job-postings/{posting}/veteran-matches");
        using var close = await Kit.PostAsync(op, $"/job-postings/{posting}/closure", null);

        await HttpAssert.ProblemAsync(read, HttpStatusCode.NotFound, "veterans.posting_not_found");
        await HttpAssert.ProblemAsync(matches, HttpStatusCode.NotFound, "veterans.posting_not_found");
        await HttpAssert.ProblemAsync(close, HttpStatusCode.NotFound, "veterans.posting_not_found");
        Assert.Equal("Open", (await Kit.GetOkAsync(chongqing, $"/job-postings/{posting}")).GetProperty("status").GetString());
    }
}
