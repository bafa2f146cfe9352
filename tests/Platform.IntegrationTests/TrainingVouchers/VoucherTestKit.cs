using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Platform.BuildingBlocks.Identity;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.TrainingVouchers;

/// <summary>
/// What the training-voucher tests share: the seeded sample data they rely on, fresh identity numbers,
/// callers of each role, and the lifecycle steps as plain HTTP calls (each returning the JSON answered).
/// </summary>
public static class VoucherTestKit
{
    public const string Base = "/api/training-vouchers";

    /// <summary>Seeded: 乐山市市中区岷江职业技能培训学校 (511102), licensed for 光伏组件制造工 Level5/Level4 and 电工 Level5/Level4.</summary>
    public const string LeshanInstitution = "52511102MJ0001010L";

    /// <summary>Seeded: a Wutongqiao (511112) institution also licensed for 光伏组件制造工 Level5–Level3.</summary>
    public const string WutongqiaoInstitution = "52511112MJ00010291";

    /// <summary>Seeded: 重庆市九龙坡区渝康职业技能培训学校 (500107), licensed for 养老护理员 Level5–Level3.</summary>
    public const string ChongqingInstitution = "52500107MJ0005011C";

    /// <summary>Seeded: a suspended Nanbu (511321) institution licensed for 砌筑工 Level5.</summary>
    public const string SuspendedInstitution = "52511321MJ0004027U";

    /// <summary>光伏组件制造工: Leshan raises it by 30 % (1,000 → 1,300 yuan at Level5).</summary>
    public const string Photovoltaic = "6-24-04-04";

    /// <summary>电工: no uplift (Level5 1,000 yuan, Level4 1,500).</summary>
    public const string Electrician = "6-31-01-03";

    /// <summary>养老护理员: trained in Chengdu and Chongqing.</summary>
    public const string ElderlyCare = "4-10-01-05";

    /// <summary>砌筑工: only the suspended institution and Qianwei train it.</summary>
    public const string Bricklayer = "6-29-01-01";

    public const string LeshanCounty = "511102";
    public const string Leshan = "511100";
    public const string Sichuan = "510000";
    public const string ChongqingDistrict = "500107";

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private static readonly long SequenceStart = RandomNumberGenerator.GetInt32(0, 1000);
    private static long issued;

    /// <summary>A fresh valid identity number registered in <paramref name="region"/>, for someone aged <paramref name="age"/> (± the birthday).</summary>
    public static string NewIdNumber(int age = 30, string region = LeshanCounty, DateOnly? birthDate = null)
    {
        // Unique within a test run: the counter walks the sequence numbers, then the birth days, from a
        // random start (so two runs against one PostgreSQL server rarely meet either).
        var next = Interlocked.Increment(ref issued);
        var birth = birthDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-age).AddDays(-1 - (int)((next / 1000) % 300));
        var first17 = $"{region}{birth:yyyyMMdd}{(SequenceStart + next) % 1000:D3}";
        var sum = first17.Select((c, i) => (c - '0') * Weights[i]).Sum();
        var number = first17 + "10X98765432"[sum % 11];
        return ResidentIdNumber.TryParse(number, out _) ? number : throw new InvalidOperationException("Generated an invalid identity number.");
    }

    /// <summary>Today in China Standard Time, as the module counts days.</summary>
    public static DateOnly ChinaToday => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    public static HttpClient Operator(PlatformFactory host, string region = Leshan, string subject = "operator-1") =>
        host.CreateClientAs("operator", region, subject);

    public static HttpClient Reviewer(PlatformFactory host, string region = Leshan, string subject = "reviewer-1") =>
        host.CreateClientAs("reviewer", region, subject);

    public static HttpClient Institution(PlatformFactory host, string creditCode = LeshanInstitution, string region = LeshanCounty, string subject = "institution-staff-1") =>
        host.CreateClientAs("training_institution", region, subject, creditCode);

    public static object IssueBody(string idNumber, string occupation = Photovoltaic, string level = "Level5", string region = LeshanCounty, params string[] groups) => new
    {
        identityNumber = idNumber,
        groups = (groups.Length == 0 ? ["MigrantWorkers"] : groups).Select(g => new { group = g, evidence = $"证明材料 {g}" }).ToArray(),
        occupationCode = occupation,
        level,
        regionCode = region,
    };

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Base + path) { Content = JsonContent.Create(body ?? new { }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> PostOkAsync(HttpClient client, string path, object? body)
    {
        using var response = await PostAsync(client, path, body);
        return await HttpAssert.ReadOkJsonAsync(response);
    }

    /// <summary>Posts and expects 201 Created (issue, payment batch, registrations).</summary>
    public static async Task<JsonElement> PostCreatedAsync(HttpClient client, string path, object? body)
    {
        using var response = await PostAsync(client, path, body);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await HttpAssert.ReadJsonAsync(response);
    }

    public static async Task<JsonElement> GetOkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(Base + path, TestContext.Current.CancellationToken);
        return await HttpAssert.ReadOkJsonAsync(response);
    }

    /// <summary>Issues a voucher and returns its id (the operator's region must cover <paramref name="region"/>).</summary>
    public static async Task<Guid> IssueAsync(HttpClient op, string idNumber, string occupation = Photovoltaic, string level = "Level5", string region = LeshanCounty, params string[] groups)
    {
        var voucher = await PostCreatedAsync(op, "/vouchers", IssueBody(idNumber, occupation, level, region, groups));
        return voucher.GetProperty("id").GetGuid();
    }

    public static object EnrolBody(string idNumber, int scheduledHours = 2, string? institution = null) => new
    {
        institutionCode = institution,
        holderIdNumber = idNumber,
        scheduledHours,
        courseStartsOn = ChinaToday.AddDays(-3),
        courseEndsOn = ChinaToday.AddDays(10),
    };

    public static Task<JsonElement> EnrolAsync(HttpClient institution, Guid voucher, string idNumber, int scheduledHours = 2) =>
        PostOkAsync(institution, $"/vouchers/{voucher}/enrolment", EnrolBody(idNumber, scheduledHours));

    /// <summary>One session of <paramref name="minutes"/> starting <paramref name="hoursAgo"/> hours ago (inside the course of <see cref="EnrolBody"/>).</summary>
    public static object Sessions(int minutes, double hoursAgo = 30, string method = "FaceCheck") => new
    {
        sessions = new[] { new { startsAt = DateTimeOffset.UtcNow.AddHours(-hoursAgo), minutes, method } },
    };

    public static object Completion(bool passed = true, string? certificate = null) => new
    {
        passed,
        certificateNumber = passed ? certificate ?? $"CERT-{Guid.NewGuid():N}"[..24] : null,
        assessedOn = ChinaToday,
    };

    /// <summary>Issue → enrol (2 scheduled hours) → 120 minutes attended → completed (passed): the voucher id.</summary>
    public static async Task<Guid> CompletedVoucherAsync(PlatformFactory host, string? idNumber = null, bool passed = true)
    {
        var id = idNumber ?? NewIdNumber();
        using var op = Operator(host);
        using var institution = Institution(host);
        var voucher = await IssueAsync(op, id);
        await EnrolAsync(institution, voucher, id);
        await PostOkAsync(institution, $"/vouchers/{voucher}/attendance", Sessions(120));
        await PostOkAsync(institution, $"/vouchers/{voucher}/completion", Completion(passed));
        return voucher;
    }

    /// <summary><see cref="CompletedVoucherAsync"/>, then claimed by the institution and approved by a reviewer.</summary>
    public static async Task<Guid> ApprovedVoucherAsync(PlatformFactory host)
    {
        var voucher = await CompletedVoucherAsync(host);
        using var institution = Institution(host);
        using var reviewer = Reviewer(host);
        await PostOkAsync(institution, $"/vouchers/{voucher}/settlement", null);
        await PostOkAsync(reviewer, $"/vouchers/{voucher}/settlement/approval", null);
        return voucher;
    }
}
