using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;
using Kit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.EntrepreneurshipTestKit;

namespace Platform.IntegrationTests.ReturnHomeEntrepreneurship;

/// <summary>
/// A running loan's standing: overdue once a due day passes unpaid (seen at once when the loan is read,
/// stored by the next repayment or the daily check for lists and statistics), back to repaying when the arrears are cleared,
/// defaulted only while overdue, compensated by the guarantee fund, settled by full repayment; and repeat
/// borrowing after each. Loans are paid out through HTTP and then moved back in time in the database, as
/// the API pays out only on or after the bank's approval day (today).
/// </summary>
public sealed class LoanStandingTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>峨边彝族自治县.</summary>
    private const string County = "511132";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Bank() => Kit.NewCreditCode(Kit.Leshan);

    private static DateOnly Today => Kit.ChinaToday;

    private static Task<int> CheckStandingsAsync(PlatformFactory host) =>
        host.Services.GetRequiredService<LoanStandingCheck>().RunAsync(Today, Token);

    private static JsonElement Standing(JsonElement loan) => loan.GetProperty("standing");

    private static (string From, string? To)[] Spells(JsonElement loan) =>
        Standing(loan).GetProperty("spells").EnumerateArray().Select(s => (Kit.Text(s, "from"), Kit.IsAbsent(s, "to") ? null : Kit.Text(s, "to"))).ToArray();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_unpaid_due_day_makes_the_loan_overdue_until_the_arrears_are_cleared(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var founder = await Kit.FounderIdAsync(actors.Operator, County);
        var disbursedOn = Today.AddDays(-100);
        var overdueSince = disbursedOn.AddMonths(1).AddDays(1);

        // Not yet scheduled for the daily check (which also runs in the background when the host starts): the
        // other loans of the county are brought up to date first, so the statistics move by this loan only.
        var loan = await Kit.BackdatedLoanAsync(host, actors, founder, 100_000m, Bank(), disbursedOn, scheduleCheck: false);
        await CheckStandingsAsync(host);
        var statsBefore = await Kit.GetOkAsync(actors.Operator, $"/statistics?regionCode={County}");

        // A read shows it at once (today's status and standing); the stored status, which lists and
        // statistics use, waits for the daily check.
        var read = await Kit.LoanAsync(actors.Bank, loan);
        Assert.Equal("Overdue", Kit.Text(read, "status"));
        Assert.Equal(Kit.Day(overdueSince), Kit.Text(Standing(read), "overdueSince"));
        Assert.Equal([(Kit.Day(overdueSince), (string?)null)], Spells(read));
        var arrears = Kit.Money(Standing(read), "interestArrears");
        Assert.True(arrears > 0m, $"Expected interest arrears, got {arrears}.");
        Assert.Equal(0m, Kit.Money(Standing(read), "principalArrears"));
        Assert.Equal(LoanStatus.Disbursed, await Kit.StoredStatusAsync(host, loan));
        var listed = Assert.Single((await Kit.PostOkAsync(actors.Bank, "/loans/search", new { entrepreneurId = founder })).GetProperty("items").EnumerateArray());
        Assert.Equal("Disbursed", Kit.Text(listed, "status"));
        Assert.Equal(statsBefore.GetProperty("loansOverdue").GetInt32(), (await Kit.GetOkAsync(actors.Operator, $"/statistics?regionCode={County}")).GetProperty("loansOverdue").GetInt32());

        await Kit.ScheduleCheckAsync(host, loan, overdueSince);
        Assert.True(await CheckStandingsAsync(host) >= 1);

        Assert.Equal(LoanStatus.Overdue, await Kit.StoredStatusAsync(host, loan));
        read = await Kit.LoanAsync(actors.Bank, loan);
        Assert.Equal("Overdue", Kit.Text(read, "status"));
        Assert.True(read.GetProperty("everOverdue").GetBoolean());
        var statsOverdue = await Kit.GetOkAsync(actors.Operator, $"/statistics?regionCode={County}");
        Assert.Equal(statsBefore.GetProperty("loansOverdue").GetInt32() + 1, statsOverdue.GetProperty("loansOverdue").GetInt32());
        var overdueList = await Kit.PostOkAsync(actors.Bank, "/loans/search", new { regionCode = County, status = "Overdue" });
        Assert.Contains(overdueList.GetProperty("items").EnumerateArray(), l => Kit.Id(l) == loan);

        // Part of the arrears leaves it overdue; the rest clears them today and it is repaying again.
        var part = await Kit.RepayAsync(actors.Bank, loan, Today, 0m, 10m);
        Assert.Equal("Overdue", Kit.Text(part, "status"));
        Assert.Equal(arrears - 10m, Kit.Money(Standing(part), "interestArrears"));
        var cleared = await Kit.RepayAsync(actors.Bank, loan, Today, 0m, arrears - 10m);
        Assert.Equal("Repaying", Kit.Text(cleared, "status"));
        Assert.Equal(0m, Kit.Money(Standing(cleared), "interestArrears"));
        Assert.True(Kit.IsAbsent(Standing(cleared), "overdueSince"));
        Assert.Equal([(Kit.Day(overdueSince), (string?)Kit.Day(Today))], Spells(cleared));
        Assert.True(cleared.GetProperty("everOverdue").GetBoolean());
        Assert.Equal(statsBefore.GetProperty("loansOverdue").GetInt32(), (await Kit.GetOkAsync(actors.Operator, $"/statistics?regionCode={County}")).GetProperty("loansOverdue").GetInt32());

        // No longer overdue: no default.
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/default", new { declaredOn = Today, note = "逾期" }, HttpStatusCode.Conflict, "entrepreneurship.not_overdue");

        // Ever overdue: once settled, no further loan.
        var principal = await Kit.RepayAsync(actors.Bank, loan, Today, 100_000m, 0m);
        Assert.Equal(0m, Kit.Money(Standing(principal), "outstanding"));
        var schedule = await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/schedule");
        var owed = schedule.GetProperty("periods").EnumerateArray().Sum(p => Kit.Money(p, "borrowerShare"))
            - schedule.GetProperty("repayments").EnumerateArray().Sum(r => Kit.Money(r, "interest"));
        if (owed > 0m)
        {
            Assert.NotEqual("Settled", Kit.Text(principal, "status"));
            principal = await Kit.RepayAsync(actors.Bank, loan, Today, 0m, owed);
        }

        Assert.Equal(("Settled", Kit.Day(Today)), (Kit.Text(principal, "status"), Kit.Text(principal, "settledOn")));
        Assert.True(principal.GetProperty("everOverdue").GetBoolean());
        await Kit.PostProblemAsync(actors.Operator, "/loans", Kit.LoanBody(founder, 10_000m, Bank()), HttpStatusCode.UnprocessableEntity, "entrepreneurship.previous_loan_not_on_time");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_overdue_loan_is_declared_in_default_and_compensated_by_the_guarantee_fund(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var founder = await Kit.FounderIdAsync(actors.Operator, County);
        var disbursedOn = Today.AddDays(-75);
        var loan = await Kit.BackdatedLoanAsync(host, actors, founder, 60_000m, Bank(), disbursedOn);
        var overdueSince = disbursedOn.AddMonths(1).AddDays(1);

        // A repayment that does not clear the arrears stores the overdue status.
        var partialReference = $"HK-{Guid.NewGuid():N}";
        var partial = await Kit.RepayAsync(actors.Bank, loan, Today, 0m, 5m, partialReference);
        Assert.Equal("Overdue", Kit.Text(partial, "status"));
        Assert.Equal(LoanStatus.Overdue, await Kit.StoredStatusAsync(host, loan));
        Assert.Equal(Kit.Day(overdueSince), Kit.Text(Standing(partial), "overdueSince"));

        // Default: by the bank, on a day the loan is overdue.
        await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{loan}/default", new { declaredOn = Today, note = "连续逾期" }, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/default", new { declaredOn = overdueSince.AddDays(-1), note = "连续逾期" }, HttpStatusCode.Conflict, "entrepreneurship.not_overdue");
        var defaulted = await Kit.PostOkAsync(actors.Bank, $"/loans/{loan}/default", new { declaredOn = Today, note = "连续逾期" });
        Assert.Equal(("Defaulted", Kit.Day(Today), "连续逾期"), (Kit.Text(defaulted, "status"), Kit.Text(defaulted, "defaultedOn"), Kit.Text(defaulted, "decisionNote")));
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/default", new { declaredOn = Today, note = "再次" }, HttpStatusCode.Conflict, "entrepreneurship.not_overdue");

        // The daily check leaves a defaulted loan defaulted (and brings the county's other loans up to date).
        await Kit.ScheduleCheckAsync(host, loan, Today);
        await CheckStandingsAsync(host);
        Assert.Equal(LoanStatus.Defaulted, await Kit.StoredStatusAsync(host, loan));
        var statsBefore = await Kit.GetOkAsync(actors.Operator, $"/statistics?regionCode={County}");

        // The guarantee fund pays the outstanding principal and all of the borrower's unpaid interest up to the
        // day: the arrears of the periods due, and the days of the current period (from the last due day to
        // yesterday, all overdue, so without subsidy: for 14 days 60,000 × 14 × 3.95 ÷ 36,000 = 92.1666… → 92.17).
        var outstanding = Kit.Money(Standing(defaulted), "outstanding");
        var interestArrears = Kit.Money(Standing(defaulted), "interestArrears");
        Assert.Equal(60_000m, outstanding);
        Assert.True(interestArrears > 0m);
        var lastDue = Enumerable.Range(1, 12).Select(k => disbursedOn.AddMonths(k)).Last(d => d <= Today);
        var currentPeriod = Kit.Fen(60_000m * (Today.DayNumber - lastDue.DayNumber) * 3.95m / 36_000m);
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/compensation", new { paidOn = Today, reference = "DC-1" }, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        Assert.Equal(["paidOn"], HttpAssert.ErrorFields(await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{loan}/compensation", new { paidOn = Today.AddDays(-1), reference = "DC-1" }, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{loan}/compensation", new { paidOn = Today, reference = partialReference }, HttpStatusCode.Conflict, "entrepreneurship.repayment_reference_used");
        Assert.Equal(LoanStatus.Defaulted, await Kit.StoredStatusAsync(host, loan));
        var future = await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{loan}/compensation", new { paidOn = Today.AddDays(1), reference = "DC-FUTURE" }, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["paidOn"], HttpAssert.ErrorFields(future));
        var reference = $"DC-{Guid.NewGuid():N}";
        var compensated = await Kit.PostOkAsync(actors.Reviewer, $"/loans/{loan}/compensation", new { paidOn = Today, reference });

        Assert.Equal(("Compensated", Kit.Day(Today)), (Kit.Text(compensated, "status"), Kit.Text(compensated, "compensatedOn")));
        Assert.Equal(outstanding + interestArrears + currentPeriod, Kit.Money(compensated, "compensationAmount"));
        Assert.Equal((0m, 0m), (Kit.Money(Standing(compensated), "outstanding"), Kit.Money(Standing(compensated), "interestArrears")));
        var fromFund = Assert.Single((await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/schedule")).GetProperty("repayments").EnumerateArray(), r => Kit.Text(r, "source") == "GuaranteeFund");
        Assert.Equal((reference, outstanding, interestArrears + currentPeriod), (Kit.Text(fromFund, "reference"), Kit.Money(fromFund, "principal"), Kit.Money(fromFund, "interest")));

        // Finished: no more repayments, a second compensation or default; it leaves the running loans.
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/repayments", Kit.Repayment(Today, 0m, 1m), HttpStatusCode.Conflict, Kit.InvalidTransition);
        await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{loan}/compensation", new { paidOn = Today, reference = $"DC-{Guid.NewGuid():N}" }, HttpStatusCode.Conflict, Kit.InvalidTransition);
        var statsAfter = await Kit.GetOkAsync(actors.Operator, $"/statistics?regionCode={County}");
        Assert.Equal(statsBefore.GetProperty("loansRunning").GetInt32() - 1, statsAfter.GetProperty("loansRunning").GetInt32());
        Assert.Equal(statsBefore.GetProperty("loansOverdue").GetInt32() - 1, statsAfter.GetProperty("loansOverdue").GetInt32());
        Assert.Equal(Kit.Money(statsBefore, "loansOutstanding") - 60_000m, Kit.Money(statsAfter, "loansOutstanding"));

        // A compensated loan was not repaid on time: no further loan.
        await Kit.PostProblemAsync(actors.Operator, "/loans", Kit.LoanBody(founder, 10_000m, Bank()), HttpStatusCode.UnprocessableEntity, "entrepreneurship.previous_loan_not_on_time");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_loan_repaid_on_time_and_then_in_full_is_settled_and_the_borrower_borrows_again(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var founder = await Kit.FounderIdAsync(actors.Operator, County);
        var disbursedOn = Today.AddDays(-40);
        var loan = await Kit.BackdatedLoanAsync(host, actors, founder, 100_000m, Bank(), disbursedOn);
        var firstDue = disbursedOn.AddMonths(1);

        // Period 1: 100,000 for the days from the disbursement to the day before its due day, at 3.95 % with
        // 2.45 % subsidised: the borrower pays interest − subsidy, each rounded to the fen. For 30 days:
        // 329.17 − 204.17 = 125.00; for 31 days: 340.14 − 210.97 = 129.17.
        var days1 = firstDue.DayNumber - disbursedOn.DayNumber;
        var share1 = Kit.Fen(100_000m * days1 * 3.95m / 36_000m) - Kit.Fen(100_000m * days1 * 2.45m / 36_000m);
        var onTime = await Kit.RepayAsync(actors.Bank, loan, firstDue, 0m, share1);
        Assert.Equal("Repaying", Kit.Text(onTime, "status"));
        Assert.Equal(0m, Kit.Money(Standing(onTime), "interestArrears"));
        Assert.Empty(Spells(onTime));
        Assert.Equal(Kit.Day(disbursedOn.AddMonths(2)), Kit.Text(Standing(onTime), "nextDueOn"));

        // Repaid in full today with the interest of the days since the last due day (none overdue, all subsidised).
        var days2 = Today.DayNumber - firstDue.DayNumber;
        var share2 = Kit.Fen(100_000m * days2 * 3.95m / 36_000m) - Kit.Fen(100_000m * days2 * 2.45m / 36_000m);
        var settled = await Kit.RepayAsync(actors.Bank, loan, Today, 100_000m, share2);

        Assert.Equal(("Settled", Kit.Day(Today), false), (Kit.Text(settled, "status"), Kit.Text(settled, "settledOn"), settled.GetProperty("everOverdue").GetBoolean()));
        Assert.Equal((0m, 100_000m, share1 + share2), (Kit.Money(Standing(settled), "outstanding"), Kit.Money(Standing(settled), "principalRepaid"), Kit.Money(Standing(settled), "interestPaid")));
        var periods = (await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/schedule")).GetProperty("periods").EnumerateArray().ToArray();
        Assert.Equal(2, periods.Length);
        Assert.Equal((days2, share2), (periods[1].GetProperty("days").GetInt32(), Kit.Money(periods[1], "borrowerShare")));

        // On time: a second loan is the borrower's second.
        var again = await Kit.ApplyAsync(actors.Operator, founder, 50_000m, Bank());
        Assert.Equal(2, again.GetProperty("sequence").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_equal_principal_loan_whose_principal_is_not_paid_is_overdue_until_it_is_including_that_day(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var founder = await Kit.FounderIdAsync(actors.Operator, County);
        var disbursedOn = Today.AddDays(-40);
        var loan = await Kit.BackdatedLoanAsync(host, actors, founder, 120_000m, Bank(), disbursedOn, method: "EqualPrincipal");
        var firstDue = disbursedOn.AddMonths(1);
        var secondDue = disbursedOn.AddMonths(2);

        // Period 1 asks for 120,000 ÷ 12 = 10,000 of principal and the borrower's interest; only the interest is paid.
        var days1 = firstDue.DayNumber - disbursedOn.DayNumber;
        var share1 = Kit.Fen(120_000m * days1 * 3.95m / 36_000m) - Kit.Fen(120_000m * days1 * 2.45m / 36_000m);
        var interestOnly = await Kit.RepayAsync(actors.Bank, loan, firstDue, 0m, share1);
        Assert.Equal("Overdue", Kit.Text(interestOnly, "status"));
        Assert.Equal((10_000m, 0m), (Kit.Money(Standing(interestOnly), "principalArrears"), Kit.Money(Standing(interestOnly), "interestArrears")));
        Assert.Equal(Kit.Day(firstDue.AddDays(1)), Kit.Text(Standing(interestOnly), "overdueSince"));

        // The principal paid today clears the arrears: overdue up to and including today.
        var caughtUp = await Kit.RepayAsync(actors.Bank, loan, Today, 10_000m, 0m);
        Assert.Equal(("Repaying", 110_000m), (Kit.Text(caughtUp, "status"), Kit.Money(Standing(caughtUp), "outstanding")));
        Assert.Equal([(Kit.Day(firstDue.AddDays(1)), (string?)Kit.Day(Today))], Spells(caughtUp));

        // Period 2 (projected to its due day): the due day itself at 120,000 not overdue; the overdue days at
        // 120,000 until yesterday and at 110,000 today (from the repayment's day, still overdue); the rest at
        // 110,000, subsidised again. Interest and subsidy are rounded once for the period.
        var period2 = (await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/schedule")).GetProperty("periods")[1];
        var overdueBefore = Today.DayNumber - firstDue.DayNumber - 1;
        var after = secondDue.DayNumber - Today.DayNumber - 1;
        Assert.Equal(
            [(Kit.Day(firstDue), 1, 120_000m, false, true), (Kit.Day(firstDue.AddDays(1)), overdueBefore, 120_000m, true, false), (Kit.Day(Today), 1, 110_000m, true, false),
                (Kit.Day(Today.AddDays(1)), after, 110_000m, false, true)],
            period2.GetProperty("segments").EnumerateArray().Select(g => (Kit.Text(g, "from"), g.GetProperty("days").GetInt32(), Kit.Money(g, "outstanding"),
                g.GetProperty("overdue").GetBoolean(), g.GetProperty("subsidised").GetBoolean())));
        var interestBase = (120_000m * (1 + overdueBefore)) + (110_000m * (1 + after));
        var subsidyBase = (120_000m * 1) + (110_000m * after);
        Assert.Equal((overdueBefore + 1, Kit.Fen(interestBase * 3.95m / 36_000m), Kit.Fen(subsidyBase * 2.45m / 36_000m), 10_000m),
            (period2.GetProperty("overdueDays").GetInt32(), Kit.Money(period2, "interest"), Kit.Money(period2, "subsidy"), Kit.Money(period2, "principalDue")));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_loan_repaid_in_full_without_the_interest_of_its_last_days_is_not_settled(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var founder = await Kit.FounderIdAsync(actors.Operator, County);
        var disbursedOn = Today.AddDays(-10);
        var loan = await Kit.BackdatedLoanAsync(host, actors, founder, 100_000m, Bank(), disbursedOn);

        var principal = await Kit.RepayAsync(actors.Bank, loan, Today, 100_000m, 0m);

        // Ten days at 100,000: interest 100,000 × 10 × 3.95 ÷ 36,000 = 109.7222… → 109.72, subsidy
        // 100,000 × 10 × 2.45 ÷ 36,000 = 68.0555… → 68.06; the borrower still owes 41.66.
        Assert.Equal("Repaying", Kit.Text(principal, "status"));
        Assert.Equal(0m, Kit.Money(Standing(principal), "outstanding"));
        var last = Assert.Single((await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/schedule")).GetProperty("periods").EnumerateArray());
        Assert.Equal((10, 109.72m, 68.06m, 41.66m), (last.GetProperty("days").GetInt32(), Kit.Money(last, "interest"), Kit.Money(last, "subsidy"), Kit.Money(last, "borrowerShare")));
        await Kit.PostProblemAsync(actors.Operator, "/loans", Kit.LoanBody(founder, 10_000m, Bank()), HttpStatusCode.Conflict, "entrepreneurship.loan_in_progress");

        var settled = await Kit.RepayAsync(actors.Bank, loan, Today, 0m, 41.66m);
        Assert.Equal("Settled", Kit.Text(settled, "status"));
        Assert.Equal(2, (await Kit.ApplyAsync(actors.Operator, founder, 10_000m, Bank())).GetProperty("sequence").GetInt32());
    }
}
