using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.EntrepreneurshipTestKit;

namespace Platform.IntegrationTests.ReturnHomeEntrepreneurship;

/// <summary>
/// The interest subsidy of loans paid out in 2025 (moved back in the database), checked against figures
/// computed by hand: interest per period = Σ outstanding × days × rate ÷ 36,000 (rate in percent), rounded
/// to the fen half away from zero; the subsidy on the contract rate minus the borrower's (3.95 − 1.50 =
/// 2.45), nothing on overdue days; the borrower's share = interest − subsidy. Then a bank's monthly claim:
/// its lines, totals, paging, the CSV export and the refusals. Each test has a bank of its own.
/// </summary>
public sealed class InterestSubsidyTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>沙湾区.</summary>
    private const string County = "511111";

    private static JsonElement[] Periods(JsonElement answer) => answer.GetProperty("periods").EnumerateArray().ToArray();

    private static (int Number, string DueOn, int Days, int OverdueDays, decimal Interest, decimal Subsidy, decimal Borrower) Figures(JsonElement period) => (
        period.GetProperty("number").GetInt32(), Kit.Text(period, "dueOn"), period.GetProperty("days").GetInt32(), period.GetProperty("overdueDays").GetInt32(),
        Kit.Money(period, "interest"), Kit.Money(period, "subsidy"), Kit.Money(period, "borrowerShare"));

    /// <summary>
    /// 100,200 yuan at 3.95 % (the borrower 1.50 %), interest only, paid out on 2025-04-10; period 1's
    /// borrower share (125.25) paid on its due day 2025-05-10, nothing after: overdue from 2025-06-11.
    /// </summary>
    private static async Task<Guid> AprilLoanAsync(PlatformFactory host, Kit.Actors actors, string bank)
    {
        var founder = await Kit.FounderIdAsync(actors.Operator, County);
        var loan = await Kit.BackdatedLoanAsync(host, actors, founder, 100_200m, bank, new DateOnly(2025, 4, 10));
        await Kit.RepayAsync(actors.Bank, loan, new DateOnly(2025, 5, 10), 0m, 125.25m);
        return loan;
    }

    /// <summary>150,000 yuan at 3.95 %, paid out on 2025-05-31; period 1's borrower share (187.50) paid on its due day 2025-06-30.</summary>
    private static async Task<Guid> MayLoanAsync(PlatformFactory host, Kit.Actors actors, string bank)
    {
        var founder = await Kit.FounderIdAsync(actors.Operator, County);
        var loan = await Kit.BackdatedLoanAsync(host, actors, founder, 150_000m, bank, new DateOnly(2025, 5, 31));
        await Kit.RepayAsync(actors.Bank, loan, new DateOnly(2025, 6, 30), 0m, 187.50m);
        return loan;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_interest_subsidy_of_each_period_matches_the_figures_computed_by_hand(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var loan = await AprilLoanAsync(host, actors, Kit.NewCreditCode(Kit.Leshan));

        var answer = await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/interest-subsidy?from=2025-05-01&to=2025-07-31");

        Assert.Equal((3.95m, 1.50m), (Kit.Money(answer, "contractRatePercent"), Kit.Money(answer, "borrowerRatePercent")));
        Assert.Equal(("2025-05-01", "2025-07-31"), (Kit.Text(answer, "from"), Kit.Text(answer, "to")));
        var periods = Periods(answer);

        // Period 1, 2025-04-10 … 2025-05-09, 30 days: 100,200 × 30 × 3.95 ÷ 36,000 = 329.825 → 329.83 (half away
        // from zero, not 329.82); subsidy 100,200 × 30 × 2.45 ÷ 36,000 = 204.575 → 204.58; borrower 125.25.
        Assert.Equal((1, "2025-05-10", 30, 0, 329.83m, 204.58m, 125.25m), Figures(periods[0]));
        Assert.Equal("2025-04-10", Kit.Text(periods[0], "start"));

        // Period 2, 2025-05-10 … 2025-06-09, 31 days: 100,200 × 31 × 3.95 ÷ 36,000 = 340.8191… → 340.82; subsidy
        // 100,200 × 31 × 2.45 ÷ 36,000 = 211.3941… → 211.39; borrower 129.43 (unpaid: overdue from 2025-06-11).
        Assert.Equal((2, "2025-06-10", 31, 0, 340.82m, 211.39m, 129.43m), Figures(periods[1]));

        // Period 3, 2025-06-10 … 2025-07-09, 30 days, of which 29 overdue (from 2025-06-11): interest 329.83 as in
        // period 1; subsidy only for 2025-06-10: 100,200 × 1 × 2.45 ÷ 36,000 = 6.8191… → 6.82; borrower 323.01.
        Assert.Equal((3, "2025-07-10", 30, 29, 329.83m, 6.82m, 323.01m), Figures(periods[2]));
        var segments = periods[2].GetProperty("segments").EnumerateArray().ToArray();
        Assert.Equal(2, segments.Length);
        Assert.Equal(("2025-06-10", "2025-06-10", 1, 100_200m, false, true),
            (Kit.Text(segments[0], "from"), Kit.Text(segments[0], "to"), segments[0].GetProperty("days").GetInt32(), Kit.Money(segments[0], "outstanding"),
                segments[0].GetProperty("overdue").GetBoolean(), segments[0].GetProperty("subsidised").GetBoolean()));
        Assert.Equal(("2025-06-11", "2025-07-09", 29, false), (Kit.Text(segments[1], "from"), Kit.Text(segments[1], "to"), segments[1].GetProperty("days").GetInt32(), segments[1].GetProperty("subsidised").GetBoolean()));
        Assert.True(segments[1].GetProperty("overdue").GetBoolean());
        Assert.All(periods, p => Assert.False(p.GetProperty("projected").GetBoolean()));

        // The totals are the sums of the periods: 1,000.48 = 422.79 + 577.69.
        Assert.Equal((1_000.48m, 422.79m, 577.69m), (Kit.Money(answer, "interestDue"), Kit.Money(answer, "subsidy"), Kit.Money(answer, "borrowerShare")));
        Assert.False(string.IsNullOrWhiteSpace(Kit.Text(answer, "rule")));

        // A range with no due day has no period; a range ending before it starts is refused.
        var none = await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/interest-subsidy?from=2025-05-11&to=2025-06-09");
        Assert.Equal((0, 0m), (none.GetProperty("periods").GetArrayLength(), Kit.Money(none, "subsidy")));
        using var backwards = await Kit.GetAsync(actors.Bank, $"/loans/{loan}/interest-subsidy?from=2025-07-31&to=2025-05-01");
        Assert.Equal(["to"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(backwards, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_partial_repayment_lowers_the_principal_from_its_day_and_the_period_is_rounded_once(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var founder = await Kit.FounderIdAsync(actors.Operator, County);
        var loan = await Kit.BackdatedLoanAsync(host, actors, founder, 100_000m, Kit.NewCreditCode(Kit.Leshan), new DateOnly(2025, 1, 31));
        await Kit.RepayAsync(actors.Bank, loan, new DateOnly(2025, 2, 7), 10_000m, 0m);

        var answer = await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/interest-subsidy?from=2025-02-01&to=2025-02-28");

        // Paid out on 31 January: period 1 is due on 28 February (the last day of the shorter month) and has
        // 28 days: 7 at 100,000 (31 Jan … 6 Feb) and 21 at 90,000 (from the repayment on 7 Feb). Interest
        // (100,000 × 7 + 90,000 × 21) × 3.95 ÷ 36,000 = 2,590,000 × 3.95 ÷ 36,000 = 284.1805… → 284.18 (rounding each
        // segment would give 76.81 + 207.38 = 284.19); subsidy 2,590,000 × 2.45 ÷ 36,000 = 176.2638… → 176.26 (not
        // 47.64 + 128.63 = 176.27); borrower 284.18 − 176.26 = 107.92.
        var period = Assert.Single(Periods(answer));
        Assert.Equal((1, "2025-02-28", 28, 0, 284.18m, 176.26m, 107.92m), Figures(period));
        var segments = period.GetProperty("segments").EnumerateArray().ToArray();
        Assert.Equal([("2025-01-31", 7, 100_000m), ("2025-02-07", 21, 90_000m)],
            segments.Select(s => (Kit.Text(s, "from"), s.GetProperty("days").GetInt32(), Kit.Money(s, "outstanding"))));
        Assert.Equal("2025-03-31", Kit.Text(Periods(await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/interest-subsidy?from=2025-03-01&to=2025-03-31"))[0], "dueOn"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Interest_keeps_running_after_maturity_without_subsidy_while_the_principal_is_unpaid(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var founder = await Kit.FounderIdAsync(actors.Operator, County);
        var loan = await Kit.BackdatedLoanAsync(host, actors, founder, 100_000m, Kit.NewCreditCode(Kit.Leshan), new DateOnly(2025, 3, 10), term: 1);

        var answer = await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/interest-subsidy?from=2025-04-01&to=2025-05-31");

        // A one-month loan, nothing repaid. Period 1, 2025-03-10 … 2025-04-09, 31 days: 100,000 × 31 × 3.95 ÷ 36,000 =
        // 340.1388… → 340.14, subsidy 100,000 × 31 × 2.45 ÷ 36,000 = 210.9722… → 210.97, borrower 129.17; the
        // principal is due on 2025-04-10. Period 2 runs on after maturity, 2025-04-10 … 2025-05-09, 30 days (29
        // overdue from 2025-04-11): 100,000 × 30 × 3.95 ÷ 36,000 = 329.1666… → 329.17, no subsidy (only the term's
        // one month is subsidised), the borrower bears all of it.
        var periods = Periods(answer);
        Assert.Equal(2, periods.Length);
        Assert.Equal((1, "2025-04-10", 31, 0, 340.14m, 210.97m, 129.17m), Figures(periods[0]));
        Assert.Equal((2, "2025-05-10", 30, 29, 329.17m, 0m, 329.17m), Figures(periods[1]));
        Assert.Equal((100_000m, 0m), (Kit.Money(periods[0], "principalDue"), Kit.Money(periods[1], "principalDue")));
        Assert.Equal((669.31m, 210.97m, 458.34m), (Kit.Money(answer, "interestDue"), Kit.Money(answer, "subsidy"), Kit.Money(answer, "borrowerShare")));
        var read = await Kit.LoanAsync(actors.Bank, loan);
        Assert.Equal(("Overdue", 100_000m, "2025-04-11"), (Kit.Text(read, "status"), Kit.Money(read.GetProperty("standing"), "principalArrears"), Kit.Text(read.GetProperty("standing"), "overdueSince")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_monthly_claims_include_the_last_period_of_a_loan_repaid_early(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var bank = Kit.NewCreditCode(Kit.Leshan);
        var loan = await AprilLoanAsync(host, actors, bank);

        // Repaid in full on 2025-05-20 with the interest of period 2's first 10 days (2025-05-10 … 2025-05-19):
        // 100,200 × 10 × 3.95 ÷ 36,000 = 109.9416… → 109.94, subsidy 100,200 × 10 × 2.45 ÷ 36,000 = 68.1916… → 68.19,
        // borrower 41.75. Period 2 is due on 2025-06-10.
        var settled = await Kit.RepayAsync(actors.Bank, loan, new DateOnly(2025, 5, 20), 100_200m, 41.75m);
        Assert.Equal(("Settled", "2025-05-20"), (Kit.Text(settled, "status"), Kit.Text(settled, "settledOn")));
        var subsidy = await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/interest-subsidy?from=2025-05-01&to=2025-06-30");
        Assert.Equal((2, "2025-06-10", 10, 109.94m, 68.19m, 41.75m), (Periods(subsidy)[1].GetProperty("number").GetInt32(), Kit.Text(Periods(subsidy)[1], "dueOn"),
            Periods(subsidy)[1].GetProperty("days").GetInt32(), Kit.Money(Periods(subsidy)[1], "interest"), Kit.Money(Periods(subsidy)[1], "subsidy"), Kit.Money(Periods(subsidy)[1], "borrowerShare")));
        Assert.Equal(204.58m + 68.19m, Kit.Money(subsidy, "subsidy"));

        // May's claim has period 1 (204.58); June's must have period 2 (68.19): every subsidised day is claimed once.
        var may = await Kit.PostCreatedAsync(actors.Bank, "/subsidy-claims", new { bankCode = bank, month = "2025-05", regionCode = County });
        var june = await Kit.PostCreatedAsync(actors.Bank, "/subsidy-claims", new { bankCode = bank, month = "2025-06", regionCode = County });
        Assert.Equal((1, 204.58m), (may.GetProperty("loans").GetInt32(), Kit.Money(may, "subsidy")));
        Assert.Equal((1, 68.19m), (june.GetProperty("loans").GetInt32(), Kit.Money(june, "subsidy")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_banks_monthly_claim_lists_its_loans_due_in_the_month_with_the_overdue_days_unsubsidised(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var bank = Kit.NewCreditCode(Kit.Leshan);
        var april = await AprilLoanAsync(host, actors, bank);
        var may = await MayLoanAsync(host, actors, bank);

        // Paid out in July: its first period is due in August, so it is not in July's claim; nor is another bank's loan.
        var july = await Kit.BackdatedLoanAsync(host, actors, await Kit.FounderIdAsync(actors.Operator, County), 50_000m, bank, new DateOnly(2025, 7, 15));
        var otherBank = await AprilLoanAsync(host, actors, Kit.NewCreditCode(Kit.Leshan));
        var statsQuery = $"/statistics?regionCode={County}&from=2025-07-01&to=2025-07-31";
        var statsBefore = await Kit.GetOkAsync(actors.Operator, statsQuery);

        using var created = await Kit.PostAsync(actors.Bank, "/subsidy-claims", new { bankCode = bank, month = "2025-07", regionCode = County });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var claim = await HttpAssert.ReadJsonAsync(created);
        var id = Kit.Id(claim);
        Assert.Equal($"/api/return-home-entrepreneurship/subsidy-claims/{id}", created.Headers.Location?.ToString());
        Assert.Equal((bank, "2025-07", County, "rhe-bank-1"), (Kit.Text(claim, "bankCode"), Kit.Text(claim, "month"), Kit.Text(claim, "regionCode"), Kit.Text(claim, "createdBy")));

        // The April loan's period 3 (29 of 30 days overdue): 329.83, subsidy 6.82, borrower 323.01.
        // The May loan's period 2, 2025-06-30 … 2025-07-30, 31 days: 150,000 × 31 × 3.95 ÷ 36,000 = 510.2083… → 510.21;
        // subsidy 150,000 × 31 × 2.45 ÷ 36,000 = 316.4583… → 316.46; borrower 193.75.
        // Totals: interest 329.83 + 510.21 = 840.04, subsidy 6.82 + 316.46 = 323.28, borrowers 323.01 + 193.75 = 516.76.
        Assert.Equal((2, 1), (claim.GetProperty("loans").GetInt32(), claim.GetProperty("overdueLoans").GetInt32()));
        Assert.Equal((840.04m, 323.28m, 516.76m), (Kit.Money(claim, "interestDue"), Kit.Money(claim, "subsidy"), Kit.Money(claim, "borrowerShare")));

        var page = await Kit.GetOkAsync(actors.Bank, $"/subsidy-claims/{id}/lines");
        Assert.Equal((2, 0), (page.GetProperty("total").GetInt32(), page.GetProperty("offset").GetInt32()));
        var lines = page.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("loanId").GetGuid());
        Assert.Equal(new[] { april, may }.Order(), lines.Keys.Order());
        Assert.DoesNotContain(july, lines.Keys);
        Assert.DoesNotContain(otherBank, lines.Keys);
        var overdue = lines[april];
        Assert.Equal((3, "2025-06-10", "2025-07-10", 30, 29, 100_200m), (overdue.GetProperty("period").GetInt32(), Kit.Text(overdue, "start"), Kit.Text(overdue, "dueOn"),
            overdue.GetProperty("days").GetInt32(), overdue.GetProperty("overdueDays").GetInt32(), Kit.Money(overdue, "outstanding")));
        Assert.Equal((329.83m, 6.82m, 323.01m, true), (Kit.Money(overdue, "interestDue"), Kit.Money(overdue, "subsidy"), Kit.Money(overdue, "borrowerShare"), overdue.GetProperty("overdue").GetBoolean()));
        Assert.Equal((County, 3.95m, 1.50m), (Kit.Text(overdue, "regionCode"), Kit.Money(overdue, "contractRatePercent"), Kit.Money(overdue, "borrowerRatePercent")));
        Assert.StartsWith("JK-", Kit.Text(overdue, "loanContract"), StringComparison.Ordinal);
        var onTime = lines[may];
        Assert.Equal((2, "2025-06-30", "2025-07-31", 31, 0, 150_000m), (onTime.GetProperty("period").GetInt32(), Kit.Text(onTime, "start"), Kit.Text(onTime, "dueOn"),
            onTime.GetProperty("days").GetInt32(), onTime.GetProperty("overdueDays").GetInt32(), Kit.Money(onTime, "outstanding")));
        Assert.Equal((510.21m, 316.46m, 193.75m, false), (Kit.Money(onTime, "interestDue"), Kit.Money(onTime, "subsidy"), Kit.Money(onTime, "borrowerShare"), onTime.GetProperty("overdue").GetBoolean()));

        // The totals are the sums of the lines.
        Assert.Equal(Kit.Money(claim, "interestDue"), lines.Values.Sum(l => Kit.Money(l, "interestDue")));
        Assert.Equal(Kit.Money(claim, "subsidy"), lines.Values.Sum(l => Kit.Money(l, "subsidy")));
        Assert.Equal(Kit.Money(claim, "borrowerShare"), lines.Values.Sum(l => Kit.Money(l, "borrowerShare")));

        // Paging: one line at a time gives both, in the claim's order.
        var first = await Kit.GetOkAsync(actors.Bank, $"/subsidy-claims/{id}/lines?offset=0&limit=1");
        var second = await Kit.GetOkAsync(actors.Bank, $"/subsidy-claims/{id}/lines?offset=1&limit=1");
        var beyond = await Kit.GetOkAsync(actors.Bank, $"/subsidy-claims/{id}/lines?offset=2&limit=1");
        Assert.Equal((2, 1), (second.GetProperty("total").GetInt32(), second.GetProperty("offset").GetInt32()));
        Assert.Equal(
            page.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("loanId").GetGuid()),
            new[] { first, second }.Select(p => Assert.Single(p.GetProperty("lines").EnumerateArray()).GetProperty("loanId").GetGuid()));
        Assert.Equal(0, beyond.GetProperty("lines").GetArrayLength());
        using (var badLimit = await Kit.GetAsync(actors.Bank, $"/subsidy-claims/{id}/lines?limit=0"))
        {
            Assert.Equal(["limit"], HttpAssert.ErrorFields(await HttpAssert.ProblemAsync(badLimit, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        }

        // The CSV for the finance bureau: the header and one row per loan.
        using (var csv = await Kit.GetAsync(actors.Operator, $"/subsidy-claims/{id}/lines.csv"))
        {
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var rows = (await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, rows.Length);
            Assert.Equal("loan_id,loan_contract,region_code,period,start,due_on,days,overdue_days,outstanding,contract_rate_percent,borrower_rate_percent,interest_due,borrower_share,subsidy,overdue", rows[0]);
            var aprilRow = Assert.Single(rows, r => r.StartsWith(april.ToString(), StringComparison.Ordinal)).Split(',');
            Assert.Equal(["3", "2025-06-10", "2025-07-10", "30", "29", "100200.00"], aprilRow[3..9]);
            Assert.Equal(["329.83", "323.01", "6.82", "true"], aprilRow[11..]);
            var mayRow = Assert.Single(rows, r => r.StartsWith(may.ToString(), StringComparison.Ordinal)).Split(',');
            Assert.Equal(["510.21", "193.75", "316.46", "false"], mayRow[11..]);
        }

        // Read back as made; counted in the statistics of the month.
        var read = await Kit.GetOkAsync(actors.Reviewer, $"/subsidy-claims/{id}");
        Assert.Equal((2, 323.28m), (read.GetProperty("loans").GetInt32(), Kit.Money(read, "subsidy")));
        var statsAfter = await Kit.GetOkAsync(actors.Operator, statsQuery);
        Assert.Equal(Kit.Money(statsBefore, "interestSubsidyClaimed") + 323.28m, Kit.Money(statsAfter, "interestSubsidyClaimed"));

        // Once per bank and month for any loan: the county again, or the city covering it, is refused; another county is not.
        await Kit.PostProblemAsync(actors.Bank, "/subsidy-claims", new { bankCode = bank, month = "2025-07", regionCode = County }, HttpStatusCode.Conflict, "entrepreneurship.claim_exists");
        await Kit.PostProblemAsync(actors.Bank, "/subsidy-claims", new { bankCode = bank, month = "2025-07", regionCode = Kit.Leshan }, HttpStatusCode.Conflict, "entrepreneurship.claim_exists");
        Assert.Equal(0, (await Kit.PostCreatedAsync(actors.Bank, "/subsidy-claims", new { bankCode = bank, month = "2025-07", regionCode = "511102" })).GetProperty("loans").GetInt32());

        // June: the April loan's period 2 (340.82, subsidy 211.39) and the May loan's period 1, 30 days:
        // 150,000 × 30 × 3.95 ÷ 36,000 = 493.75, subsidy 306.25, borrower 187.50; nobody overdue in their periods.
        var june = await Kit.PostCreatedAsync(actors.Operator, "/subsidy-claims", new { bankCode = bank, month = "2025-06", regionCode = County });
        Assert.Equal((2, 0), (june.GetProperty("loans").GetInt32(), june.GetProperty("overdueLoans").GetInt32()));
        Assert.Equal((834.57m, 517.64m, 316.93m), (Kit.Money(june, "interestDue"), Kit.Money(june, "subsidy"), Kit.Money(june, "borrowerShare")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_claim_for_a_month_not_over_outside_the_callers_region_or_by_a_reviewer_is_refused(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        using var chongqingBank = Kit.Bank(host, Kit.Chongqing, "rhe-cq-bank");
        var bank = Kit.NewCreditCode(Kit.Leshan);
        var thisMonth = Kit.ChinaToday.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        await Kit.PostProblemAsync(actors.Bank, "/subsidy-claims", new { bankCode = bank, month = thisMonth, regionCode = County }, HttpStatusCode.UnprocessableEntity, "entrepreneurship.month_not_over");
        await Kit.PostProblemAsync(actors.Reviewer, "/subsidy-claims", new { bankCode = bank, month = "2025-07", regionCode = County }, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        await Kit.PostProblemAsync(actors.Bank, "/subsidy-claims", new { bankCode = bank, month = "2025-07", regionCode = "500155" }, HttpStatusCode.Forbidden, "entrepreneurship.region_outside_caller");
        var month = await Kit.PostProblemAsync(actors.Bank, "/subsidy-claims", new { bankCode = bank, month = "2025-13", regionCode = County }, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["month"], HttpAssert.ErrorFields(month));
        var code = await Kit.PostProblemAsync(actors.Bank, "/subsidy-claims", new { bankCode = Kit.WithWrongCheck(bank), month = "2025-07", regionCode = County }, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["bankCode"], HttpAssert.ErrorFields(code));

        // An empty claim is still a claim; Chongqing does not see it.
        var empty = await Kit.PostCreatedAsync(actors.Bank, "/subsidy-claims", new { bankCode = bank, month = "2025-01", regionCode = County });
        Assert.Equal((0, 0m), (empty.GetProperty("loans").GetInt32(), Kit.Money(empty, "subsidy")));
        using var hidden = await Kit.GetAsync(chongqingBank, $"/subsidy-claims/{Kit.Id(empty)}");
        await HttpAssert.ProblemAsync(hidden, HttpStatusCode.NotFound, "entrepreneurship.claim_not_found");
    }
}
