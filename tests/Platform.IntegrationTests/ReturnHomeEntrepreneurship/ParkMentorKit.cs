using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using StudioKit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;
using VoucherKit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.ReturnHomeEntrepreneurship;

/// <summary>
/// What the park and mentor tests share: callers, fresh identity numbers and credit codes, and founders,
/// businesses, parks and mentors registered through HTTP.
/// </summary>
internal static class ParkMentorKit
{
    public const string Base = "/api/return-home-entrepreneurship";

    /// <summary>乐山市市中区.</summary>
    public const string Shizhong = "511102";

    /// <summary>乐山市沙湾区.</summary>
    public const string Shawan = "511111";

    public const string Leshan = "511100";

    /// <summary>成都市锦江区.</summary>
    public const string Jinjiang = "510104";

    /// <summary>重庆市九龙坡区.</summary>
    public const string Jiulongpo = "500107";

    public const string Chongqing = "500000";

    public const string ValidationFailed = "request.validation_failed";

    public static DateOnly ChinaToday => VoucherKit.ChinaToday;

    /// <summary>True when <paramref name="json"/> has no <paramref name="property"/> or it is null (nulls are left out of answers).</summary>
    public static bool IsAbsent(JsonElement json, string property) =>
        !json.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static HttpClient Operator(PlatformFactory host, string region = Leshan, string subject = "rhe-operator-1") =>
        host.CreateClientAs("operator", region, subject);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch = null, string? language = null)
    {
        using var request = new HttpRequestMessage(method, Base + path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (language is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", language);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, string? ifMatch = null) =>
        SendAsync(client, HttpMethod.Post, path, body ?? new { }, ifMatch);

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, object body, string? ifMatch = null) =>
        SendAsync(client, HttpMethod.Put, path, body, ifMatch);

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? language = null) =>
        SendAsync(client, HttpMethod.Get, path, null, language: language);

    public static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return await HttpAssert.ReadOkJsonAsync(response);
    }

    public static async Task<JsonElement> CreatedAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var json = await HttpAssert.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {json}");
        return json;
    }

    public static Task<JsonElement> GetOkAsync(HttpClient client, string path, string? language = null) => OkAsync(GetAsync(client, path, language));

    public static Task<JsonElement> PostOkAsync(HttpClient client, string path, object? body) => OkAsync(PostAsync(client, path, body));

    public static Task<JsonElement> PostCreatedAsync(HttpClient client, string path, object? body) => CreatedAsync(PostAsync(client, path, body));

    /// <summary>Registers a founder (a returning migrant worker) at home in <paramref name="county"/>; returns the id.</summary>
    public static async Task<Guid> FounderAsync(HttpClient op, string county = Shizhong)
    {
        var founder = await PostCreatedAsync(op, "/entrepreneurs", new
        {
            identityNumber = VoucherKit.NewIdNumber(34, county),
            name = "王返乡",
            category = "ReturningMigrantWorker",
            formerWorkplace = "广东省东莞市 电子厂",
            returnedOn = new DateOnly(2022, 3, 1),
            regionCode = county,
        });
        return founder.GetProperty("id").GetGuid();
    }

    /// <summary>Registers a business of <paramref name="founder"/> (operating in <paramref name="county"/>, registered a year ago); returns the id.</summary>
    public static async Task<Guid> BusinessAsync(HttpClient op, Guid founder, string county = Shizhong, string industry = "Agriculture")
    {
        var business = await PostCreatedAsync(op, "/businesses", new
        {
            entrepreneurId = founder,
            creditCode = StudioKit.NewCreditCode(county),
            name = $"返乡创业示范社 {Guid.NewGuid():N}"[..24],
            industry,
            legalForm = "IndividualBusiness",
            registeredOn = ChinaToday.AddYears(-1),
            regionCode = county,
            address = "乐山市市中区某镇某村 1 号",
        });
        return business.GetProperty("business").GetProperty("id").GetGuid();
    }

    /// <summary>A founder with one business; returns both ids.</summary>
    public static async Task<(Guid Founder, Guid Business)> FounderWithBusinessAsync(HttpClient op, string county = Shizhong, string industry = "Agriculture")
    {
        var founder = await FounderAsync(op, county);
        return (founder, await BusinessAsync(op, founder, county, industry));
    }

    public static object ParkBody(string region = Shizhong, int capacity = 2, string kind = "ReturnHomePark", string level = "Municipal", string? name = null) => new
    {
        name = name ?? $"返乡创业园 {Guid.NewGuid():N}"[..16],
        kind,
        level,
        regionCode = region,
        @operator = "乐山市返乡创业服务中心",
        capacity,
        recognisedOn = new DateOnly(2021, 6, 1),
    };

    /// <summary>Registers a park; returns the id.</summary>
    public static async Task<Guid> ParkAsync(HttpClient op, string region = Shizhong, int capacity = 2, string kind = "ReturnHomePark", string level = "Municipal") =>
        (await PostCreatedAsync(op, "/parks", ParkBody(region, capacity, kind, level))).GetProperty("id").GetGuid();

    public static Task<HttpResponseMessage> AdmitAsync(HttpClient op, Guid park, Guid business, DateOnly? from = null) =>
        PostAsync(op, $"/parks/{park}/tenants", new { businessId = business, from = from ?? ChinaToday });

    public static Task<HttpResponseMessage> ReleaseAsync(HttpClient op, Guid park, Guid business, DateOnly? to = null) =>
        PostAsync(op, $"/parks/{park}/tenants/{business}/release", new { to = to ?? ChinaToday });

    public static object MentorBody(string name, string region, params string[] industries) => new
    {
        name,
        organisation = "川渝返乡创业导师团",
        industries,
        regionCode = region,
        expertise = "生产经营、市场营销与融资。",
    };

    /// <summary>Registers a mentor; returns the id.</summary>
    public static async Task<Guid> MentorAsync(HttpClient op, string name, string region, params string[] industries) =>
        (await PostCreatedAsync(op, "/mentors", MentorBody(name, region, industries))).GetProperty("id").GetGuid();

    /// <summary>Adds a project; returns the id.</summary>
    public static async Task<Guid> ProjectAsync(HttpClient op, string title, string region, string industry) =>
        (await PostCreatedAsync(op, "/projects", new { title, industry, regionCode = region, investment = 300_000.00m, description = "适合返乡人员承接的项目。" })).GetProperty("id").GetGuid();
}
