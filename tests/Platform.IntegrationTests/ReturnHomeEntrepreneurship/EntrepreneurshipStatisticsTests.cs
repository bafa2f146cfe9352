using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.EntrepreneurshipTestKit;

namespace Platform.IntegrationTests.ReturnHomeEntrepreneurship;

/// <summary>
/// The program's statistics for a county and its city, compared before and after: founders (cumulative, in
/// the period, by category), businesses, jobs created, loans granted and outstanding, start-up subsidies
/// paid; a period that ended yesterday does not count today's; a region outside the caller's is 403.
/// </summary>
public sealed class EntrepreneurshipStatisticsTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>金口河区.</summary>
    private const string County = "511113";

    private static int Int(JsonElement json, string property) => json.GetProperty(property).GetInt32();

    private static int Category(JsonElement stats, string category) =>
        stats.GetProperty("foundersByCategory").EnumerateArray().Where(c => Kit.Text(c, "category") == category).Select(c => Int(c, "founders")).SingleOrDefault();

    private static JsonElement? Row(JsonElement stats, string region) =>
        stats.GetProperty("regions").EnumerateArray().Where(r => Kit.Text(r, "regionCode") == region).Select(r => (JsonElement?)r).SingleOrDefault();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_statistics_count_founders_businesses_jobs_loans_and_subsidies(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        using var checker = Kit.Reviewer(host, subject: "rhe-stats-checker");
        using var auditor = Kit.Auditor(host);
        var today = Kit.ChinaToday;
        var yesterday = today.AddDays(-1);
        var countyQuery = $"/statistics?regionCode={County}";
        var earlierQuery = $"/statistics?regionCode={County}&from={Kit.Day(yesterday.AddDays(-30))}&to={Kit.Day(yesterday)}";
        var before = await Kit.GetOkAsync(actors.Operator, countyQuery);
        var earlierBefore = await Kit.GetOkAsync(actors.Operator, earlierQuery);
        var cityBefore = await Kit.GetOkAsync(actors.Operator, $"/statistics?regionCode={Kit.Leshan}");

        // Two founders, one insured with a business of 13 months (paid the start-up subsidy) and a new one
        // with an insured employee; the other borrows 120,000 and repays 20,000 of it.
        var founder = Kit.Id(await Kit.RegisterFounderAsync(actors.Operator, County, category: "ReturningMigrantWorker"));
        var borrower = Kit.Id(await Kit.RegisterFounderAsync(actors.Operator, County, category: "UrbanToRural"));
        var old = await Kit.BusinessIdAsync(actors.Operator, founder, County, today.AddMonths(-13));
        var young = await Kit.BusinessIdAsync(actors.Operator, founder, County, today);
        await Kit.PostCreatedAsync(actors.Operator, $"/businesses/{young}/employees", Kit.EmployeeBody(Kit.NewIdNumber(County), today));
        var subsidy = Kit.Id(await Kit.PostCreatedAsync(actors.Operator, "/startup-subsidies", new { entrepreneurId = founder, businessId = old }));
        await Kit.PostOkAsync(checker, $"/startup-subsidies/{subsidy}/decision", new { approve = true });
        await Kit.PostOkAsync(actors.Operator, $"/startup-subsidies/{subsidy}/payment", new { paidOn = today, paymentReference = $"GK-{Guid.NewGuid():N}" });
        var loan = await Kit.DisbursedLoanAsync(actors, borrower, 120_000m, Kit.NewCreditCode(Kit.Leshan), term: 36);
        await Kit.RepayAsync(actors.Bank, loan, today, 20_000m, 0m);

        var after = await Kit.GetOkAsync(actors.Operator, countyQuery);

        Assert.Equal((County, $"{today.Year}-01-01", Kit.Day(today)), (Kit.Text(after, "regionCode"), Kit.Text(after, "from"), Kit.Text(after, "to")));
        Assert.Equal(Int(before, "foundersCumulative") + 2, Int(after, "foundersCumulative"));
        Assert.Equal(Int(before, "foundersInPeriod") + 2, Int(after, "foundersInPeriod"));
        Assert.Equal(Category(before, "ReturningMigrantWorker") + 1, Category(after, "ReturningMigrantWorker"));
        Assert.Equal(Category(before, "UrbanToRural") + 1, Category(after, "UrbanToRural"));
        Assert.Equal(Int(before, "businessesCumulative") + 2, Int(after, "businessesCumulative"));
        Assert.Equal(Int(before, "businessesInPeriod") + 1, Int(after, "businessesInPeriod"));
        Assert.Equal(Int(before, "businessesOperating") + 2, Int(after, "businessesOperating"));
        Assert.Equal(Int(before, "jobsCreated") + 1, Int(after, "jobsCreated"));
        Assert.Equal(Int(before, "loansGranted") + 1, Int(after, "loansGranted"));
        Assert.Equal(Kit.Money(before, "loanAmountGranted") + 120_000m, Kit.Money(after, "loanAmountGranted"));
        Assert.Equal(Kit.Money(before, "loanAmountCumulative") + 120_000m, Kit.Money(after, "loanAmountCumulative"));
        Assert.Equal(Int(before, "loansRunning") + 1, Int(after, "loansRunning"));
        Assert.Equal(Kit.Money(before, "loansOutstanding") + 100_000m, Kit.Money(after, "loansOutstanding"));
        Assert.Equal(Int(before, "loansOverdue"), Int(after, "loansOverdue"));
        Assert.Equal(Int(before, "startupSubsidiesPaid") + 1, Int(after, "startupSubsidiesPaid"));
        Assert.Equal(Kit.Money(before, "startupSubsidyAmountPaid") + 10_000m, Kit.Money(after, "startupSubsidyAmountPaid"));

        // The city counts them too, with a row for the county.
        var cityAfter = await Kit.GetOkAsync(actors.Operator, $"/statistics?regionCode={Kit.Leshan}");
        Assert.Equal(Int(cityBefore, "foundersCumulative") + 2, Int(cityAfter, "foundersCumulative"));
        Assert.Equal(Kit.Money(cityBefore, "loansOutstanding") + 100_000m, Kit.Money(cityAfter, "loansOutstanding"));
        var row = Row(cityAfter, County) ?? throw new InvalidOperationException($"No row for {County}: {cityAfter}");
        var rowBefore = Row(cityBefore, County);
        Assert.Equal((rowBefore is null ? 0 : Int(rowBefore.Value, "founders")) + 2, Int(row, "founders"));
        Assert.Equal((rowBefore is null ? 0 : Int(rowBefore.Value, "jobsCreated")) + 1, Int(row, "jobsCreated"));
        Assert.Equal((rowBefore is null ? 0m : Kit.Money(rowBefore.Value, "loansOutstanding")) + 100_000m, Kit.Money(row, "loansOutstanding"));
        Assert.Equal(Int(after, "foundersCumulative"), Int(row, "founders"));

        // A period that ended yesterday does not count today's; the auditor reads the same figures.
        var earlier = await Kit.GetOkAsync(actors.Operator, earlierQuery);
        Assert.Equal((Int(earlierBefore, "foundersCumulative"), Int(earlierBefore, "loansGranted"), Int(earlierBefore, "startupSubsidiesPaid")),
            (Int(earlier, "foundersCumulative"), Int(earlier, "loansGranted"), Int(earlier, "startupSubsidiesPaid")));
        Assert.Equal(Int(after, "foundersCumulative"), Int(await Kit.GetOkAsync(auditor, countyQuery), "foundersCumulative"));

        // Closing the young business takes its job and the business out of the operating figures.
        await Kit.PostOkAsync(actors.Operator, $"/businesses/{young}/close", new { closedOn = today });
        var closed = await Kit.GetOkAsync(actors.Operator, countyQuery);
        Assert.Equal(Int(after, "businessesOperating") - 1, Int(closed, "businessesOperating"));
        Assert.Equal(Int(after, "jobsCreated") - 1, Int(closed, "jobsCreated"));
        Assert.Equal(Int(after, "businessesCumulative"), Int(closed, "businessesCumulative"));
    }

    [Fact]
    public async Task A_region_outside_the_caller_or_a_period_ending_before_it_starts_is_refused()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);

        using var outside = await Kit.GetAsync(op, $"/statistics?regionCode={Kit.Chongqing}");
        using var backwards = await Kit.GetAsync(op, $"/statistics?regionCode={County}&from=2025-06-01&to=2025-05-01");
        using var missing = await Kit.GetAsync(op, "/statistics");

        await HttpAssert.ProblemAsync(outside, HttpStatusCode.Forbidden, "entrepreneurship.region_outside_caller");
        Assert.Equal(["to"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(backwards, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["regionCode"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(missing, HttpStatusCode.BadRequest, Kit.ValidationFailed)));

        // The province answers by city.
        using var admin = host.CreateClient();
        var sichuan = await Kit.GetOkAsync(admin, $"/statistics?regionCode={Kit.Sichuan}");
        Assert.All(sichuan.GetProperty("regions").EnumerateArray(), r => Assert.EndsWith("00", Kit.Text(r, "regionCode"), StringComparison.Ordinal));
    }
}
