using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Integration;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;
using Platform.Modules.VeteranEmployment.Contracts;
using Kit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.EntrepreneurshipTestKit;
using VeteranKit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;

namespace Platform.IntegrationTests.ReturnHomeEntrepreneurship;

/// <summary>
/// Founders: registration (one person once in the whole platform, masked identity numbers in lists, field
/// errors, the caller's region), updates with If-Match, search with cursor paging, and veterans recognised
/// from the veteran registry's VeteranRegistered in either order.
/// </summary>
public sealed class FounderTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>犍为县.</summary>
    private const string County = "511123";

    /// <summary>井研县: only the search test registers founders here.</summary>
    private const string SearchCounty = "511124";

    /// <summary>梁平区, Chongqing.</summary>
    private const string ChongqingCounty = "500155";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_registered_founder_is_answered_201_with_the_birth_date_and_masked_in_lists(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var auditor = Kit.Auditor(host);
        var idNumber = Kit.NewIdNumber(County, age: 33);

        using var created = await Kit.PostAsync(op, "/entrepreneurs", Kit.FounderBody(idNumber, County, "CollegeGraduate", new DateOnly(2024, 4, 1), new DateOnly(2024, 5, 1)));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var founder = await HttpAssert.ReadJsonAsync(created);
        var id = Kit.Id(founder);
        Assert.Equal($"/api/return-home-entrepreneurship/entrepreneurs/{id}", created.Headers.Location?.ToString());
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());
        Assert.Equal(Kit.Masked(idNumber), Kit.Text(founder, "identityNumber"));
        var birth = DateOnly.ParseExact(idNumber.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);
        Assert.Equal(Kit.Day(birth), Kit.Text(founder, "birthDate"));
        Assert.Equal("CollegeGraduate", Kit.Text(founder, "category"));
        Assert.Equal("2024-04-01", Kit.Text(founder, "returnedOn"));
        Assert.Equal("2024-05-01", Kit.Text(founder, "socialInsuranceSince"));
        Assert.Equal(County, Kit.Text(founder, "regionCode"));
        Assert.Equal(Kit.Day(Kit.ChinaToday), Kit.Text(founder, "registeredOn"));
        Assert.True(Kit.IsAbsent(founder, "veteranId"));
        Assert.Equal(0, founder.GetProperty("businesses").GetArrayLength());

        // Lists are masked for every caller; the auditor's single read too.
        foreach (var client in new[] { op, auditor })
        {
            var found = Assert.Single((await Kit.PostOkAsync(client, "/entrepreneurs/search", new { identityNumber = idNumber })).GetProperty("items").EnumerateArray());
            Assert.Equal(id, Kit.Id(found));
            Assert.Equal(Kit.Masked(idNumber), Kit.Text(found, "identityNumber"));
            Assert.False(found.GetProperty("isVeteran").GetBoolean());
        }

        Assert.Equal(Kit.Masked(idNumber), Kit.Text(await Kit.GetOkAsync(auditor, $"/entrepreneurs/{id}"), "identityNumber"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_person_is_registered_once_in_the_whole_platform_also_from_the_other_province(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "rhe-cq-officer");
        var idNumber = Kit.NewIdNumber(County);
        await Kit.RegisterFounderAsync(op, County, idNumber);

        using var again = await Kit.PostAsync(op, "/entrepreneurs", Kit.FounderBody(idNumber, County, "Other"));
        using var elsewhere = await Kit.PostAsync(chongqing, "/entrepreneurs", Kit.FounderBody(idNumber, ChongqingCounty));
        using var lowerCase = await Kit.PostAsync(op, "/entrepreneurs", Kit.FounderBody(idNumber.ToLowerInvariant(), County));

        await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, "entrepreneurship.entrepreneur_exists");
        await HttpAssert.ProblemAsync(elsewhere, HttpStatusCode.Conflict, "entrepreneurship.entrepreneur_exists");
        await HttpAssert.ProblemAsync(lowerCase, HttpStatusCode.Conflict, "entrepreneurship.entrepreneur_exists");

        // Chongqing does not see the Sichuan record it collided with.
        Assert.Equal(0, (await Kit.PostOkAsync(chongqing, "/entrepreneurs/search", new { identityNumber = idNumber })).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("identityNumber")]
    [InlineData("regionCode")]
    [InlineData("returnedOn")]
    [InlineData("socialInsuranceSince")]
    [InlineData("name")]
    [InlineData("formerWorkplace")]
    public async Task A_founder_with_a_bad_field_is_a_400_naming_it_and_is_not_registered(string field)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber(County);
        var body = new
        {
            identityNumber = field == "identityNumber" ? Kit.WithWrongCheckCharacter(idNumber) : idNumber,
            name = field == "name" ? " " : "王返乡",
            category = "ReturningMigrantWorker",
            formerWorkplace = field == "formerWorkplace" ? new string('厂', 201) : "浙江省义乌市",
            returnedOn = field == "returnedOn" ? Kit.ChinaToday.AddDays(1) : new DateOnly(2023, 2, 1),
            regionCode = field == "regionCode" ? "511199" : County,
            socialInsuranceSince = field == "socialInsuranceSince" ? Kit.ChinaToday.AddDays(3) : new DateOnly(2023, 3, 1),
        };

        using var refused = await Kit.PostAsync(op, "/entrepreneurs", body);

        var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal([field], HttpAssert.ErrorFields(problem));
        Assert.Equal(0, (await Kit.PostOkAsync(op, "/entrepreneurs/search", new { identityNumber = idNumber })).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_person_who_is_not_a_registered_veteran_must_be_given_a_category()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber(County);

        using var refused = await Kit.PostAsync(op, "/entrepreneurs", Kit.FounderBody(idNumber, County, category: null));

        Assert.Equal(["category"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
    }

    [Fact]
    public async Task Registering_outside_the_callers_region_is_403_and_a_bank_or_reviewer_may_only_read()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host);
        using var auditor = Kit.Auditor(host);
        var idNumber = Kit.NewIdNumber(County);

        using var outside = await Kit.PostAsync(op, "/entrepreneurs", Kit.FounderBody(idNumber, ChongqingCounty));
        using var byReviewer = await Kit.PostAsync(reviewer, "/entrepreneurs", Kit.FounderBody(idNumber, County));
        using var byAuditor = await Kit.PostAsync(auditor, "/entrepreneurs", Kit.FounderBody(idNumber, County));

        await HttpAssert.ProblemAsync(outside, HttpStatusCode.Forbidden, "entrepreneurship.region_outside_caller");
        await HttpAssert.ProblemAsync(byReviewer, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        await HttpAssert.ProblemAsync(byAuditor, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        using var admin = host.CreateClient();
        Assert.Equal(0, (await Kit.PostOkAsync(admin, "/entrepreneurs/search", new { identityNumber = idNumber })).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_update_with_a_stale_If_Match_is_412_and_changes_nothing(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var id = await Kit.FounderIdAsync(op, County, insured: false);
        using var read = await Kit.GetAsync(op, $"/entrepreneurs/{id}");
        var etag = read.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag.");
        object Update(string name, DateOnly? insuredSince) => new
        {
            name,
            category = "UrbanToRural",
            formerWorkplace = "成都市高新区",
            returnedOn = new DateOnly(2021, 6, 1),
            socialInsuranceSince = insuredSince,
        };

        using var updated = await Kit.SendAsync(op, HttpMethod.Put, $"/entrepreneurs/{id}", Update("李入乡", new DateOnly(2024, 1, 1)), etag);
        using var stale = await Kit.SendAsync(op, HttpMethod.Put, $"/entrepreneurs/{id}", Update("赵入乡", null), etag);
        using var future = await Kit.SendAsync(op, HttpMethod.Put, $"/entrepreneurs/{id}", Update("赵入乡", Kit.ChinaToday.AddDays(1)));

        var answer = await HttpAssert.ReadOkJsonAsync(updated);
        Assert.Equal("李入乡", Kit.Text(answer, "name"));
        Assert.Equal("UrbanToRural", Kit.Text(answer, "category"));
        Assert.Equal("2024-01-01", Kit.Text(answer, "socialInsuranceSince"));
        Assert.Equal(2, answer.GetProperty("version").GetInt32());
        Assert.Equal("\"2\"", updated.Headers.ETag?.ToString());
        await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, Kit.PreconditionFailed);
        Assert.Equal(["socialInsuranceSince"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(future, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        var now = await Kit.GetOkAsync(op, $"/entrepreneurs/{id}");
        Assert.Equal("李入乡", Kit.Text(now, "name"));
        Assert.Equal(County, Kit.Text(now, "regionCode"));
        Assert.Equal(2, now.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Search_filters_by_region_category_and_identity_number_and_pages_newest_first(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var numbers = new List<string>();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var idNumber = Kit.NewIdNumber(SearchCounty);
            numbers.Add(idNumber);
            var category = i % 2 == 0 ? "ReturningMigrantWorker" : "RuralResident";
            ids.Add(Kit.Id(await Kit.PostCreatedAsync(op, "/entrepreneurs", Kit.FounderBody(idNumber, SearchCounty, category))));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Kit.PostOkAsync(op, "/entrepreneurs/search", new { regionCode = SearchCounty, limit = 2, cursor });
            var items = page.GetProperty("items").EnumerateArray().ToArray();
            Assert.InRange(items.Length, 1, 2);
            Assert.All(items, f => Assert.Equal(SearchCounty, Kit.Text(f, "regionCode")));
            Assert.All(items, f => Assert.Matches("^[0-9]{6}\\*{8}[0-9]{3}[0-9X]$", Kit.Text(f, "identityNumber")));
            seen.AddRange(items.Select(Kit.Id));
            cursor = Kit.IsAbsent(page, "nextCursor") ? null : Kit.Text(page, "nextCursor");
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);
        var rural = await Kit.PostOkAsync(op, "/entrepreneurs/search", new { regionCode = SearchCounty, category = "RuralResident" });
        Assert.Equal([ids[3], ids[1]], rural.GetProperty("items").EnumerateArray().Select(Kit.Id));
        var person = Assert.Single((await Kit.PostOkAsync(op, "/entrepreneurs/search", new { identityNumber = numbers[2] })).GetProperty("items").EnumerateArray());
        Assert.Equal(ids[2], Kit.Id(person));

        // The city covers the county; Chongqing sees none of them even when it names the county.
        var city = await Kit.PostOkAsync(op, "/entrepreneurs/search", new { regionCode = Kit.Leshan, limit = 200 });
        Assert.Superset(ids.ToHashSet(), city.GetProperty("items").EnumerateArray().Select(Kit.Id).ToHashSet());
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "rhe-cq-searcher");
        Assert.Equal(0, (await Kit.PostOkAsync(chongqing, "/entrepreneurs/search", new { regionCode = SearchCounty })).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("regionCode", """{ "regionCode": "511199" }""")]
    [InlineData("identityNumber", """{ "identityNumber": "BAD-ID" }""")]
    [InlineData("cursor", """{ "cursor": "not-a-cursor" }""")]
    [InlineData("limit", """{ "limit": 201 }""")]
    public async Task A_search_with_a_bad_filter_is_a_400_naming_it(string field, string json)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);

        json = json.Replace("BAD-ID", Kit.WithWrongCheckCharacter(Kit.NewIdNumber(County)), StringComparison.Ordinal);
        using var refused = await Kit.PostAsync(op, "/entrepreneurs/search", JsonDocument.Parse(json).RootElement);

        Assert.Equal([field], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(refused, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_veteran_registered_in_the_veteran_registry_is_recognised_as_a_founder_without_a_category(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var veteranOfficer = VeteranKit.Operator(host);
        var idNumber = Kit.NewIdNumber(County);
        var veteran = await VeteranKit.RegisterIdAsync(veteranOfficer, idNumber, region: County);
        var blindIndex = await Kit.BlindIndexAsync(host, idNumber);

        // The module learns of the veteran from VeteranRegistered, delivered by the outbox relay.
        var known = await Kit.EventuallyAsync(
            () => Kit.DbAsync(host, db => db.KnownVeterans.AsNoTracking().Where(v => v.PersonBlindIndex == blindIndex).Select(v => (Guid?)v.VeteranId).SingleOrDefaultAsync(Token)),
            v => v is not null);
        Assert.Equal(veteran, known);

        var founder = await Kit.PostCreatedAsync(op, "/entrepreneurs", Kit.FounderBody(idNumber, County, category: null));

        Assert.Equal("Veteran", Kit.Text(founder, "category"));
        Assert.Equal(veteran, founder.GetProperty("veteranId").GetGuid());
        var listed = Assert.Single((await Kit.PostOkAsync(op, "/entrepreneurs/search", new { identityNumber = idNumber })).GetProperty("items").EnumerateArray());
        Assert.True(listed.GetProperty("isVeteran").GetBoolean());
        Assert.Equal("Veteran", Kit.Text(listed, "category"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_founder_registered_before_the_veteran_is_linked_when_the_veteran_registers(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var veteranOfficer = VeteranKit.Operator(host);
        var idNumber = Kit.NewIdNumber(County);
        var founder = Kit.Id(await Kit.RegisterFounderAsync(op, County, idNumber, "ReturningMigrantWorker"));

        var veteran = await VeteranKit.RegisterIdAsync(veteranOfficer, idNumber, region: County);

        var linked = await Kit.EventuallyAsync(() => Kit.GetOkAsync(op, $"/entrepreneurs/{founder}"), f => !Kit.IsAbsent(f, "veteranId"));
        Assert.Equal(veteran, linked.GetProperty("veteranId").GetGuid());

        // The category given at registration stays; the list shows the founder as a veteran.
        Assert.Equal("ReturningMigrantWorker", Kit.Text(linked, "category"));
        Assert.True(Assert.Single((await Kit.PostOkAsync(op, "/entrepreneurs/search", new { identityNumber = idNumber })).GetProperty("items").EnumerateArray())
            .GetProperty("isVeteran").GetBoolean());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_redelivered_VeteranRegistered_is_remembered_once_and_links_the_founder(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber(County);
        var founder = Kit.Id(await Kit.RegisterFounderAsync(op, County, idNumber, "RuralResident"));
        var blindIndex = await Kit.BlindIndexAsync(host, idNumber);
        var registered = new VeteranRegistered(Guid.CreateVersion7(), blindIndex, "SelfEmployedSoldier", County, new DateOnly(2022, 9, 1), Kit.ChinaToday);

        for (var delivery = 0; delivery < 2; delivery++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var handler = new VeteranRegisteredHandler(scope.ServiceProvider.GetRequiredService<ReturnHomeEntrepreneurshipDbContext>());
            await handler.HandleAsync(registered, Token);
        }

        Assert.Equal(1, await Kit.DbAsync(host, db => db.KnownVeterans.AsNoTracking().CountAsync(v => v.PersonBlindIndex == blindIndex, Token)));
        var linked = await Kit.GetOkAsync(op, $"/entrepreneurs/{founder}");
        Assert.Equal(registered.VeteranId, linked.GetProperty("veteranId").GetGuid());
        Assert.Equal("RuralResident", Kit.Text(linked, "category"));
    }
}
