using System.Globalization;
using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;

namespace Platform.IntegrationTests.VeteranEmployment;

/// <summary>
/// The registry: registration (one person once in the platform, birth date from the identity number,
/// masked identity numbers except on an audited single read by pii.read holders), refused input, updates
/// with If-Match, search with cursor paging, and transfers within and across provinces (the sender loses
/// sight, the receiver sees the history; the receiver cannot pull a veteran in).
/// </summary>
public sealed class VeteranRegistryTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>奉节县: only this class registers veterans here (the search counts them).</summary>
    private const string SearchCounty = "500236";

    /// <summary>巫山县: only this class transfers veterans here.</summary>
    private const string TransferCounty = "500237";

    /// <summary>锦江区, Chengdu.</summary>
    private const string Jinjiang = "510104";

    private static string Masked(string idNumber) => $"{idNumber[..6]}********{idNumber[^4..]}";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_registered_veteran_is_answered_masked_except_on_an_audited_single_read_by_a_pii_read_holder(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var auditor = Kit.Auditor(host);
        using var admin = Kit.Administrator(host);
        var idNumber = Kit.NewIdNumber(age: 31);

        using var created = await Kit.PostAsync(op, "/veterans", Kit.VeteranBody(idNumber, "SelfEmployedSoldier", Kit.LeshanCounty, new DateOnly(2023, 3, 15), "汽车驾驶", " 通信 ", "汽车驾驶"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var registered = await HttpAssert.ReadJsonAsync(created);
        var id = registered.GetProperty("id").GetGuid();
        Assert.Equal($"/api/veteran-employment/veterans/{id}", created.Headers.Location?.ToString());
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal(Masked(idNumber), registered.GetProperty("identityNumber").GetString());
        var birth = DateOnly.ParseExact(idNumber.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);
        Assert.Equal(Kit.Day(birth), registered.GetProperty("birthDate").GetString());
        Assert.Equal(["汽车驾驶", "通信"], registered.GetProperty("specialties").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(Kit.Day(Kit.ChinaToday), registered.GetProperty("registeredOn").GetString());
        Assert.Equal("2023-03-15", registered.GetProperty("dischargedOn").GetString());
        Assert.True(Kit.IsAbsent(registered, "currentStatus"));
        Assert.Equal(0, registered.GetProperty("transfers").GetArrayLength());

        // Search answers are masked for everyone.
        foreach (var client in new[] { op, admin, auditor })
        {
            var found = Assert.Single((await Kit.PostOkAsync(client, "/veterans/search", new { identityNumber = idNumber })).GetProperty("items").EnumerateArray());
            Assert.Equal(Masked(idNumber), found.GetProperty("identityNumber").GetString());
            Assert.Equal(id, found.GetProperty("id").GetGuid());
        }

        // A single read: in full for the operator and the administrator (pii.read, audited), masked for the auditor.
        Assert.Equal(idNumber, (await Kit.GetOkAsync(op, $"/veterans/{id}")).GetProperty("identityNumber").GetString());
        Assert.Equal(Masked(idNumber), (await Kit.GetOkAsync(auditor, $"/veterans/{id}")).GetProperty("identityNumber").GetString());
        Assert.Equal(idNumber, (await Kit.GetOkAsync(admin, $"/veterans/{id}")).GetProperty("identityNumber").GetString());
        var audited = await Kit.AuditOutcomesAsync(host, "pii.read", id.ToString());
        Assert.Equal(2, audited.Length);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_person_is_registered_once_in_the_whole_platform(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-registrar");
        var idNumber = Kit.NewIdNumber();
        await Kit.RegisterIdAsync(op, idNumber);

        using var sameRegion = await Kit.PostAsync(op, "/veterans", Kit.VeteranBody(idNumber, "Officer"));
        using var otherRegion = await Kit.PostAsync(chongqing, "/veterans", Kit.VeteranBody(idNumber, region: TransferCounty));

        await HttpAssert.ProblemAsync(sameRegion, HttpStatusCode.Conflict, "veterans.veteran_exists");
        await HttpAssert.ProblemAsync(otherRegion, HttpStatusCode.Conflict, "veterans.veteran_exists");
        Assert.Equal(0, (await Kit.PostOkAsync(chongqing, "/veterans/search", new { identityNumber = idNumber })).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("identityNumber")]
    [InlineData("regionCode")]
    [InlineData("dischargedOn")]
    [InlineData("specialties")]
    [InlineData("name")]
    [InlineData("rank")]
    [InlineData("education")]
    public async Task A_veteran_with_a_bad_field_is_a_400_naming_it_and_is_not_registered(string field)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber();
        var body = new
        {
            identityNumber = field == "identityNumber" ? Kit.WithWrongCheckCharacter(idNumber) : idNumber,
            name = field == "name" ? " " : "李退役",
            category = "SelfEmployedSoldier",
            branch = "Navy",
            dischargedOn = field == "dischargedOn" ? Kit.ChinaToday.AddDays(1) : new DateOnly(2022, 9, 1),
            rank = field == "rank" ? new string('士', 51) : "上士",
            specialties = field == "specialties" ? Enumerable.Range(0, 21).Select(i => $"专长 {i}").ToArray() : ["汽车驾驶"],
            education = field == "education" ? null : "College",
            regionCode = field == "regionCode" ? "511199" : Kit.LeshanCounty,
        };

        using var refused = await Kit.PostAsync(op, "/veterans", body);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
        using var admin = Kit.Administrator(host);
        Assert.Equal(0, (await Kit.PostOkAsync(admin, "/veterans/search", new { identityNumber = idNumber })).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("category", "Colonel")]
    [InlineData("branch", "SpaceForce")]
    [InlineData("education", "Doctorate")]
    [InlineData("dischargedOn", "2022-02-30")]
    public async Task A_value_the_serializer_cannot_read_is_a_400_malformed_json_naming_the_field(string field, string value)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber();
        var values = new Dictionary<string, object?>
        {
            ["identityNumber"] = idNumber,
            ["name"] = "李退役",
            ["category"] = "SelfEmployedSoldier",
            ["branch"] = "Army",
            ["dischargedOn"] = "2022-09-01",
            ["rank"] = "上士",
            ["specialties"] = new[] { "汽车驾驶" },
            ["education"] = "SeniorHigh",
            ["regionCode"] = Kit.LeshanCounty,
        };
        values[field] = value;

        using var refused = await Kit.PostAsync(op, "/veterans", values);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, Kit.MalformedJson);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
    }

    [Fact]
    public async Task Registering_outside_the_callers_region_is_403_and_a_reviewer_may_not_register_at_all()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host);
        var idNumber = Kit.NewIdNumber();

        using var outside = await Kit.PostAsync(op, "/veterans", Kit.VeteranBody(idNumber, region: SearchCounty));
        using var forbidden = await Kit.PostAsync(reviewer, "/veterans", Kit.VeteranBody(idNumber));

        await HttpAssert.ProblemAsync(outside, HttpStatusCode.Forbidden, "veterans.region_outside_caller");
        await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        using var admin = Kit.Administrator(host);
        Assert.Equal(0, (await Kit.PostOkAsync(admin, "/veterans/search", new { identityNumber = idNumber })).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_update_with_a_stale_If_Match_is_412_and_changes_nothing(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await Kit.RegisterIdAsync(op);
        using var read = await Kit.GetAsync(op, $"/veterans/{id}");
        var etag = read.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag.");
        object Update(string name, string rank) => new
        {
            name,
            category = "Officer",
            branch = "AirForce",
            dischargedOn = new DateOnly(2021, 12, 1),
            rank,
            specialties = new[] { "雷达维修" },
            education = "Bachelor",
        };

        using var updated = await Kit.SendAsync(op, HttpMethod.Put, $"/veterans/{id}", Update("王退役", "少校"), etag);
        using var stale = await Kit.SendAsync(op, HttpMethod.Put, $"/veterans/{id}", Update("赵退役", "中校"), etag);

        var answer = await HttpAssert.ReadOkJsonAsync(updated);
        Assert.Equal("王退役", answer.GetProperty("name").GetString());
        Assert.Equal("Officer", answer.GetProperty("category").GetString());
        Assert.Equal(["雷达维修"], answer.GetProperty("specialties").EnumerateArray().Select(s => s.GetString()));
        Assert.NotEqual(etag, updated.Headers.ETag?.ToString());
        await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "resource.precondition_failed");
        var now = await Kit.GetOkAsync(op, $"/veterans/{id}");
        Assert.Equal("王退役", now.GetProperty("name").GetString());
        Assert.Equal("少校", now.GetProperty("rank").GetString());
        Assert.Equal(Kit.LeshanCounty, now.GetProperty("regionCode").GetString());
    }

    [Fact]
    public async Task An_update_cannot_move_the_discharge_after_a_recorded_ledger_entry()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var id = await Kit.RegisterIdAsync(op, dischargedOn: new DateOnly(2022, 9, 1));
        await Kit.RecordAsync(op, id, Kit.Status(new DateOnly(2023, 1, 1), "SeekingWork"));

        using var refused = await Kit.SendAsync(op, HttpMethod.Put, $"/veterans/{id}", new
        {
            name = "李退役",
            category = "SelfEmployedSoldier",
            branch = "Army",
            dischargedOn = new DateOnly(2023, 6, 1),
            rank = "上士",
            specialties = new[] { "汽车驾驶" },
            education = "SeniorHigh",
        });

        // The ledger would otherwise hold a status before the discharge, which recording refuses.
        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "veterans.status_before_discharge");
        Assert.Equal("2022-09-01", (await Kit.GetOkAsync(op, $"/veterans/{id}")).GetProperty("dischargedOn").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Search_filters_by_region_category_current_status_and_identity_number_and_pages_newest_first(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host, Kit.Chongqing, "cq-search-officer");
        var employer = Kit.NewCreditCode(Kit.ChongqingDistrict);
        var numbers = new List<string>();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var idNumber = Kit.NewIdNumber(region: SearchCounty);
            numbers.Add(idNumber);
            ids.Add(await Kit.RegisterIdAsync(op, idNumber, i % 2 == 0 ? "SelfEmployedSoldier" : "Officer", SearchCounty));
        }

        await Kit.RecordAsync(op, ids[0], Kit.Employed(new DateOnly(2024, 1, 1), employer));
        await Kit.RecordAsync(op, ids[3], Kit.Employed(new DateOnly(2024, 1, 1), employer));
        await Kit.RecordAsync(op, ids[4], Kit.Status(new DateOnly(2024, 1, 1), "SeekingWork"));

        // Pages of two, newest registration first, until no cursor is given.
        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Kit.PostOkAsync(op, "/veterans/search", new { regionCode = SearchCounty, limit = 2, cursor });
            var items = page.GetProperty("items").EnumerateArray().ToArray();
            Assert.InRange(items.Length, 1, 2);
            Assert.All(items, v => Assert.Equal(SearchCounty, v.GetProperty("regionCode").GetString()));
            seen.AddRange(items.Select(v => v.GetProperty("id").GetGuid()));
            cursor = Kit.IsAbsent(page, "nextCursor") ? null : page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);

        var officers = await Kit.PostOkAsync(op, "/veterans/search", new { regionCode = SearchCounty, category = "Officer" });
        Assert.Equal([ids[3], ids[1]], officers.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));
        var employed = await Kit.PostOkAsync(op, "/veterans/search", new { regionCode = SearchCounty, currentStatus = "Employed" });
        Assert.Equal([ids[3], ids[0]], employed.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));
        Assert.All(employed.GetProperty("items").EnumerateArray(), v => Assert.Equal("Employed", v.GetProperty("currentStatus").GetString()));
        var officerEmployed = await Kit.PostOkAsync(op, "/veterans/search", new { regionCode = SearchCounty, category = "Officer", currentStatus = "Employed" });
        Assert.Equal([ids[3]], officerEmployed.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetGuid()));
        var person = Assert.Single((await Kit.PostOkAsync(op, "/veterans/search", new { identityNumber = numbers[2] })).GetProperty("items").EnumerateArray());
        Assert.Equal(ids[2], person.GetProperty("id").GetGuid());
        Assert.Equal(Masked(numbers[2]), person.GetProperty("identityNumber").GetString());

        // Leshan does not see them, even when it names the county.
        using var leshan = Kit.Operator(host);
        Assert.Equal(0, (await Kit.PostOkAsync(leshan, "/veterans/search", new { regionCode = SearchCounty })).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await Kit.PostOkAsync(leshan, "/veterans/search", new { identityNumber = numbers[0] })).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("regionCode", """{ "regionCode": "511199" }""")]
    [InlineData("identityNumber", """{ "identityNumber": "BAD-ID" }""")]
    [InlineData("cursor", """{ "cursor": "not-a-cursor" }""")]
    [InlineData("limit", """{ "limit": 201 }""")]
    [InlineData("limit", """{ "limit": 0 }""")]
    public async Task A_search_with_a_bad_filter_is_a_400_naming_it(string field, string json)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);

        json = json.Replace("BAD-ID", Kit.WithWrongCheckCharacter(Kit.NewIdNumber()), StringComparison.Ordinal);
        using var refused = await Kit.PostAsync(op, "/veterans/search", JsonDocument.Parse(json).RootElement);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_transfer_within_the_province_moves_the_veteran_out_of_the_senders_sight(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var sichuan = Kit.Operator(host, Kit.Sichuan, "sc-officer");
        using var chengdu = Kit.Operator(host, "510100", "cd-officer");
        var id = await Kit.RegisterIdAsync(op);
        await Kit.RecordAsync(op, id, Kit.Status(new DateOnly(2024, 2, 1), "SeekingWork"));

        var transfer = await Kit.PostOkAsync(op, $"/veterans/{id}/transfer", new { toRegionCode = Jinjiang, reason = "随家人迁居成都" });

        Assert.Equal(Kit.LeshanCounty, transfer.GetProperty("fromRegionCode").GetString());
        Assert.Equal(Jinjiang, transfer.GetProperty("toRegionCode").GetString());
        Assert.Equal(Kit.Day(Kit.ChinaToday), transfer.GetProperty("transferredOn").GetString());
        using (var gone = await Kit.GetAsync(op, $"/veterans/{id}"))
        {
            await HttpAssert.ProblemAsync(gone, HttpStatusCode.NotFound, "veterans.veteran_not_found");
        }

        using (var goneLedger = await Kit.GetAsync(op, $"/veterans/{id}/ledger"))
        {
            await HttpAssert.ProblemAsync(goneLedger, HttpStatusCode.NotFound, "veterans.veteran_not_found");
        }

        foreach (var receiver in new[] { sichuan, chengdu })
        {
            var moved = await Kit.GetOkAsync(receiver, $"/veterans/{id}");
            Assert.Equal(Jinjiang, moved.GetProperty("regionCode").GetString());
            var history = Assert.Single(moved.GetProperty("transfers").EnumerateArray());
            Assert.Equal("随家人迁居成都", history.GetProperty("reason").GetString());
            Assert.Equal("SeekingWork", (await Kit.LedgerAsync(receiver, id)).GetProperty("statusOn").GetString());
        }

        // The new region manages it from now on.
        await Kit.RecordAsync(chengdu, id, Kit.Status(new DateOnly(2024, 5, 1), "InTraining"));
        using var leshanWrite = await Kit.PostAsync(op, $"/veterans/{id}/ledger", Kit.Status(new DateOnly(2024, 6, 1), "SeekingWork"));
        await HttpAssert.ProblemAsync(leshanWrite, HttpStatusCode.NotFound, "veterans.veteran_not_found");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_transfer_across_provinces_hands_the_ledger_needs_and_history_to_the_receiver(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-receiver");
        var idNumber = Kit.NewIdNumber();
        var id = await Kit.RegisterIdAsync(op, idNumber);
        await Kit.RecordAsync(op, id, Kit.Status(new DateOnly(2024, 2, 1), "SeekingWork"));
        await Kit.RecordAsync(op, id, Kit.Employed(new DateOnly(2024, 8, 1), Kit.NewCreditCode()));
        await Kit.PostCreatedAsync(op, $"/veterans/{id}/training-needs", new { occupations = new[] { "4-10-01-05" }, preferredForm = "Online" });
        var surveyedBefore = (await Kit.GetOkAsync(chongqing, $"/training-needs/summary?regionCode={TransferCounty}")).GetProperty("surveyed").GetInt32();
        var yesterday = Kit.ChinaToday.AddDays(-1);

        var transfer = await Kit.PostOkAsync(op, $"/veterans/{id}/transfer", new { toRegionCode = TransferCounty, transferredOn = yesterday, reason = "异地安置" });

        Assert.Equal(Kit.Day(yesterday), transfer.GetProperty("transferredOn").GetString());
        using (var gone = await Kit.GetAsync(op, $"/veterans/{id}"))
        {
            await HttpAssert.ProblemAsync(gone, HttpStatusCode.NotFound, "veterans.veteran_not_found");
        }

        Assert.Equal(0, (await Kit.PostOkAsync(op, "/veterans/search", new { identityNumber = idNumber })).GetProperty("items").GetArrayLength());
        var moved = await Kit.GetOkAsync(chongqing, $"/veterans/{id}");
        Assert.Equal(TransferCounty, moved.GetProperty("regionCode").GetString());
        Assert.Equal("Employed", moved.GetProperty("currentStatus").GetString());
        var history = Assert.Single(moved.GetProperty("transfers").EnumerateArray());
        Assert.Equal(Kit.LeshanCounty, history.GetProperty("fromRegionCode").GetString());
        Assert.Equal(TransferCounty, history.GetProperty("toRegionCode").GetString());
        Assert.Equal(2, (await Kit.LedgerAsync(chongqing, id)).GetProperty("entries").GetArrayLength());
        var summary = await Kit.GetOkAsync(chongqing, $"/training-needs/summary?regionCode={TransferCounty}");
        Assert.Equal(surveyedBefore + 1, summary.GetProperty("surveyed").GetInt32());
        Assert.Contains(summary.GetProperty("byCountyAndOccupation").EnumerateArray(), n => n.GetProperty("occupationCode").GetString() == "4-10-01-05");

        // Moved back: the history keeps both moves, oldest first.
        await Kit.PostOkAsync(chongqing, $"/veterans/{id}/transfer", new { toRegionCode = Kit.LeshanCounty, reason = "返回原籍" });
        var back = await Kit.GetOkAsync(op, $"/veterans/{id}");
        Assert.Equal([TransferCounty, Kit.LeshanCounty], back.GetProperty("transfers").EnumerateArray().Select(t => t.GetProperty("toRegionCode").GetString()));
        using var lost = await Kit.GetAsync(chongqing, $"/veterans/{id}");
        await HttpAssert.ProblemAsync(lost, HttpStatusCode.NotFound, "veterans.veteran_not_found");
    }

    [Fact]
    public async Task A_transfer_to_the_region_the_veteran_is_in_is_refused()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var id = await Kit.RegisterIdAsync(op);

        using var refused = await Kit.PostAsync(op, $"/veterans/{id}/transfer", new { toRegionCode = Kit.LeshanCounty, reason = "原地" });

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "veterans.transfer_to_same_region");
        Assert.Equal(0, (await Kit.GetOkAsync(op, $"/veterans/{id}")).GetProperty("transfers").GetArrayLength());
    }

    [Fact]
    public async Task The_receiving_region_cannot_see_transfer_or_pull_in_a_veteran_of_another_region()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-puller");
        var id = await Kit.RegisterIdAsync(op);

        using var read = await Kit.GetAsync(chongqing, $"/veterans/{id}");
        using var pull = await Kit.PostAsync(chongqing, $"/veterans/{id}/transfer", new { toRegionCode = TransferCounty, reason = "拉入" });
        using var update = await Kit.SendAsync(chongqing, HttpMethod.Put, $"/veterans/{id}", new { name = "改名", category = "Other", branch = "Army", dischargedOn = new DateOnly(2022, 9, 1), rank = "上士", education = "SeniorHigh" });

        await HttpAssert.ProblemAsync(read, HttpStatusCode.NotFound, "veterans.veteran_not_found");
        await HttpAssert.ProblemAsync(pull, HttpStatusCode.NotFound, "veterans.veteran_not_found");
        await HttpAssert.ProblemAsync(update, HttpStatusCode.NotFound, "veterans.veteran_not_found");
        var still = await Kit.GetOkAsync(op, $"/veterans/{id}");
        Assert.Equal(Kit.LeshanCounty, still.GetProperty("regionCode").GetString());
        Assert.Equal("李退役", still.GetProperty("name").GetString());
        Assert.Equal(0, still.GetProperty("transfers").GetArrayLength());
    }

    [Fact]
    public async Task A_transfer_in_the_future_with_a_stale_If_Match_or_by_a_reviewer_is_refused()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host);
        var id = await Kit.RegisterIdAsync(op);

        using var future = await Kit.PostAsync(op, $"/veterans/{id}/transfer", new { toRegionCode = Jinjiang, transferredOn = Kit.ChinaToday.AddDays(1), reason = "迁居" });
        using var stale = await Kit.PostAsync(op, $"/veterans/{id}/transfer", new { toRegionCode = Jinjiang, reason = "迁居" }, "\"999\"");
        using var forbidden = await Kit.PostAsync(reviewer, $"/veterans/{id}/transfer", new { toRegionCode = Jinjiang, reason = "迁居" });
        using var unknown = await Kit.PostAsync(op, $"/veterans/{id}/transfer", new { toRegionCode = "519999", reason = "迁居" });

        Assert.Equal(["transferredOn"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(future, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "resource.precondition_failed");
        await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        Assert.Equal(["toRegionCode"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(unknown, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        var still = await Kit.GetOkAsync(op, $"/veterans/{id}");
        Assert.Equal(Kit.LeshanCounty, still.GetProperty("regionCode").GetString());
        Assert.Equal(0, still.GetProperty("transfers").GetArrayLength());
    }
}
