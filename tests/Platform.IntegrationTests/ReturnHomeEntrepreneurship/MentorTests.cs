using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.ParkMentorKit;

namespace Platform.IntegrationTests.ReturnHomeEntrepreneurship;

/// <summary>
/// The mentor pool and project library shared by Sichuan and Chongqing: visible to and kept by operators of
/// both provinces, matched to a founder by industry first and nearness second (the other province still
/// counts), every score explained; mentoring sessions recorded and listed for a founder the caller sees;
/// refused input.
/// </summary>
public sealed class MentorTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>马边彝族自治县, Leshan: only the matching tests put founders, mentors and projects here.</summary>
    private const string Mabian = "511133";

    private static Guid[] Ids(JsonElement list, string item) =>
        list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty(item).GetProperty("id").GetGuid()).ToArray();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Mentors_and_projects_are_seen_and_kept_by_operators_of_both_provinces(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var leshan = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "rhe-cq-operator");
        var name = $"渝北导师{Guid.NewGuid():N}"[..12];

        // A Leshan operator adds a mentor based in Chongqing; a Chongqing operator adds one based in Chengdu.
        var created = await Kit.PostCreatedAsync(leshan, "/mentors", Kit.MentorBody(name, "500112", "Tourism", "Catering", "Tourism"));
        var mentor = created.GetProperty("id").GetGuid();
        Assert.Equal(["Catering", "Tourism"], created.GetProperty("industries").EnumerateArray().Select(i => i.GetString()));
        Assert.True(created.GetProperty("active").GetBoolean());
        var chengdu = await Kit.MentorAsync(chongqing, "成都导师", Kit.Jinjiang, "Technology");

        Assert.Equal(name, (await Kit.GetOkAsync(chongqing, $"/mentors/{mentor}")).GetProperty("name").GetString());
        Assert.Equal(Kit.Jinjiang, (await Kit.GetOkAsync(leshan, $"/mentors/{chengdu}")).GetProperty("regionCode").GetString());
        var inChongqing = await Kit.PostOkAsync(chongqing, "/mentors/search", new { regionCode = Kit.Chongqing, industry = "Tourism", limit = 200 });
        Assert.Contains(mentor, inChongqing.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
        var fromLeshan = await Kit.PostOkAsync(leshan, "/mentors/search", new { regionCode = "500112", limit = 200 });
        Assert.Contains(mentor, fromLeshan.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
        var otherIndustry = await Kit.PostOkAsync(leshan, "/mentors/search", new { regionCode = "500112", industry = "Trade", limit = 200 });
        Assert.DoesNotContain(mentor, otherIndustry.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));

        // The Chongqing operator takes the mentor out of matching, with If-Match.
        using var read = await Kit.GetAsync(chongqing, $"/mentors/{mentor}");
        var etag = read.Headers.ETag?.Tag;
        Assert.Equal("\"1\"", etag);
        var change = new { name, organisation = "重庆市创业指导中心", industries = new[] { "Tourism" }, regionCode = "500112", expertise = "乡村旅游。", active = false };
        var updated = await Kit.OkAsync(Kit.PutAsync(chongqing, $"/mentors/{mentor}", change, etag));
        Assert.False(updated.GetProperty("active").GetBoolean());
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.Equal("重庆市创业指导中心", updated.GetProperty("organisation").GetString());
        using (var stale = await Kit.PutAsync(leshan, $"/mentors/{mentor}", change with { active = true }, etag))
        {
            await HttpAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "resource.precondition_failed");
        }

        var inactive = await Kit.PostOkAsync(leshan, "/mentors/search", new { regionCode = "500112", active = false, limit = 200 });
        Assert.Contains(mentor, inactive.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));
        var active = await Kit.PostOkAsync(leshan, "/mentors/search", new { regionCode = "500112", active = true, limit = 200 });
        Assert.DoesNotContain(mentor, active.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));

        // A project in Sichuan added from Chongqing, read, found and closed from Leshan.
        var project = await Kit.ProjectAsync(chongqing, "峨眉山茶叶精深加工", "511181", "Manufacturing");
        var got = await Kit.GetOkAsync(leshan, $"/projects/{project}");
        Assert.Equal(300_000.00m, got.GetProperty("investment").GetDecimal());
        Assert.True(got.GetProperty("open").GetBoolean());
        var found = await Kit.PostOkAsync(leshan, "/projects/search", new { regionCode = Kit.Leshan, industry = "Manufacturing", open = true, limit = 200 });
        Assert.Contains(project, found.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.False((await Kit.PostOkAsync(leshan, $"/projects/{project}/close", null)).GetProperty("open").GetBoolean());
        Assert.False((await Kit.PostOkAsync(leshan, $"/projects/{project}/close", null)).GetProperty("open").GetBoolean());
        var stillOpen = await Kit.PostOkAsync(chongqing, "/projects/search", new { regionCode = Kit.Leshan, open = true, limit = 200 });
        Assert.DoesNotContain(project, stillOpen.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        using (var missing = await Kit.GetAsync(leshan, $"/mentors/{Guid.NewGuid()}"))
        {
            await HttpAssert.ProblemAsync(missing, HttpStatusCode.NotFound, "entrepreneurship.mentor_not_found");
        }

        using (var noProject = await Kit.PostAsync(leshan, $"/projects/{Guid.NewGuid()}/close", null))
        {
            await HttpAssert.ProblemAsync(noProject, HttpStatusCode.NotFound, "entrepreneurship.project_not_found");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Mentors_are_matched_by_industry_first_then_nearness_across_the_provinces_with_the_score_explained(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "rhe-cq-operator");
        var (founder, _) = await Kit.FounderWithBusinessAsync(op, Mabian, "Logistics");

        var otherIndustryNextDoor = await Kit.MentorAsync(op, "甲 本县餐饮导师", Mabian, "Catering");
        var sameIndustryChongqing = await Kit.MentorAsync(chongqing, "乙 重庆物流导师", Kit.Jiulongpo, "Logistics");
        var sameIndustryCity = await Kit.MentorAsync(op, "丙 乐山物流导师", Kit.Shizhong, "Logistics", "Trade");
        var sameIndustryCounty = await Kit.MentorAsync(op, "丁 本县物流导师", Mabian, "Logistics");
        var inactive = await Kit.MentorAsync(op, "戊 本县物流导师（停用）", Mabian, "Logistics");
        await Kit.OkAsync(Kit.PutAsync(op, $"/mentors/{inactive}", new { name = "戊", organisation = "某", industries = new[] { "Logistics" }, regionCode = Mabian, expertise = "物流。", active = false }));

        var matches = await Kit.GetOkAsync(op, $"/entrepreneurs/{founder}/mentor-matches?limit=50", "en");
        Assert.Equal(founder, matches.GetProperty("entrepreneurId").GetGuid());
        Assert.Equal(Mabian, matches.GetProperty("homeRegionCode").GetString());
        Assert.Equal(["Logistics"], matches.GetProperty("industries").EnumerateArray().Select(i => i.GetString()));
        var ranked = Ids(matches, "mentor");
        Guid[] expected = [sameIndustryCounty, sameIndustryCity, sameIndustryChongqing, otherIndustryNextDoor];
        Assert.Equal(expected, ranked.Where(expected.Contains));
        Assert.DoesNotContain(inactive, ranked);

        var items = matches.GetProperty("items").EnumerateArray().ToDictionary(m => m.GetProperty("mentor").GetProperty("id").GetGuid());
        var county = items[sameIndustryCounty];
        Assert.Equal(90, county.GetProperty("score").GetInt32());
        Assert.Equal("SameCounty", county.GetProperty("proximity").GetString());
        Assert.Equal(["Logistics"], county.GetProperty("matchedIndustries").EnumerateArray().Select(i => i.GetString()));
        var reasons = county.GetProperty("reasons").EnumerateArray().ToArray();
        Assert.Equal(["Industry", "Region"], reasons.Select(r => r.GetProperty("factor").GetString()));
        Assert.Equal([60, 30], reasons.Select(r => r.GetProperty("points").GetInt32()));
        Assert.Contains("Same industry: Logistics", reasons[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        Assert.Equal(80, items[sameIndustryCity].GetProperty("score").GetInt32());
        Assert.Equal("SameCity", items[sameIndustryCity].GetProperty("proximity").GetString());
        var cross = items[sameIndustryChongqing];
        Assert.Equal(65, cross.GetProperty("score").GetInt32());
        Assert.Equal("OtherProvince", cross.GetProperty("proximity").GetString());
        Assert.Equal(5, cross.GetProperty("reasons")[1].GetProperty("points").GetInt32());
        Assert.Contains("Sichuan–Chongqing", cross.GetProperty("reasons")[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        var nextDoor = items[otherIndustryNextDoor];
        Assert.Equal(30, nextDoor.GetProperty("score").GetInt32());
        Assert.Equal(0, nextDoor.GetProperty("reasons")[0].GetProperty("points").GetInt32());
        Assert.Empty(nextDoor.GetProperty("matchedIndustries").EnumerateArray());

        // Chinese by default, the same order on every call, and a limit.
        var chinese = await Kit.GetOkAsync(op, $"/entrepreneurs/{founder}/mentor-matches?limit=50");
        Assert.Equal(ranked, Ids(chinese, "mentor"));
        Assert.Contains("行业相同", chinese.GetProperty("items")[0].GetProperty("reasons")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var top = await Kit.GetOkAsync(op, $"/entrepreneurs/{founder}/mentor-matches?limit=2");
        Assert.Equal([sameIndustryCounty, sameIndustryCity], Ids(top, "mentor"));

        // Outside the caller's region the founder does not exist.
        using var hidden = await Kit.GetAsync(chongqing, $"/entrepreneurs/{founder}/mentor-matches");
        await HttpAssert.ProblemAsync(hidden, HttpStatusCode.NotFound, "entrepreneurship.entrepreneur_not_found");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Open_projects_are_matched_by_industry_then_nearness(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var (founder, _) = await Kit.FounderWithBusinessAsync(op, Mabian, "Construction");

        var otherIndustry = await Kit.ProjectAsync(op, "本县民宿改造", Mabian, "Catering");
        var chongqing = await Kit.ProjectAsync(op, "重庆农房建设", Kit.Jiulongpo, "Construction");
        var county = await Kit.ProjectAsync(op, "本县农村道路", Mabian, "Construction");
        var closed = await Kit.ProjectAsync(op, "本县已关闭项目", Mabian, "Construction");
        await Kit.PostOkAsync(op, $"/projects/{closed}/close", null);

        var matches = await Kit.GetOkAsync(op, $"/entrepreneurs/{founder}/project-matches?limit=50");
        var ranked = Ids(matches, "project");
        Guid[] expected = [county, chongqing, otherIndustry];
        Assert.Equal(expected, ranked.Where(expected.Contains));
        Assert.DoesNotContain(closed, ranked);
        var items = matches.GetProperty("items").EnumerateArray().ToDictionary(m => m.GetProperty("project").GetProperty("id").GetGuid());
        Assert.Equal([90, 65, 30], expected.Select(id => items[id].GetProperty("score").GetInt32()));
        Assert.All(expected, id => Assert.Equal(2, items[id].GetProperty("reasons").GetArrayLength()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Mentoring_sessions_are_recorded_and_listed_for_a_founder_the_caller_sees(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "rhe-cq-operator");
        var founder = await Kit.FounderAsync(op);
        var mentor = await Kit.MentorAsync(chongqing, "重庆导师", Kit.Jiulongpo, "Trade");

        var first = await Kit.PostCreatedAsync(op, $"/entrepreneurs/{founder}/mentoring-sessions", new
        {
            mentorId = mentor,
            heldOn = Kit.ChinaToday.AddDays(-10),
            hours = 2m,
            topic = "电商选品",
            notes = "建议先做本地特产。",
        });
        Assert.Equal("重庆导师", first.GetProperty("mentorName").GetString());
        Assert.Equal(2m, first.GetProperty("hours").GetDecimal());
        await Kit.PostCreatedAsync(op, $"/entrepreneurs/{founder}/mentoring-sessions", new { mentorId = mentor, heldOn = Kit.ChinaToday.AddDays(-3), hours = 1.5m, topic = "直播带货" });

        var list = await Kit.GetOkAsync(op, $"/entrepreneurs/{founder}/mentoring-sessions");
        Assert.Equal(2, list.GetProperty("sessions").GetInt32());
        Assert.Equal(3.5m, list.GetProperty("totalHours").GetDecimal());
        Assert.Equal(["直播带货", "电商选品"], list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("topic").GetString()));
        Assert.Equal(Kit.Day(Kit.ChinaToday.AddDays(-3)), list.GetProperty("items")[0].GetProperty("heldOn").GetString());
        Assert.Equal("", list.GetProperty("items")[0].GetProperty("notes").GetString());
        Assert.All(list.GetProperty("items").EnumerateArray(), s => Assert.Equal(mentor, s.GetProperty("mentorId").GetGuid()));

        var empty = await Kit.GetOkAsync(op, $"/entrepreneurs/{await Kit.FounderAsync(op)}/mentoring-sessions");
        Assert.Equal(0, empty.GetProperty("sessions").GetInt32());
        Assert.Equal(0m, empty.GetProperty("totalHours").GetDecimal());

        using (var hiddenList = await Kit.GetAsync(chongqing, $"/entrepreneurs/{founder}/mentoring-sessions"))
        {
            await HttpAssert.ProblemAsync(hiddenList, HttpStatusCode.NotFound, "entrepreneurship.entrepreneur_not_found");
        }

        using (var hiddenRecord = await Kit.PostAsync(chongqing, $"/entrepreneurs/{founder}/mentoring-sessions", new { mentorId = mentor, heldOn = Kit.ChinaToday, hours = 1m, topic = "越界" }))
        {
            await HttpAssert.ProblemAsync(hiddenRecord, HttpStatusCode.NotFound, "entrepreneurship.entrepreneur_not_found");
        }

        using (var noMentor = await Kit.PostAsync(op, $"/entrepreneurs/{founder}/mentoring-sessions", new { mentorId = Guid.NewGuid(), heldOn = Kit.ChinaToday, hours = 1m, topic = "无此导师" }))
        {
            await HttpAssert.ProblemAsync(noMentor, HttpStatusCode.NotFound, "entrepreneurship.mentor_not_found");
        }

        using (var tomorrow = await Kit.PostAsync(op, $"/entrepreneurs/{founder}/mentoring-sessions", new { mentorId = mentor, heldOn = Kit.ChinaToday.AddDays(1), hours = 1m, topic = "明天" }))
        {
            var problem = await HttpAssert.ProblemAsync(tomorrow, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["heldOn"], HttpAssert.ErrorFields(problem));
        }

        Assert.Equal(2, (await Kit.GetOkAsync(op, $"/entrepreneurs/{founder}/mentoring-sessions")).GetProperty("sessions").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Refused_input_answers_400_with_the_fields_at_fault(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);

        using (var bad = await Kit.PostAsync(op, "/mentors", new { name = "", organisation = "某", industries = Array.Empty<string>(), regionCode = "999999", expertise = "" }))
        {
            var problem = await HttpAssert.ProblemAsync(bad, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["expertise", "industries", "name", "regionCode"], HttpAssert.ErrorFields(problem));
        }

        using (var tooMany = await Kit.PostAsync(op, "/mentors", Kit.MentorBody("导师", Kit.Shizhong, "Agriculture", "Trade", "Tourism", "Catering", "Logistics", "Services")))
        {
            var problem = await HttpAssert.ProblemAsync(tooMany, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["industries"], HttpAssert.ErrorFields(problem));
        }

        var mentor = await Kit.MentorAsync(op, "导师", Kit.Shizhong, "Agriculture");
        using (var noActive = await Kit.PutAsync(op, $"/mentors/{mentor}", Kit.MentorBody("导师", Kit.Shizhong, "Agriculture")))
        {
            var problem = await HttpAssert.ProblemAsync(noActive, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["active"], HttpAssert.ErrorFields(problem));
        }

        using (var project = await Kit.PostAsync(op, "/projects", new { title = "项目", industry = "Trade", regionCode = Kit.Shizhong, investment = -1m, description = "" }))
        {
            var problem = await HttpAssert.ProblemAsync(project, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["description", "investment"], HttpAssert.ErrorFields(problem));
        }

        var founder = await Kit.FounderAsync(op);
        using (var session = await Kit.PostAsync(op, $"/entrepreneurs/{founder}/mentoring-sessions", new { mentorId = mentor, heldOn = Kit.ChinaToday, hours = 0.25m, topic = "" }))
        {
            var problem = await HttpAssert.ProblemAsync(session, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["hours", "topic"], HttpAssert.ErrorFields(problem));
        }

        using (var limit = await Kit.GetAsync(op, $"/entrepreneurs/{founder}/mentor-matches?limit=51"))
        {
            var problem = await HttpAssert.ProblemAsync(limit, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["limit"], HttpAssert.ErrorFields(problem));
        }

        using (var search = await Kit.PostAsync(op, "/mentors/search", new { regionCode = "123", cursor = "x", limit = 201 }))
        {
            var problem = await HttpAssert.ProblemAsync(search, HttpStatusCode.BadRequest, Kit.ValidationFailed);
            Assert.Equal(["cursor", "limit", "regionCode"], HttpAssert.ErrorFields(problem));
        }
    }
}
