using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Platform.Modules.VeteranEmployment.Contracts;
using Kit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;

namespace Platform.IntegrationTests.VeteranEmployment;

/// <summary>
/// The date logic of the employment ledger: the status on any past day (before the first entry, on the
/// effective day, the day before), back-dated corrections recorded later, two entries of one day, the
/// current status kept on the veteran, the refusals of a day before discharge or after today, the
/// fields each status needs, and that the ledger is append-only.
/// </summary>
public sealed class VeteranLedgerTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static readonly DateOnly Discharged = new(2022, 9, 1);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_status_on_a_past_day_is_the_entry_with_the_latest_effective_day_on_or_before_it(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        var employer = Kit.NewCreditCode();
        var seeking = await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2024, 1, 10), "SeekingWork"));
        var employed = await Kit.RecordAsync(op, veteran, Kit.Employed(new DateOnly(2024, 6, 1), employer));

        // Before the first entry there is no status (and no entry in force): null is left out.
        var before = await Kit.LedgerAsync(op, veteran, new DateOnly(2024, 1, 9));
        Assert.True(Kit.IsAbsent(before, "statusOn"), before.ToString());
        Assert.True(Kit.IsAbsent(before, "entryInForce"), before.ToString());
        Assert.Equal("2024-01-09", before.GetProperty("on").GetString());
        Assert.Equal(2, before.GetProperty("entries").GetArrayLength());

        // On the effective day itself, and up to the day before the next one.
        var onTheDay = await Kit.LedgerAsync(op, veteran, new DateOnly(2024, 1, 10));
        Assert.Equal("SeekingWork", onTheDay.GetProperty("statusOn").GetString());
        Assert.Equal(seeking, onTheDay.GetProperty("entryInForce").GetGuid());
        Assert.Equal("SeekingWork", await Kit.StatusOnAsync(op, veteran, new DateOnly(2024, 5, 31)));
        var employedDay = await Kit.LedgerAsync(op, veteran, new DateOnly(2024, 6, 1));
        Assert.Equal("Employed", employedDay.GetProperty("statusOn").GetString());
        Assert.Equal(employed, employedDay.GetProperty("entryInForce").GetGuid());

        // Without a day: today, and the veteran's current status says the same.
        var today = await Kit.LedgerAsync(op, veteran);
        Assert.Equal(Kit.Day(Kit.ChinaToday), today.GetProperty("on").GetString());
        Assert.Equal("Employed", today.GetProperty("statusOn").GetString());
        Assert.Equal("Employed", (await Kit.GetOkAsync(op, $"/veterans/{veteran}")).GetProperty("currentStatus").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_back_dated_correction_recorded_later_wins_from_its_day_but_not_before(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        var employer = Kit.NewCreditCode();
        var seeking = await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2024, 1, 10), "SeekingWork"));
        await Kit.RecordAsync(op, veteran, Kit.Employed(new DateOnly(2024, 6, 1), employer));
        Assert.Equal("SeekingWork", await Kit.StatusOnAsync(op, veteran, new DateOnly(2024, 3, 1)));

        // Learnt later: the veteran was really employed from 1 March.
        var correction = await Kit.RecordAsync(op, veteran, Kit.Employed(new DateOnly(2024, 3, 1), employer, corrects: seeking));

        var onCorrectedDay = await Kit.LedgerAsync(op, veteran, new DateOnly(2024, 3, 1));
        Assert.Equal("Employed", onCorrectedDay.GetProperty("statusOn").GetString());
        Assert.Equal(correction, onCorrectedDay.GetProperty("entryInForce").GetGuid());
        Assert.Equal("Employed", await Kit.StatusOnAsync(op, veteran, new DateOnly(2024, 5, 31)));
        Assert.Equal("SeekingWork", await Kit.StatusOnAsync(op, veteran, new DateOnly(2024, 2, 29)));
        Assert.Equal("SeekingWork", await Kit.StatusOnAsync(op, veteran, new DateOnly(2024, 1, 10)));

        // The corrected entry is kept (append-only), named by the correction, and not superseded: it still holds from 10 January.
        var entries = onCorrectedDay.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(3, entries.Length);
        Assert.Equal([seeking, correction], entries.Take(2).Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal(seeking, entries[1].GetProperty("correctsEntryId").GetGuid());
        Assert.All(entries, e => Assert.False(e.GetProperty("superseded").GetBoolean()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Of_two_entries_of_one_day_the_later_recorded_wins_and_the_earlier_is_marked_superseded(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        var day = new DateOnly(2024, 4, 15);
        var first = await Kit.RecordAsync(op, veteran, Kit.Status(day, "SeekingWork"));
        var second = await Kit.RecordAsync(op, veteran, Kit.Status(day, "InTraining", corrects: first));

        var ledger = await Kit.LedgerAsync(op, veteran, day);

        Assert.Equal("InTraining", ledger.GetProperty("statusOn").GetString());
        Assert.Equal(second, ledger.GetProperty("entryInForce").GetGuid());
        var entries = ledger.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal([first, second], entries.Select(e => e.GetProperty("id").GetGuid()));
        Assert.True(entries[0].GetProperty("superseded").GetBoolean());
        Assert.False(entries[1].GetProperty("superseded").GetBoolean());
        Assert.Equal("InTraining", (await Kit.GetOkAsync(op, $"/veterans/{veteran}")).GetProperty("currentStatus").GetString());
        Assert.Null(await Kit.StatusOnAsync(op, veteran, day.AddDays(-1)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_back_dated_entry_older_than_the_current_one_does_not_change_the_current_status(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        await Kit.RecordAsync(op, veteran, Kit.Employed(new DateOnly(2025, 2, 1), Kit.NewCreditCode()));

        await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2024, 11, 1), "InTraining"));

        Assert.Equal("Employed", (await Kit.GetOkAsync(op, $"/veterans/{veteran}")).GetProperty("currentStatus").GetString());
        Assert.Equal("Employed", (await Kit.LedgerAsync(op, veteran)).GetProperty("statusOn").GetString());
        Assert.Equal("InTraining", await Kit.StatusOnAsync(op, veteran, new DateOnly(2025, 1, 31)));
        var found = await Kit.PostOkAsync(op, "/veterans/search", new { regionCode = Kit.LeshanCounty, currentStatus = "InTraining", limit = 200 });
        Assert.DoesNotContain(found.GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetGuid() == veteran);

        // A newer entry (today) does change it.
        await Kit.RecordAsync(op, veteran, Kit.Status(Kit.ChinaToday, "SeekingWork"));
        Assert.Equal("SeekingWork", (await Kit.GetOkAsync(op, $"/veterans/{veteran}")).GetProperty("currentStatus").GetString());
    }

    [Fact]
    public async Task A_correction_naming_an_entry_of_another_veteran_or_no_entry_is_refused_and_nothing_is_recorded()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        var other = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        var othersEntry = await Kit.RecordAsync(op, other, Kit.Status(new DateOnly(2024, 1, 1), "SeekingWork"));

        foreach (var corrected in new[] { othersEntry, Guid.NewGuid() })
        {
            using var refused = await Kit.PostAsync(op, $"/veterans/{veteran}/ledger", Kit.Status(new DateOnly(2024, 1, 1), "InTraining", corrects: corrected));
            await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "veterans.corrected_entry_not_found");
        }

        Assert.Equal(0, (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength());
        Assert.Equal("SeekingWork", await Kit.StatusOnAsync(op, other, new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public async Task An_effective_day_before_the_discharge_is_refused_and_the_discharge_day_itself_is_accepted()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);

        using var refused = await Kit.PostAsync(op, $"/veterans/{veteran}/ledger", Kit.Status(Discharged.AddDays(-1), "SeekingWork"));

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "veterans.status_before_discharge");
        Assert.Equal(0, (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength());
        await Kit.RecordAsync(op, veteran, Kit.Status(Discharged, "SeekingWork"));
        Assert.Equal("SeekingWork", await Kit.StatusOnAsync(op, veteran, Discharged));
    }

    [Fact]
    public async Task An_effective_day_after_today_is_a_400_naming_effectiveOn_and_today_is_accepted()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);

        using var refused = await Kit.PostAsync(op, $"/veterans/{veteran}/ledger", Kit.Status(Kit.ChinaToday.AddDays(1), "SeekingWork"));

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["effectiveOn"], HttpAssert.ErrorFields(problem));
        Assert.Equal(0, (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength());
        await Kit.RecordAsync(op, veteran, Kit.Status(Kit.ChinaToday, "SeekingWork"));
        Assert.Equal("SeekingWork", (await Kit.GetOkAsync(op, $"/veterans/{veteran}")).GetProperty("currentStatus").GetString());
    }

    [Theory]
    [InlineData("Employed-without-employer", "employerCode")]
    [InlineData("Employed-bad-employer", "employerCode")]
    [InlineData("Employed-with-business", "businessName")]
    [InlineData("SeekingWork-with-employer", "employerCode")]
    [InlineData("SeekingWork-with-contract", "contractMonths")]
    [InlineData("InTraining-with-insurance", "socialInsurance")]
    [InlineData("SelfEmployed-without-business", "businessName")]
    [InlineData("SelfEmployed-with-position", "position")]
    [InlineData("NotSeekingWork-with-business", "businessName")]
    [InlineData("Employed-contract-over-600", "contractMonths")]
    public async Task A_field_the_status_does_not_take_or_needs_is_a_400_naming_it_and_nothing_is_recorded(string @case, string field)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        var day = new DateOnly(2024, 5, 1);
        var employer = Kit.NewCreditCode();
        object body = @case switch
        {
            "Employed-without-employer" => new { effectiveOn = day, status = "Employed", position = "司机", contractMonths = 12, socialInsurance = true },
            "Employed-bad-employer" => new { effectiveOn = day, status = "Employed", employerCode = Kit.WithWrongCheckCharacter(employer) },
            "Employed-with-business" => new { effectiveOn = day, status = "Employed", employerCode = employer, businessName = "某商店" },
            "SeekingWork-with-employer" => new { effectiveOn = day, status = "SeekingWork", employerCode = employer },
            "SeekingWork-with-contract" => new { effectiveOn = day, status = "SeekingWork", contractMonths = 12 },
            "InTraining-with-insurance" => new { effectiveOn = day, status = "InTraining", socialInsurance = true },
            "SelfEmployed-without-business" => new { effectiveOn = day, status = "SelfEmployed" },
            "SelfEmployed-with-position" => new { effectiveOn = day, status = "SelfEmployed", businessName = "某商店", position = "店主" },
            "NotSeekingWork-with-business" => new { effectiveOn = day, status = "NotSeekingWork", businessName = "某商店" },
            _ => new { effectiveOn = day, status = "Employed", employerCode = employer, contractMonths = 601 },
        };

        using var refused = await Kit.PostAsync(op, $"/veterans/{veteran}/ledger", body);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
        Assert.Equal(0, (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_status_name_or_a_number_for_the_status_is_a_400_naming_status()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);

        foreach (var status in new object[] { "Retired", 1 })
        {
            using var refused = await Kit.PostAsync(op, $"/veterans/{veteran}/ledger", new { effectiveOn = new DateOnly(2024, 5, 1), status });
            var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, Kit.MalformedJson);
            Assert.Equal(["status"], HttpAssert.ErrorFields(problem));
        }

        Assert.Equal(0, (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task A_self_employed_entry_keeps_its_business_and_an_employed_entry_its_contract()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        var business = Kit.NewCreditCode();
        var employer = Kit.NewCreditCode();
        await Kit.PostCreatedAsync(op, $"/veterans/{veteran}/ledger", new { effectiveOn = new DateOnly(2024, 2, 1), status = "SelfEmployed", businessName = "  老兵便利店  ", businessCode = business.ToLowerInvariant(), note = "个体户" });
        await Kit.RecordAsync(op, veteran, Kit.Employed(new DateOnly(2024, 8, 1), employer.ToLowerInvariant(), contractMonths: 24, socialInsurance: true));

        var entries = (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").EnumerateArray().ToArray();

        Assert.Equal("SelfEmployed", entries[0].GetProperty("status").GetString());
        Assert.Equal("老兵便利店", entries[0].GetProperty("businessName").GetString());
        Assert.Equal(business, entries[0].GetProperty("businessCode").GetString());
        Assert.Equal("Manual", entries[0].GetProperty("source").GetString());
        Assert.True(Kit.IsAbsent(entries[0], "employerCode"));
        Assert.Equal(employer, entries[1].GetProperty("employerCode").GetString());
        Assert.Equal(24, entries[1].GetProperty("contractMonths").GetInt32());
        Assert.True(entries[1].GetProperty("socialInsurance").GetBoolean());
        Assert.Equal("veteran-officer-1", entries[1].GetProperty("recordedBy").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_ledger_is_append_only_no_endpoint_changes_or_deletes_an_entry_and_entries_keep_their_order(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        var first = await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2024, 3, 1), "SeekingWork"));
        var second = await Kit.RecordAsync(op, veteran, Kit.Employed(new DateOnly(2024, 9, 1), Kit.NewCreditCode()));
        var before = (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").EnumerateArray().Select(e => e.ToString()).ToArray();

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            foreach (var path in new[] { $"/veterans/{veteran}/ledger", $"/veterans/{veteran}/ledger/{first}" })
            {
                using var response = await Kit.SendAsync(op, method, path, Kit.Status(new DateOnly(2024, 3, 1), "NotSeekingWork"));
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{method} {path} answered {(int)response.StatusCode}");
            }
        }

        // Later entries, also back-dated ones, are inserted by effective day; the earlier ones are unchanged.
        var backDated = await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2024, 1, 15), "InTraining"));
        var latest = await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2025, 1, 1), "SeekingWork"));
        var after = (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal([backDated, first, second, latest], after.Select(e => e.GetProperty("id").GetGuid()));
        Assert.Equal(before, after.Skip(1).Take(2).Select(e => e.ToString()));
        var stored = await Kit.ReadDbAsync(host, db => db.Ledger.AsNoTracking().CountAsync(e => e.VeteranId == veteran, Token));
        Assert.Equal(4, stored);
    }

    [Fact]
    public async Task Each_recorded_entry_publishes_VeteranEmploymentChanged_and_a_correction_says_so()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        var first = await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2024, 3, 1), "SeekingWork"));
        await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2024, 3, 1), "InTraining", corrects: first));

        var payloads = await Kit.ReadDbAsync(host, db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventName == VeteranEmploymentChanged.Name && m.Payload.Contains(veteran.ToString()))
            .Select(m => m.Payload).ToListAsync(Token));

        Assert.Equal(2, payloads.Count);
        var events = payloads.Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToArray();
        Assert.Contains(events, e => e.GetProperty("status").GetString() == "SeekingWork" && !e.GetProperty("isCorrection").GetBoolean());
        Assert.Contains(events, e => e.GetProperty("status").GetString() == "InTraining" && e.GetProperty("isCorrection").GetBoolean());
    }

    [Fact]
    public async Task The_ledger_of_a_veteran_outside_the_callers_region_is_not_found_for_reading_or_recording()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-ledger-officer");
        var veteran = await Kit.RegisterIdAsync(op, dischargedOn: Discharged);
        await Kit.RecordAsync(op, veteran, Kit.Status(new DateOnly(2024, 3, 1), "SeekingWork"));

        using var read = await Kit.GetAsync(chongqing, $"/veterans/{veteran}/ledger");
        await HttpAssert.ProblemAsync(read, HttpStatusCode.NotFound, "veterans.veteran_not_found");
        using var write = await Kit.PostAsync(chongqing, $"/veterans/{veteran}/ledger", Kit.Status(new DateOnly(2024, 4, 1), "NotSeekingWork"));
        await HttpAssert.ProblemAsync(write, HttpStatusCode.NotFound, "veterans.veteran_not_found");
        using var unknown = await Kit.GetAsync(op, $"/veterans/{Guid.NewGuid()}/ledger");
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound, "veterans.veteran_not_found");
        Assert.Single((await Kit.LedgerAsync(op, veteran)).GetProperty("entries").EnumerateArray());

        // A day the API cannot read is a 400, not a 500; a reviewer reads but cannot record.
        using var badDay = await Kit.GetAsync(op, $"/veterans/{veteran}/ledger?on=2024-02-30");
        Assert.Equal(HttpStatusCode.BadRequest, badDay.StatusCode);
        using var reviewer = Kit.Reviewer(host);
        Assert.Single((await Kit.LedgerAsync(reviewer, veteran)).GetProperty("entries").EnumerateArray());
        using var forbidden = await Kit.PostAsync(reviewer, $"/veterans/{veteran}/ledger", Kit.Status(new DateOnly(2024, 4, 1), "NotSeekingWork"));
        await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden, Kit.PermissionMissing);
    }
}
