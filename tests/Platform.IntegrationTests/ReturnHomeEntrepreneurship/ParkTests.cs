using System.Net;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.ParkMentorKit;

namespace Platform.IntegrationTests.ReturnHomeEntrepreneurship;

/// <summary>
/// Parks and incubators: registration within the caller's region, tenants up to the capacity (the loser of a
/// race for the last place is refused), departures freeing places, the tenant list with past stays, capacity
/// changes with If-Match that never go below the tenants, search with cursor paging, region scoping and
/// refused input.
/// </summary>
public sealed class ParkTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string ParkFull = "entrepreneurship.park_full";
    private const string AlreadyTenant = "entrepreneurship.already_a_tenant";
    private const string NotTenant = "entrepreneurship.not_a_tenant";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_park_admits_up_to_its_capacity_and_a_release_frees_a_place(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var park = await Kit.ParkAsync(op, capacity: 2);
        var (_, first) = await Kit.FounderWithBusinessAsync(op);
        var (_, second) = await Kit.FounderWithBusinessAsync(op);
        var (_, third) = await Kit.FounderWithBusinessAsync(op);

        var registered = await Kit.GetOkAsync(op, $"/parks/{park}");
        Assert.Equal(2, registered.GetProperty("capacity").GetInt32());
        Assert.Equal(0, registered.GetProperty("tenants").GetInt32());
        Assert.Equal(2, registered.GetProperty("freePlaces").GetInt32());

        var admitted = await Kit.CreatedAsync(Kit.AdmitAsync(op, park, first, Kit.ChinaToday.AddDays(-10)));
        Assert.Equal(1, admitted.GetProperty("tenants").GetInt32());
        await Kit.CreatedAsync(Kit.AdmitAsync(op, park, second));

        using (var full = await Kit.AdmitAsync(op, park, third))
        {
            await HttpAssert.ProblemAsync(full, HttpStatusCode.Conflict, ParkFull);
        }

        using (var again = await Kit.AdmitAsync(op, park, first))
        {
            await HttpAssert.ProblemAsync(again, HttpStatusCode.Conflict, AlreadyTenant);
        }

        var atCapacity = await Kit.GetOkAsync(op, $"/parks/{park}");
        Assert.Equal(2, atCapacity.GetProperty("tenants").GetInt32());
        Assert.Equal(0, atCapacity.GetProperty("freePlaces").GetInt32());

        var released = await Kit.OkAsync(Kit.ReleaseAsync(op, park, first));
        Assert.Equal(1, released.GetProperty("tenants").GetInt32());
        Assert.Equal(1, released.GetProperty("freePlaces").GetInt32());
        var business = await Kit.GetOkAsync(op, $"/businesses/{first}");
        Assert.True(Kit.IsAbsent(business.GetProperty("business"), "parkId"));

        using (var twice = await Kit.ReleaseAsync(op, park, first))
        {
            await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict, NotTenant);
        }

        await Kit.CreatedAsync(Kit.AdmitAsync(op, park, third));
        var refilled = await Kit.GetOkAsync(op, $"/parks/{park}");
        Assert.Equal(2, refilled.GetProperty("tenants").GetInt32());

        // Now: the second and the third; in the past: the first, from ten days ago to today.
        var current = await Kit.GetOkAsync(op, $"/parks/{park}/tenants?current=true");
        Assert.Equal([second, third], current.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("businessId").GetGuid()).Order());
        Assert.All(current.GetProperty("items").EnumerateArray(), t => Assert.True(t.GetProperty("current").GetBoolean()));
        var past = Assert.Single((await Kit.GetOkAsync(op, $"/parks/{park}/tenants?current=false")).GetProperty("items").EnumerateArray());
        Assert.Equal(first, past.GetProperty("businessId").GetGuid());
        Assert.Equal(Kit.Day(Kit.ChinaToday.AddDays(-10)), past.GetProperty("from").GetString());
        Assert.Equal(Kit.Day(Kit.ChinaToday), past.GetProperty("to").GetString());
        Assert.False(string.IsNullOrEmpty(past.GetProperty("businessName").GetString()));

        // Every stay, a page of two then the rest: latest move-in first.
        var page = await Kit.GetOkAsync(op, $"/parks/{park}/tenants?limit=2");
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(2, page.GetProperty("tenants").GetInt32());
        var cursor = page.GetProperty("nextCursor").GetString();
        var rest = await Kit.GetOkAsync(op, $"/parks/{park}/tenants?limit=2&cursor={cursor}");
        var last = Assert.Single(rest.GetProperty("items").EnumerateArray());
        Assert.Equal(first, last.GetProperty("businessId").GetGuid());
        Assert.True(Kit.IsAbsent(rest, "nextCursor"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_admissions_racing_for_the_last_place_do_not_both_succeed(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var other = Kit.Operator(host, subject: "rhe-operator-2");

        for (var round = 0; round < 3; round++)
        {
            var park = await Kit.ParkAsync(op, capacity: 1);
            var (_, one) = await Kit.FounderWithBusinessAsync(op);
            var (_, two) = await Kit.FounderWithBusinessAsync(op);

            var answers = await Task.WhenAll(Kit.AdmitAsync(op, park, one), Kit.AdmitAsync(other, park, two));
            try
            {
                Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
                var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Created);
                await HttpAssert.ProblemAsync(refused, HttpStatusCode.Conflict, ParkFull);
            }
            finally
            {
                foreach (var answer in answers)
                {
                    answer.Dispose();
                }
            }

            var after = await Kit.GetOkAsync(op, $"/parks/{park}");
            Assert.Equal(1, after.GetProperty("tenants").GetInt32());
            Assert.Equal(0, after.GetProperty("freePlaces").GetInt32());
            Assert.Single((await Kit.GetOkAsync(op, $"/parks/{park}/tenants")).GetProperty("items").EnumerateArray());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_capacity_cannot_go_below_the_tenants_hosted_now(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var park = await Kit.ParkAsync(op, capacity: 3);
        await Kit.CreatedAsync(Kit.AdmitAsync(op, park, (await Kit.FounderWithBusinessAsync(op)).Business));
        await Kit.CreatedAsync(Kit.AdmitAsync(op, park, (await Kit.FounderWithBusinessAsync(op)).Business));

        using var read = await Kit.GetAsync(op, $"/parks/{park}");
        var etag = read.Headers.ETag?.Tag;
        Assert.NotNull(etag);
        var update = new { name = "乐山市返乡创业园（扩建）", level = "Provincial", @operator = "乐山市人社局", capacity = 1 };

        using (var below = await Kit.PutAsync(op, $"/parks/{park}", update, etag))
        {
            await HttpAssert.ProblemAsync(below, HttpStatusCode.Conflict, "entrepreneurship.capacity_below_tenants");
        }

        var updated = await Kit.OkAsync(Kit.PutAsync(op, $"/parks/{park}", update with { capacity = 2 }, etag));
        Assert.Equal(2, updated.GetProperty("capacity").GetInt32());
        Assert.Equal(0, updated.GetProperty("freePlaces").GetInt32());
        Assert.Equal("Provincial", updated.GetProperty("level").GetString());
        Assert.Equal("乐山市返乡创业园（扩建）", updated.GetProperty("name").GetString());

        using (var stale = await Kit.PutAsync(op, $"/parks/{park}", update with { capacity = 5 }, etag))
        {
            await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "resource.precondition_failed");
        }

        using (var full = await Kit.AdmitAsync(op, park, (await Kit.FounderWithBusinessAsync(op)).Business))
        {
            await HttpAssert.ProblemAsync(full, HttpStatusCode.Conflict, ParkFull);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_park_is_seen_only_within_its_region(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var leshan = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "rhe-cq-operator");
        var park = await Kit.ParkAsync(leshan, capacity: 5);
        var (_, business) = await Kit.FounderWithBusinessAsync(chongqing, Kit.Jiulongpo);

        using (var get = await Kit.GetAsync(chongqing, $"/parks/{park}"))
        {
            await HttpAssert.ProblemAsync(get, HttpStatusCode.NotFound, "entrepreneurship.park_not_found");
        }

        using (var tenants = await Kit.GetAsync(chongqing, $"/parks/{park}/tenants"))
        {
            await HttpAssert.ProblemAsync(tenants, HttpStatusCode.NotFound, "entrepreneurship.park_not_found");
        }

        using (var admit = await Kit.AdmitAsync(chongqing, park, business))
        {
            await HttpAssert.ProblemAsync(admit, HttpStatusCode.NotFound, "entrepreneurship.park_not_found");
        }

        using (var update = await Kit.PutAsync(chongqing, $"/parks/{park}", new { name = "改名", level = "County", @operator = "某", capacity = 9 }))
        {
            await HttpAssert.ProblemAsync(update, HttpStatusCode.NotFound, "entrepreneurship.park_not_found");
        }

        var seen = await Kit.PostOkAsync(chongqing, "/parks/search", new { limit = 200 });
        Assert.DoesNotContain(seen.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == park);

        using (var outside = await Kit.PostAsync(leshan, "/parks", Kit.ParkBody(Kit.Jiulongpo)))
        {
            await HttpAssert.ProblemAsync(outside, HttpStatusCode.Forbidden, "entrepreneurship.region_outside_caller");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Parks_are_searched_by_region_kind_and_level_newest_first_page_by_page(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        const string Mabian = "511133";
        var oldest = await Kit.ParkAsync(op, Mabian, kind: "Incubator", level: "National");
        var middle = await Kit.ParkAsync(op, Mabian, kind: "Incubator", level: "National");
        var newest = await Kit.ParkAsync(op, Mabian, kind: "Incubator", level: "National");
        var otherKind = await Kit.ParkAsync(op, Mabian, kind: "ReturnHomePark", level: "National");
        var otherLevel = await Kit.ParkAsync(op, Mabian, kind: "Incubator", level: "County");

        var found = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Kit.PostOkAsync(op, "/parks/search", new { regionCode = Mabian, kind = "Incubator", level = "National", cursor, limit = 2 });
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            found.AddRange(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
            cursor = Kit.IsAbsent(page, "nextCursor") ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal([newest, middle, oldest], found);
        Assert.DoesNotContain(otherKind, found);
        Assert.DoesNotContain(otherLevel, found);

        var byCity = await Kit.PostOkAsync(op, "/parks/search", new { regionCode = Kit.Leshan, kind = "ReturnHomePark", limit = 200 });
        Assert.Contains(byCity.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == otherKind);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Refused_input_answers_400_with_the_fields_at_fault(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);

        using (var bad = await Kit.PostAsync(op, "/parks", new { name = "", kind = "ReturnHomePark", level = "County", regionCode = "999999", @operator = "某", capacity = 10_001, recognisedOn = new DateOnly(2021, 1, 1) }))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["capacity", "name", "regionCode"], HttpAssert.ErrorFields(problem));
        }

        using (var zero = await Kit.PostAsync(op, "/parks", new { name = "园", kind = "ReturnHomePark", level = "County", regionCode = Kit.Shizhong, @operator = "某", capacity = 0 }))
        {
            var problem = await HttpAssert.ProblemAsync(zero, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["capacity", "recognisedOn"], HttpAssert.ErrorFields(problem));
        }

        using (var future = await Kit.PostAsync(op, "/parks", new { name = "园", kind = "Incubator", level = "County", regionCode = Kit.Shizhong, @operator = "某", capacity = 3, recognisedOn = Kit.ChinaToday.AddDays(1) }))
        {
            var problem = await HttpAssert.ProblemAsync(future, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "recognisedOn"));
        }

        var park = await Kit.ParkAsync(op);
        using (var noBusiness = await Kit.PostAsync(op, $"/parks/{park}/tenants", new { }))
        {
            var problem = await HttpAssert.ProblemAsync(noBusiness, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["businessId"], HttpAssert.ErrorFields(problem));
        }

        var (_, business) = await Kit.FounderWithBusinessAsync(op);
        using (var tomorrow = await Kit.AdmitAsync(op, park, business, Kit.ChinaToday.AddDays(1)))
        {
            var problem = await HttpAssert.ProblemAsync(tomorrow, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["from"], HttpAssert.ErrorFields(problem));
        }

        using (var badPage = await Kit.GetAsync(op, $"/parks/{park}/tenants?limit=0&cursor=nonsense"))
        {
            var problem = await HttpAssert.ProblemAsync(badPage, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["cursor", "limit"], HttpAssert.ErrorFields(problem));
        }

        using (var unknown = await Kit.AdmitAsync(op, Guid.NewGuid(), business))
        {
            await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound, "entrepreneurship.park_not_found");
        }
    }
}
