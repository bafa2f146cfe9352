using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using StudioKit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;
using VoucherKit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.VeteranEmployment;

/// <summary>
/// What the veteran employment tests share: fresh identity numbers and credit codes, callers, and the
/// module's steps as plain HTTP calls returning the JSON answered.
/// </summary>
public static class VeteranTestKit
{
    public const string Base = "/api/veteran-employment";

    public const string LeshanCounty = "511102";
    public const string Leshan = "511100";
    public const string Sichuan = "510000";
    public const string ChongqingDistrict = "500107";
    public const string Chongqing = "500000";

    public static DateOnly ChinaToday => VoucherKit.ChinaToday;

    public static string NewIdNumber(int age = 28, string region = LeshanCounty) => VoucherKit.NewIdNumber(age, region);

    public static string NewCreditCode(string division = LeshanCounty) => StudioKit.NewCreditCode(division);

    public static HttpClient Operator(PlatformFactory host, string region = Leshan, string subject = "veteran-officer-1") =>
        host.CreateClientAs("operator", region, subject);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, Base + path) { Content = body is null && method == HttpMethod.Get ? null : JsonContent.Create(body ?? new { }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, string? ifMatch = null) => SendAsync(client, HttpMethod.Post, path, body, ifMatch);

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

    /// <summary>Posts a CSV to the import.</summary>
    public static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        return await client.PostAsync(Base + "/ledger/imports", content, TestContext.Current.CancellationToken);
    }

    public static object VeteranBody(string? idNumber = null, string category = "SelfEmployedSoldier", string region = LeshanCounty, DateOnly? dischargedOn = null, params string[] specialties) => new
    {
        identityNumber = idNumber ?? NewIdNumber(),
        name = "李退役",
        category,
        branch = "Army",
        dischargedOn = dischargedOn ?? new DateOnly(2022, 9, 1),
        rank = "上士",
        specialties = specialties.Length == 0 ? new[] { "汽车驾驶", "通信" } : specialties,
        education = "SeniorHigh",
        regionCode = region,
    };

    /// <summary>Registers a veteran and returns the JSON answered.</summary>
    public static Task<JsonElement> RegisterAsync(HttpClient op, string? idNumber = null, string category = "SelfEmployedSoldier", string region = LeshanCounty, DateOnly? dischargedOn = null) =>
        PostCreatedAsync(op, "/veterans", VeteranBody(idNumber, category, region, dischargedOn));

    public static object Employed(DateOnly on, string employer, int contractMonths = 36, bool socialInsurance = true, Guid? corrects = null) => new
    {
        effectiveOn = on,
        status = "Employed",
        employerCode = employer,
        position = "驾驶员",
        contractMonths,
        socialInsurance,
        correctsEntryId = corrects,
    };

    public static object Status(DateOnly on, string status, Guid? corrects = null, string? businessName = null) => new
    {
        effectiveOn = on,
        status,
        businessName,
        correctsEntryId = corrects,
    };

    /// <summary>
    /// Reads until <paramref name="done"/> holds (events are delivered by the outbox relay in the
    /// background), at most 15 seconds; answers the last read either way so the caller's assertion fails
    /// with what was there.
    /// </summary>
    public static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
