using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.VeteranEmployment.Persistence;
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

    /// <summary>The 403 code of a caller whose role lacks the endpoint's permission.</summary>
    public const string PermissionMissing = "auth.permission_missing";

    public const string ValidationFailed = "request.validation_failed";

    public const string MalformedJson = "request.malformed_json";

    /// <summary>An administrator of both provinces.</summary>
    public static HttpClient Administrator(PlatformFactory host, string subject = "veteran-admin") => host.CreateClientAs("administrator", "*", subject);

    /// <summary>An auditor (reads, without pii.read).</summary>
    public static HttpClient Auditor(PlatformFactory host, string region = Leshan, string subject = "veteran-auditor") => host.CreateClientAs("auditor", region, subject);

    /// <summary>A reviewer (reads, no writes in this module).</summary>
    public static HttpClient Reviewer(PlatformFactory host, string region = Leshan, string subject = "veteran-reviewer") => host.CreateClientAs("reviewer", region, subject);

    /// <summary>A day as the API writes it.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="json"/> has no <paramref name="property"/> or it is null (nulls are left out of answers).</summary>
    public static bool IsAbsent(JsonElement json, string property) =>
        !json.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    /// <summary>Registers a veteran and returns its id.</summary>
    public static async Task<Guid> RegisterIdAsync(HttpClient op, string? idNumber = null, string category = "SelfEmployedSoldier", string region = LeshanCounty, DateOnly? dischargedOn = null, params string[] specialties) =>
        (await PostCreatedAsync(op, "/veterans", VeteranBody(idNumber, category, region, dischargedOn, specialties))).GetProperty("id").GetGuid();

    /// <summary>Records a ledger entry and returns its id.</summary>
    public static async Task<Guid> RecordAsync(HttpClient op, Guid veteran, object entry) =>
        (await PostCreatedAsync(op, $"/veterans/{veteran}/ledger", entry)).GetProperty("id").GetGuid();

    /// <summary>The veteran's ledger with the status on <paramref name="on"/> (default today).</summary>
    public static Task<JsonElement> LedgerAsync(HttpClient client, Guid veteran, DateOnly? on = null) =>
        GetOkAsync(client, on is { } day ? $"/veterans/{veteran}/ledger?on={Day(day)}" : $"/veterans/{veteran}/ledger");

    /// <summary>The status in force on <paramref name="on"/>, or null before the first entry.</summary>
    public static async Task<string?> StatusOnAsync(HttpClient client, Guid veteran, DateOnly on)
    {
        var ledger = await LedgerAsync(client, veteran, on);
        return IsAbsent(ledger, "statusOn") ? null : ledger.GetProperty("statusOn").GetString();
    }

    /// <summary>A GET answered as it is.</summary>
    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path) =>
        await client.GetAsync(Base + path, TestContext.Current.CancellationToken);

    /// <summary>Posts a CSV (as UTF-8, optionally with an Idempotency-Key) to the import.</summary>
    public static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Base + "/ledger/imports") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts a CSV and expects 200 with the import's report.</summary>
    public static async Task<JsonElement> ImportOkAsync(HttpClient client, string csv)
    {
        using var response = await ImportAsync(client, csv);
        return await HttpAssert.ReadOkJsonAsync(response);
    }

    /// <summary>A job posting's body.</summary>
    public static object PostingBody(string employer, string region = LeshanCounty, string occupation = "6-24-04-04", int headcount = 1, DateOnly? closesOn = null, string title = "驾驶员", params string[] specialties) => new
    {
        employerCode = employer,
        employerName = "乐山某退役军人就业基地",
        regionCode = region,
        occupationCode = occupation,
        title,
        requirements = "退役军人优先，持 C1 驾照。",
        specialties,
        headcount,
        closesOn = closesOn ?? ChinaToday.AddDays(30),
    };

    /// <summary>Publishes a posting and returns its id.</summary>
    public static async Task<Guid> PostingAsync(HttpClient op, string employer, string region = LeshanCounty, string occupation = "6-24-04-04", int headcount = 1, string title = "驾驶员", params string[] specialties) =>
        (await PostCreatedAsync(op, "/job-postings", PostingBody(employer, region, occupation, headcount, null, title, specialties))).GetProperty("id").GetGuid();

    /// <summary>Records an application and returns its id.</summary>
    public static async Task<Guid> ApplyAsync(HttpClient op, Guid posting, Guid veteran) =>
        (await PostCreatedAsync(op, $"/job-postings/{posting}/applications", new { veteranId = veteran })).GetProperty("id").GetGuid();

    /// <summary>Reads (or changes) the module's database directly, outside any caller's region.</summary>
    internal static async Task<T> ReadDbAsync<T>(PlatformFactory host, Func<VeteranEmploymentDbContext, Task<T>> read)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<VeteranEmploymentDbContext>());
    }

    /// <summary>
    /// Moves a veteran's registration day back (statistics count a veteran from the day of registration, and
    /// a test cannot register on a past day through the API).
    /// </summary>
    public static Task BackdateRegistrationAsync(PlatformFactory host, Guid veteran, DateOnly registeredOn) =>
        ReadDbAsync(host, db => db.Veterans.IgnoreQueryFilters().Where(v => v.Id == veteran)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredOn, registeredOn), TestContext.Current.CancellationToken));

    /// <summary>The audit outcomes of <paramref name="action"/> on records whose identifier contains <paramref name="entityId"/>.</summary>
    public static async Task<string[]> AuditOutcomesAsync(PlatformFactory host, string action, string entityId)
    {
        using var admin = host.CreateClient();
        using var response = await admin.GetAsync($"/api/platform/audit?action={action}&entityId={entityId}", TestContext.Current.CancellationToken);
        var json = await HttpAssert.ReadOkJsonAsync(response);
        return json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("outcome").GetString() ?? "").ToArray();
    }

    /// <summary>An identity number with a wrong check character.</summary>
    public static string WithWrongCheckCharacter(string idNumber)
    {
        var last = idNumber[^1];
        return string.Concat(idNumber.AsSpan(0, idNumber.Length - 1), last == '0' ? "1" : "0");
    }
}
