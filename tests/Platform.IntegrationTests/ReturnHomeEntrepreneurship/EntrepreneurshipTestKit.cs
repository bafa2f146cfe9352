using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.PersonalData;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;
using StudioKit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;
using VoucherKit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.ReturnHomeEntrepreneurship;

/// <summary>
/// What the return-home entrepreneurship tests share: fresh identity numbers and credit codes, the three
/// actors of a county (the bureau's operator who applies, the reviewer who is the guarantee fund and the
/// subsidy checker, the integrator who is the bank), the module's steps as plain HTTP calls returning the
/// JSON answered, and direct access to the module's database for what HTTP cannot do (a loan paid out
/// months ago).
/// </summary>
public static class EntrepreneurshipTestKit
{
    public const string Base = "/api/return-home-entrepreneurship";

    public const string Leshan = "511100";
    public const string Sichuan = "510000";
    public const string Chongqing = "500000";

    /// <summary>The one-year LPR in force since 2025-05-20 (seeded): the contract rate cap is 4.50, the borrower's rate 1.50.</summary>
    public const decimal PrimeRate = 3.00m;

    public const string ValidationFailed = "request.validation_failed";
    public const string PermissionMissing = "auth.permission_missing";
    public const string PreconditionFailed = "resource.precondition_failed";
    public const string InvalidTransition = "entrepreneurship.invalid_transition";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Today in China Standard Time, as the module counts days.</summary>
    public static DateOnly ChinaToday => VoucherKit.ChinaToday;

    /// <summary>A fresh valid identity number registered in <paramref name="region"/>.</summary>
    public static string NewIdNumber(string region = "511102", int age = 35) => VoucherKit.NewIdNumber(age, region);

    /// <summary>A fresh valid unified social credit code of <paramref name="division"/>.</summary>
    public static string NewCreditCode(string division = "511102") => StudioKit.NewCreditCode(division);

    /// <summary>The masked form of an identity number (<c>510107********1234</c>).</summary>
    public static string Masked(string idNumber) => $"{idNumber[..6]}********{idNumber[^4..]}";

    /// <summary>A day as the API writes it.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Rounds yuan to the fen, half away from zero (the module's rule, for figures computed by hand).</summary>
    public static decimal Fen(decimal yuan) => Math.Round(yuan, 2, MidpointRounding.AwayFromZero);

    /// <summary>An identity number with a wrong check character.</summary>
    public static string WithWrongCheckCharacter(string idNumber) =>
        string.Concat(idNumber.AsSpan(0, idNumber.Length - 1), idNumber[^1] == '0' ? "1" : "0");

    /// <summary>A credit code with a wrong check character.</summary>
    public static string WithWrongCheck(string creditCode) =>
        string.Concat(creditCode.AsSpan(0, creditCode.Length - 1), creditCode[^1] == '0' ? "1" : "0");

    public static HttpClient Operator(PlatformFactory host, string region = Leshan, string subject = "rhe-officer-1") =>
        host.CreateClientAs("operator", region, subject);

    /// <summary>A reviewer: the guarantee fund for loans and the checker for start-up subsidies.</summary>
    public static HttpClient Reviewer(PlatformFactory host, string region = Leshan, string subject = "rhe-reviewer-1") =>
        host.CreateClientAs("reviewer", region, subject);

    /// <summary>An integrator: the bank (approves, pays out, records repayments, declares default, claims the subsidy).</summary>
    public static HttpClient Bank(PlatformFactory host, string region = Leshan, string subject = "rhe-bank-1") =>
        host.CreateClientAs("integrator", region, subject);

    public static HttpClient Auditor(PlatformFactory host, string region = Leshan, string subject = "rhe-auditor-1") =>
        host.CreateClientAs("auditor", region, subject);

    /// <summary>The three actors of a region.</summary>
    public static Actors ActorsOf(PlatformFactory host, string region = Leshan) =>
        new(Operator(host, region), Reviewer(host, region), Bank(host, region));

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, Base + path) { Content = body is null && method == HttpMethod.Get ? null : JsonContent.Create(body ?? new { }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Token);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, string? ifMatch = null) => SendAsync(client, HttpMethod.Post, path, body, ifMatch);

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path) => await client.GetAsync(Base + path, Token);

    public static async Task<JsonElement> GetOkAsync(HttpClient client, string path)
    {
        using var response = await GetAsync(client, path);
        return await HttpAssert.ReadOkJsonAsync(response);
    }

    public static async Task<JsonElement> PostOkAsync(HttpClient client, string path, object? body)
    {
        using var response = await PostAsync(client, path, body);
        return await HttpAssert.ReadOkJsonAsync(response);
    }

    public static async Task<JsonElement> PostCreatedAsync(HttpClient client, string path, object? body)
    {
        using var response = await PostAsync(client, path, body);
        var json = await HttpAssert.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201 from {path}, got {(int)response.StatusCode}: {json}");
        return json;
    }

    /// <summary>Posts and asserts the problem answered.</summary>
    public static async Task<JsonElement> PostProblemAsync(HttpClient client, string path, object? body, HttpStatusCode status, string code, string? ifMatch = null)
    {
        using var response = await PostAsync(client, path, body, ifMatch);
        return await HttpAssert.ProblemAsync(response, status, code);
    }

    /// <summary>True when <paramref name="json"/> has no <paramref name="property"/> or it is null (nulls are left out of answers).</summary>
    public static bool IsAbsent(JsonElement json, string property) =>
        !json.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    public static Guid Id(JsonElement json) => json.GetProperty("id").GetGuid();

    public static string Text(JsonElement json, string property) => json.GetProperty(property).GetString() ?? "";

    public static decimal Money(JsonElement json, string property) => json.GetProperty(property).GetDecimal();

    // Founders and businesses.

    public static object FounderBody(
        string idNumber, string region, string? category = "ReturningMigrantWorker", DateOnly? returnedOn = null, DateOnly? insuredSince = null, string name = "王返乡") => new
        {
            identityNumber = idNumber,
            name,
            category,
            formerWorkplace = "广东省东莞市 电子厂",
            returnedOn = returnedOn ?? new DateOnly(2022, 3, 1),
            regionCode = region,
            socialInsuranceSince = insuredSince,
        };

    /// <summary>Registers a founder (insured since 2023 unless told otherwise) and returns the JSON answered.</summary>
    public static Task<JsonElement> RegisterFounderAsync(
        HttpClient op, string region, string? idNumber = null, string? category = "ReturningMigrantWorker", DateOnly? insuredSince = null, bool insured = true) =>
        PostCreatedAsync(op, "/entrepreneurs", FounderBody(idNumber ?? NewIdNumber(region), region, category, insuredSince: insured ? insuredSince ?? new DateOnly(2023, 1, 1) : null));

    public static async Task<Guid> FounderIdAsync(HttpClient op, string region, string? idNumber = null, bool insured = true) =>
        Id(await RegisterFounderAsync(op, region, idNumber, insured: insured));

    public static object BusinessBody(
        Guid founder, string region, string? creditCode = null, DateOnly? registeredOn = null, string legalForm = "IndividualBusiness", string industry = "Agriculture",
        string name = "返乡农家乐") => new
        {
            entrepreneurId = founder,
            creditCode = creditCode ?? NewCreditCode(region),
            name,
            industry,
            legalForm,
            registeredOn = registeredOn ?? ChinaToday.AddMonths(-13),
            regionCode = region,
            address = "某某镇某某村 1 组",
        };

    /// <summary>Registers a business (13 months old unless told otherwise) and returns the JSON answered.</summary>
    public static Task<JsonElement> RegisterBusinessAsync(
        HttpClient op, Guid founder, string region, DateOnly? registeredOn = null, string legalForm = "IndividualBusiness", string? creditCode = null) =>
        PostCreatedAsync(op, "/businesses", BusinessBody(founder, region, creditCode, registeredOn, legalForm));

    public static async Task<Guid> BusinessIdAsync(HttpClient op, Guid founder, string region, DateOnly? registeredOn = null, string legalForm = "IndividualBusiness") =>
        (await RegisterBusinessAsync(op, founder, region, registeredOn, legalForm)).GetProperty("business").GetProperty("id").GetGuid();

    public static object EmployeeBody(string idNumber, DateOnly startedOn, bool insured = true, string name = "张员工") => new
    {
        identityNumber = idNumber,
        name,
        startedOn,
        socialInsurance = insured,
    };

    // Loans.

    public static object LoanBody(
        Guid founder, decimal amount, string bankCode, int term = 24, string kind = "Individual", Guid? business = null, Guid[]? partners = null,
        string method = "InterestOnly", string? guaranteeFund = null) => new
        {
            kind,
            entrepreneurId = founder,
            partnerIds = partners,
            businessId = business,
            amount,
            termMonths = term,
            method,
            bankCode,
            bankName = "乐山农村商业银行",
            guaranteeFundCode = guaranteeFund ?? NewCreditCode(Leshan),
            purpose = "购置设备、流动资金",
        };

    /// <summary>Applies (the operator) and returns the JSON answered.</summary>
    public static Task<JsonElement> ApplyAsync(
        HttpClient op, Guid founder, decimal amount, string bankCode, int term = 24, string kind = "Individual", Guid? business = null, Guid[]? partners = null,
        string method = "InterestOnly") =>
        PostCreatedAsync(op, "/loans", LoanBody(founder, amount, bankCode, term, kind, business, partners, method));

    /// <summary>The guarantee fund approves (the reviewer).</summary>
    public static Task<JsonElement> GuaranteeAsync(HttpClient reviewer, Guid loan) =>
        PostOkAsync(reviewer, $"/loans/{loan}/guarantee-decision", new { approve = true, contractNumber = $"DB-{loan.ToString()[..8]}" });

    public static object BankApproval(decimal amount, int term, decimal rate) => new
    {
        approve = true,
        amount,
        termMonths = term,
        contractRatePercent = rate,
        contractNumber = $"JK-{Guid.NewGuid().ToString()[..8]}",
    };

    /// <summary>The bank approves the contract.</summary>
    public static Task<JsonElement> BankApproveAsync(HttpClient bank, Guid loan, decimal amount, int term, decimal rate = 3.95m) =>
        PostOkAsync(bank, $"/loans/{loan}/bank-decision", BankApproval(amount, term, rate));

    /// <summary>The bank pays out (today unless told otherwise).</summary>
    public static Task<JsonElement> DisburseAsync(HttpClient bank, Guid loan, DateOnly? on = null) =>
        PostOkAsync(bank, $"/loans/{loan}/disbursement", new { disbursedOn = on ?? ChinaToday });

    public static object Repayment(DateOnly paidOn, decimal principal, decimal interest, string? reference = null) => new
    {
        paidOn,
        principal,
        interest,
        reference = reference ?? $"HK-{Guid.NewGuid():N}",
    };

    /// <summary>The bank records a repayment and returns the loan answered.</summary>
    public static Task<JsonElement> RepayAsync(HttpClient bank, Guid loan, DateOnly paidOn, decimal principal, decimal interest, string? reference = null) =>
        PostOkAsync(bank, $"/loans/{loan}/repayments", Repayment(paidOn, principal, interest, reference));

    /// <summary>Applies, guarantees, approves and pays out a loan today, each step by its actor; returns the loan's id.</summary>
    public static async Task<Guid> DisbursedLoanAsync(
        Actors actors, Guid founder, decimal amount, string bankCode, int term = 24, decimal rate = 3.95m, string method = "InterestOnly", string kind = "Individual",
        Guid? business = null, Guid[]? partners = null)
    {
        var loan = Id(await ApplyAsync(actors.Operator, founder, amount, bankCode, term, kind, business, partners, method));
        await GuaranteeAsync(actors.Reviewer, loan);
        await BankApproveAsync(actors.Bank, loan, amount, term, rate);
        await DisburseAsync(actors.Bank, loan);
        return loan;
    }

    public static Task<JsonElement> LoanAsync(HttpClient client, Guid loan) => GetOkAsync(client, $"/loans/{loan}");

    /// <summary>
    /// Moves a loan paid out today back to <paramref name="disbursedOn"/> (with its application and approvals,
    /// the maturity and the next standing check, the day after the first due day, as the disbursement would
    /// have scheduled it), as if the bank had paid it out then: the API only pays out on or after the bank's
    /// approval day, which is today. Without <paramref name="scheduleCheck"/> the daily check leaves it alone
    /// until <see cref="ScheduleCheckAsync"/>.
    /// </summary>
    public static Task BackdateAsync(PlatformFactory host, Guid loan, DateOnly disbursedOn, bool scheduleCheck = true) =>
        DbAsync(host, async db =>
        {
            var term = await db.Loans.IgnoreQueryFilters().Where(l => l.Id == loan).Select(l => l.TermMonths!.Value).SingleAsync(Token);
            DateOnly? nextCheck = scheduleCheck ? disbursedOn.AddMonths(1).AddDays(1) : null;
            return await db.Loans.IgnoreQueryFilters().Where(l => l.Id == loan).ExecuteUpdateAsync(
                s => s.SetProperty(l => l.AppliedOn, disbursedOn)
                    .SetProperty(l => l.GuaranteeApprovedOn, disbursedOn)
                    .SetProperty(l => l.BankApprovedOn, disbursedOn)
                    .SetProperty(l => l.DisbursedOn, disbursedOn)
                    .SetProperty(l => l.MaturityOn, disbursedOn.AddMonths(term))
                    .SetProperty(l => l.NextCheckOn, nextCheck),
                Token);
        });

    /// <summary>Schedules the daily standing check of a loan for <paramref name="on"/>.</summary>
    public static Task ScheduleCheckAsync(PlatformFactory host, Guid loan, DateOnly on) =>
        DbAsync(host, db => db.Loans.IgnoreQueryFilters().Where(l => l.Id == loan).ExecuteUpdateAsync(s => s.SetProperty(l => l.NextCheckOn, on), Token));

    /// <summary>A loan paid out on <paramref name="disbursedOn"/>: through HTTP today, then moved back.</summary>
    public static async Task<Guid> BackdatedLoanAsync(
        PlatformFactory host, Actors actors, Guid founder, decimal amount, string bankCode, DateOnly disbursedOn, int term = 12, decimal rate = 3.95m, string method = "InterestOnly",
        bool scheduleCheck = true)
    {
        var loan = await DisbursedLoanAsync(actors, founder, amount, bankCode, term, rate, method);
        await BackdateAsync(host, loan, disbursedOn, scheduleCheck);
        return loan;
    }

    /// <summary>Reads (or changes) the module's database directly, outside any caller's region.</summary>
    internal static async Task<T> DbAsync<T>(PlatformFactory host, Func<ReturnHomeEntrepreneurshipDbContext, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ReturnHomeEntrepreneurshipDbContext>());
    }

    /// <summary>The stored status of a loan.</summary>
    internal static Task<LoanStatus> StoredStatusAsync(PlatformFactory host, Guid loan) =>
        DbAsync(host, db => db.Loans.IgnoreQueryFilters().AsNoTracking().Where(l => l.Id == loan).Select(l => l.Status).SingleAsync(Token));

    /// <summary>The payloads of the module's outbox messages named <paramref name="eventName"/> that mention <paramref name="id"/>.</summary>
    public static async Task<JsonElement[]> OutboxAsync(PlatformFactory host, string eventName, Guid id)
    {
        var payloads = await DbAsync(host, db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventName == eventName && m.Payload.Contains(id.ToString()))
            .OrderBy(m => m.RecordedAt)
            .Select(m => m.Payload)
            .ToListAsync(Token));
        return payloads.Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToArray();
    }

    /// <summary>The blind index of an identity number, as every module computes it.</summary>
    public static async Task<string> BlindIndexAsync(PlatformFactory host, string idNumber)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<IPersonalDataProtector>().BlindIndexForLookup(PersonalDataKind.ResidentId, idNumber)!;
    }

    /// <summary>
    /// Reads until <paramref name="done"/> holds (events are delivered by the outbox relay in the
    /// background), at most 15 seconds; answers the last read either way so the caller's assertion fails
    /// with what was there.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100, Token);
        }
    }

    /// <summary>The operator, the reviewer (guarantee fund, subsidy checker) and the integrator (bank) of a region.</summary>
    public sealed record Actors(HttpClient Operator, HttpClient Reviewer, HttpClient Bank) : IDisposable
    {
        public void Dispose()
        {
            Operator.Dispose();
            Reviewer.Dispose();
            Bank.Dispose();
        }
    }
}
