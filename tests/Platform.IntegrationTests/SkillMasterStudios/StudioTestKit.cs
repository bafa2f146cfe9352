using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.BuildingBlocks.Identity;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using VoucherKit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.SkillMasterStudios;

/// <summary>
/// What the skill-master studio tests share: fresh credit codes and identity numbers, callers of each
/// role and level (city bureau, province, ministry, experts of an organisation), and the lifecycle steps
/// as plain HTTP calls returning the JSON answered.
/// </summary>
public static class StudioTestKit
{
    public const string Base = "/api/skill-master-studios";

    public const string LeshanCounty = "511102";
    public const string Leshan = "511100";
    public const string Sichuan = "510000";
    public const string Chongqing = "500000";
    public const string ChongqingDistrict = "500107";

    /// <summary>光伏组件制造工, an occupation code studios use in the tests.</summary>
    public const string Occupation = "6-24-04-04";

    private const string CreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static long organisations = Random.Shared.Next(0, 1_000_000);

    /// <summary>A fresh valid unified social credit code of an enterprise registered in <paramref name="division"/>.</summary>
    public static string NewCreditCode(string division = LeshanCounty)
    {
        var next = Interlocked.Increment(ref organisations);
        var first17 = $"91{division}MA{next % 10_000_000:D7}";
        var sum = first17.Select((c, i) => CreditAlphabet.IndexOf(c, StringComparison.Ordinal) * CreditWeights[i]).Sum();
        var check = (31 - (sum % 31)) % 31;
        var code = first17 + CreditAlphabet[check];
        return UnifiedSocialCreditCode.TryParse(code, out _) ? code : throw new InvalidOperationException($"Generated an invalid credit code {code}.");
    }

    public static string NewIdNumber(int age = 45, string region = LeshanCounty) => VoucherKit.NewIdNumber(age, region);

    /// <summary>Today in China Standard Time, as the module counts days.</summary>
    public static DateOnly ChinaToday => VoucherKit.ChinaToday;

    /// <summary>A city bureau operator (creates, submits, recommends).</summary>
    public static HttpClient Operator(PlatformFactory host, string region = Leshan, string subject = "city-operator-1") =>
        host.CreateClientAs("operator", region, subject);

    /// <summary>A reviewer deciding at <paramref name="region"/>'s level ("*" for the ministry).</summary>
    public static HttpClient Reviewer(PlatformFactory host, string region = Leshan, string subject = "decider-1") =>
        host.CreateClientAs("reviewer", region, subject);

    /// <summary>An expert: a reviewer with an organisation (org claim).</summary>
    public static HttpClient Expert(PlatformFactory host, string subject, string? organisation = null, string region = Sichuan) =>
        host.CreateClientAs("reviewer", region, subject, organisation ?? NewCreditCode("510104"));

    public static HttpClient Administrator(PlatformFactory host) => host.CreateClientAs("administrator", "*", "admin-1");

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, Base + path) { Content = body is null && method == HttpMethod.Get ? null : JsonContent.Create(body ?? new { }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, string? ifMatch = null) =>
        SendAsync(client, HttpMethod.Post, path, body, ifMatch);

    public static async Task<JsonElement> PostOkAsync(HttpClient client, string path, object? body)
    {
        using var response = await PostAsync(client, path, body);
        return await HttpAssert.ReadOkJsonAsync(response);
    }

    public static async Task<JsonElement> PostCreatedAsync(HttpClient client, string path, object? body)
    {
        using var response = await PostAsync(client, path, body);
        var json = await HttpAssert.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {json}");
        return json;
    }

    public static async Task<JsonElement> GetOkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(Base + path, TestContext.Current.CancellationToken);
        return await HttpAssert.ReadOkJsonAsync(response);
    }

    public static object MasterBody(string? idNumber = null, string level = "Level2", string region = LeshanCounty, string? employer = null) => new
    {
        identityNumber = idNumber ?? NewIdNumber(),
        name = "王大师",
        occupationCode = Occupation,
        qualificationLevel = level,
        honours = new[] { "全国技术能手", "四川省技术能手" },
        employerCode = employer ?? NewCreditCode(region),
        regionCode = region,
    };

    /// <summary>Registers a master and returns the JSON answered.</summary>
    public static Task<JsonElement> RegisterMasterAsync(HttpClient op, string level = "Level2", string region = LeshanCounty, string? employer = null) =>
        PostCreatedAsync(op, "/masters", MasterBody(level: level, region: region, employer: employer));

    public static object NewStudioBody(Guid master, string level = "Municipal", string region = LeshanCounty, string? host = null) => new
    {
        kind = "New",
        studioName = "乐山光伏组件技能大师工作室",
        hostCode = host ?? NewCreditCode(region),
        hostName = "乐山某光伏科技有限公司",
        leadMasterId = master,
        teamSize = 6,
        occupationCode = Occupation,
        field = "AdvancedManufacturing",
        regionCode = region,
        level,
        plan = "三年培养高级工以上徒弟 20 名，攻关技术难题 5 项。",
    };

    /// <summary>Creates a draft, submits it and has the city recommend it: the application's id.</summary>
    public static async Task<Guid> RecommendedApplicationAsync(PlatformFactory host, object body, string operatorRegion = Leshan)
    {
        using var op = Operator(host, operatorRegion);
        using var city = Operator(host, operatorRegion, "city-recommender-1");
        var draft = await PostCreatedAsync(op, "/applications", body);
        var id = draft.GetProperty("id").GetGuid();
        await PostOkAsync(op, $"/applications/{id}/submission", null);
        await PostOkAsync(city, $"/applications/{id}/recommendation", new { recommend = true, note = "同意推荐" });
        return id;
    }

    /// <summary>Three experts of other organisations score the application with <paramref name="scores"/>.</summary>
    public static async Task ScoreAsync(PlatformFactory host, Guid application, params decimal[] scores)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            using var expert = Expert(host, $"expert-{Guid.NewGuid():N}");
            await PostOkAsync(expert, $"/applications/{application}/scores", new { score = scores[i], comment = "技艺精湛，带徒成效明显。" });
        }
    }

    /// <summary>
    /// A studio accredited at municipal level from <paramref name="startsOn"/> (default today): a master,
    /// an application recommended, scored 85/88/90 by three experts and approved by a city reviewer.
    /// Returns (studio id, master id, application id).
    /// </summary>
    public static async Task<(Guid Studio, Guid Master, Guid Application)> AccreditedStudioAsync(PlatformFactory host, DateOnly? startsOn = null, string region = LeshanCounty)
    {
        var city = string.Concat(region.AsSpan(0, 4), "00");
        using var op = Operator(host, city);
        var master = (await RegisterMasterAsync(op, region: region)).GetProperty("id").GetGuid();
        var application = await RecommendedApplicationAsync(host, NewStudioBody(master, region: region), city);
        await ScoreAsync(host, application, 85m, 88m, 90m);
        using var reviewer = Reviewer(host, city);
        var decided = await PostOkAsync(reviewer, $"/applications/{application}/decision", new { approve = true, reason = "专家评审通过", startsOn });
        return (decided.GetProperty("studioId").GetGuid(), master, application);
    }
}
