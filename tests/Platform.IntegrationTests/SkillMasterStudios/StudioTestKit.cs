using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Messaging;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.SkillMasterStudios.Persistence;
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

    /// <summary>Kinds of problems a lost race may answer with (besides the rule's own code).</summary>
    public const string ConcurrentUpdate = "resource.concurrent_update";

    /// <summary>Leshan counties no test outside its class uses, so counts there are exact.</summary>
    public const string Qianwei = "511123";

    public const string Jingyan = "511124";

    public const string Jiajiang = "511126";

    public const string Shawan = "511111";

    /// <summary>An auditor (reads without pii.read).</summary>
    public static HttpClient Auditor(PlatformFactory host, string region = Leshan, string subject = "auditor-1") =>
        host.CreateClientAs("auditor", region, subject);

    /// <summary>The ministry's reviewer (unrestricted region).</summary>
    public static HttpClient Ministry(PlatformFactory host, string subject = "ministry-decider") =>
        host.CreateClientAs("reviewer", "*", subject);

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path) =>
        await client.GetAsync(Base + path, TestContext.Current.CancellationToken);

    /// <summary>Posts raw JSON text.</summary>
    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await client.PostAsync(Base + path, content, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts with an Idempotency-Key.</summary>
    public static async Task<HttpResponseMessage> PostIdempotentAsync(HttpClient client, string path, object? body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Base + path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The strong ETag of a response (<c>"3"</c>).</summary>
    public static string ETagOf(HttpResponseMessage response) => response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag.");

    /// <summary>A body for a new studio with a chosen field.</summary>
    public static object NewStudioBody(Guid master, string level, string region, string? host, string field) => new
    {
        kind = "New",
        studioName = "技能大师工作室",
        hostCode = host ?? NewCreditCode(region),
        hostName = "某依托单位",
        leadMasterId = master,
        teamSize = 5,
        occupationCode = Occupation,
        field,
        regionCode = region,
        level,
        plan = "三年培养徒弟 10 名。",
    };

    /// <summary>The body of an upgrade or renewal of <paramref name="studio"/>.</summary>
    public static object ExistingStudioBody(Guid studio, string kind, string level) => new { kind, studioId = studio, level, teamSize = 6, plan = "新一期建设计划。" };

    /// <summary>Registers a fresh master and returns its id.</summary>
    public static async Task<Guid> MasterIdAsync(PlatformFactory host, string level = "Level2", string region = LeshanCounty, string? employer = null)
    {
        using var op = Operator(host, CityOf(region));
        return (await RegisterMasterAsync(op, level, region, employer)).GetProperty("id").GetGuid();
    }

    /// <summary>The city (or Chongqing) an operator of <paramref name="region"/> works for.</summary>
    public static string CityOf(string region) => region.StartsWith("50", StringComparison.Ordinal) ? Chongqing : string.Concat(region.AsSpan(0, 4), "00");

    /// <summary>Creates a draft and returns its id.</summary>
    public static async Task<Guid> DraftAsync(HttpClient op, object body) => (await PostCreatedAsync(op, "/applications", body)).GetProperty("id").GetGuid();

    /// <summary>A draft created and submitted by a city operator: its id.</summary>
    public static async Task<Guid> SubmittedAsync(PlatformFactory host, object body, string operatorRegion = Leshan)
    {
        using var op = Operator(host, operatorRegion);
        var id = await DraftAsync(op, body);
        await PostOkAsync(op, $"/applications/{id}/submission", null);
        return id;
    }

    /// <summary>Recommended and scored by experts of the region <paramref name="expertRegion"/>.</summary>
    public static async Task<Guid> ScoredApplicationAsync(PlatformFactory host, object body, string operatorRegion = Leshan, string expertRegion = Sichuan, params decimal[] scores)
    {
        var id = await RecommendedApplicationAsync(host, body, operatorRegion);
        foreach (var score in scores.Length == 0 ? [85m, 88m, 90m] : scores)
        {
            using var expert = Expert(host, $"expert-{Guid.NewGuid():N}", region: expertRegion);
            await PostOkAsync(expert, $"/applications/{id}/scores", new { score, comment = "同意。" });
        }

        return id;
    }

    /// <summary>The id of the studio's current (last) accreditation.</summary>
    public static async Task<Guid> CurrentAccreditationAsync(HttpClient client, Guid studio)
    {
        var json = await GetOkAsync(client, $"/studios/{studio}");
        return json.GetProperty("accreditations").EnumerateArray().Last().GetProperty("id").GetGuid();
    }

    /// <summary>The body of an annual report of <paramref name="year"/>.</summary>
    public static object ReportBody(int year, params object[] apprentices) => new
    {
        year,
        apprentices,
        problemsSolved = 2,
        craftsHandedDown = 1,
        innovations = 1,
        patents = 0,
        trainingSessions = 4,
        competitions = 1,
        summary = "完成年度任务。",
    };

    /// <summary>An apprentice entry; with <paramref name="level"/> the certificate is dated 1 September of <paramref name="year"/>.</summary>
    public static object ApprenticeEntry(int year, string? level = null, string? idNumber = null) => level is null
        ? new { identityNumber = idNumber ?? NewIdNumber(age: 22), levelReached = (string?)null, qualifiedOn = (DateOnly?)null, certificateNumber = (string?)null }
        : new { identityNumber = idNumber ?? NewIdNumber(age: 22), levelReached = (string?)level, qualifiedOn = (DateOnly?)new DateOnly(year, 9, 1), certificateNumber = (string?)$"C-{Guid.NewGuid():N}"[..20] };

    /// <summary>Submits a report and has a city reviewer assess it with <paramref name="score"/>: the assessed report.</summary>
    public static async Task<JsonElement> ReportAndAssessAsync(PlatformFactory host, Guid studio, int year, decimal score, bool fraud = false, string region = Leshan)
    {
        using var op = Operator(host, region);
        using var assessor = Reviewer(host, region, "assessor-1");
        var report = await PostCreatedAsync(op, $"/studios/{studio}/annual-reports", ReportBody(year));
        return await PostOkAsync(assessor, $"/annual-reports/{report.GetProperty("id").GetGuid()}/assessment", new { score, fraud, comment = "考核意见。" });
    }

    /// <summary>The body of SetProgramRules with the defaults of the domain guide.</summary>
    public static object RulesBody(string region, DateOnly from, DateOnly? to = null, bool ladderRequired = true, int termYears = 3, decimal excellentFrom = 90m, decimal qualifiedFrom = 60m) => new
    {
        regionCode = region,
        effectiveFrom = from,
        effectiveTo = to,
        termYears,
        minimumAverageScore = 80m,
        minimumExperts = 3,
        unqualifiedYearsBeforeRevocation = 2,
        excellentFrom,
        qualifiedFrom,
        reportDueMonth = 3,
        reportDueDay = 31,
        ladderRequired,
        renewalWindowDays = 180,
    };

    /// <summary>Gives <paramref name="county"/> its own rules without the level ladder (from 2019), unless it already has them.</summary>
    public static async Task SwitchLadderOffAsync(PlatformFactory host, string county)
    {
        using var admin = Administrator(host);
        var current = await GetOkAsync(admin, $"/program-rules?regionCode={county}");
        if (current.GetProperty("regionCode").GetString() == county && !current.GetProperty("ladderRequired").GetBoolean())
        {
            return;
        }

        await PostCreatedAsync(admin, "/program-rules", RulesBody(county, new DateOnly(2019, 1, 1), ladderRequired: false));
    }

    /// <summary>The names of the module's outbox events whose payload mentions <paramref name="id"/>.</summary>
    public static async Task<List<string>> OutboxEventsMentioningAsync(PlatformFactory host, Guid id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillMasterStudiosDbContext>();
        var needle = id.ToString();
        var events = await db.Set<OutboxMessage>().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        return events.Where(e => e.Payload.Contains(needle, StringComparison.OrdinalIgnoreCase)).Select(e => e.EventName).ToList();
    }

    /// <summary>Runs <paramref name="read"/> against the module's database, past every region filter.</summary>
    internal static async Task<T> ReadDbAsync<T>(PlatformFactory host, Func<SkillMasterStudiosDbContext, Task<T>> read)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<SkillMasterStudiosDbContext>());
    }

    /// <summary>The audit outcomes of <paramref name="action"/> on records whose identifier contains <paramref name="entityId"/>.</summary>
    public static async Task<string[]> AuditOutcomesAsync(PlatformFactory host, string action, string entityId)
    {
        using var admin = host.CreateClient();
        using var response = await admin.GetAsync($"/api/platform/audit?action={action}&entityId={entityId}", TestContext.Current.CancellationToken);
        var json = await HttpAssert.ReadOkJsonAsync(response);
        return json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("outcome").GetString() ?? "").ToArray();
    }

    /// <summary>The 403 code of a caller whose role lacks the endpoint's permission.</summary>
    public const string PermissionMissing = "auth.permission_missing";

    /// <summary>True when <paramref name="json"/> has no <paramref name="property"/> or it is null (nulls are left out of answers).</summary>
    public static bool IsAbsent(JsonElement json, string property) =>
        !json.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;
}
