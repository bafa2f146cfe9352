using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Kit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.EntrepreneurshipTestKit;

namespace Platform.IntegrationTests.ReturnHomeEntrepreneurship;

/// <summary>
/// Guaranteed loans through HTTP, each step by its actor (the bureau applies, the guarantee fund guarantees,
/// the bank approves, pays out and records repayments): the caps of the 2020 rules (individual, partners,
/// small or micro enterprise), terms, the contract rate cap against the LPR and the borrower's rate, the
/// schedule, idempotent repayments, the lifecycle's refused moves, withdrawal and repeat borrowing.
/// </summary>
public sealed class LoanTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>峨眉山市.</summary>
    private const string County = "511181";

    private const string AboveCap = "entrepreneurship.amount_above_cap";
    private const string TermTooLong = "entrepreneurship.term_too_long";
    private const string InProgress = "entrepreneurship.loan_in_progress";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Bank() => Kit.NewCreditCode(Kit.Leshan);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_loan_goes_from_application_to_repayment_each_step_by_its_actor(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var idNumber = Kit.NewIdNumber(County);
        var founder = Kit.Id(await Kit.RegisterFounderAsync(actors.Operator, County, idNumber));
        var business = await Kit.BusinessIdAsync(actors.Operator, founder, County);
        var bank = Bank();
        var today = Kit.ChinaToday;

        // The bureau applies on the founder's behalf.
        using var created = await Kit.PostAsync(actors.Operator, "/loans", Kit.LoanBody(founder, 100_000m, bank, term: 36, business: business, method: "EqualPrincipal"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var applied = await HttpAssert.ReadJsonAsync(created);
        var loan = Kit.Id(applied);
        Assert.Equal($"/api/return-home-entrepreneurship/loans/{loan}", created.Headers.Location?.ToString());
        Assert.Equal(("Applied", 1, 200_000m), (Kit.Text(applied, "status"), applied.GetProperty("sequence").GetInt32(), Kit.Money(applied, "cap")));
        Assert.Equal((100_000m, 36, "EqualPrincipal"), (Kit.Money(applied, "requestedAmount"), applied.GetProperty("requestedTermMonths").GetInt32(), Kit.Text(applied, "method")));
        Assert.Equal((County, bank, business), (Kit.Text(applied, "regionCode"), Kit.Text(applied, "bankCode"), applied.GetProperty("businessId").GetGuid()));
        Assert.True(Kit.IsAbsent(applied, "standing"));

        // Each step belongs to one actor.
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/guarantee-decision", new { approve = true, contractNumber = "DB-1" }, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        await Kit.PostProblemAsync(actors.Reviewer, "/loans", Kit.LoanBody(founder, 1_000m, bank), HttpStatusCode.Forbidden, Kit.PermissionMissing);
        var guaranteed = await Kit.GuaranteeAsync(actors.Reviewer, loan);
        Assert.Equal(("GuaranteeApproved", Kit.Day(today)), (Kit.Text(guaranteed, "status"), Kit.Text(guaranteed, "guaranteeApprovedOn")));
        Assert.StartsWith("DB-", Kit.Text(guaranteed, "guaranteeContract"), StringComparison.Ordinal);

        await Kit.PostProblemAsync(actors.Operator, $"/loans/{loan}/bank-decision", Kit.BankApproval(100_000m, 36, 3.95m), HttpStatusCode.Forbidden, Kit.PermissionMissing);
        var approved = await Kit.BankApproveAsync(actors.Bank, loan, 100_000m, 36, 3.95m);
        Assert.Equal(("BankApproved", Kit.Day(today)), (Kit.Text(approved, "status"), Kit.Text(approved, "bankApprovedOn")));
        Assert.Equal((100_000m, 36, 3.95m), (Kit.Money(approved, "amount"), approved.GetProperty("termMonths").GetInt32(), Kit.Money(approved, "contractRatePercent")));

        // LPR 3.00 today: the borrower bears LPR − 150 bp = 1.50; public finance the other 2.45, for the whole term.
        Assert.Equal((Kit.PrimeRate, 1.50m, 36), (Kit.Money(approved, "primeRatePercent"), Kit.Money(approved, "borrowerRatePercent"), approved.GetProperty("subsidisedMonths").GetInt32()));
        using (var noSchedule = await Kit.GetAsync(actors.Operator, $"/loans/{loan}/schedule"))
        {
            await HttpAssert.ProblemAsync(noSchedule, HttpStatusCode.Conflict, Kit.InvalidTransition);
        }

        await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{loan}/disbursement", new { disbursedOn = today }, HttpStatusCode.Forbidden, Kit.PermissionMissing);
        var yesterday = await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/disbursement", new { disbursedOn = today.AddDays(-1) }, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["disbursedOn"], HttpAssert.ErrorFields(yesterday));
        var disbursed = await Kit.DisburseAsync(actors.Bank, loan);
        Assert.Equal(("Disbursed", Kit.Day(today), Kit.Day(today.AddMonths(36))), (Kit.Text(disbursed, "status"), Kit.Text(disbursed, "disbursedOn"), Kit.Text(disbursed, "maturityOn")));
        var standing = disbursed.GetProperty("standing");
        Assert.Equal((100_000m, 0m, 0m), (Kit.Money(standing, "outstanding"), Kit.Money(standing, "principalArrears"), Kit.Money(standing, "interestArrears")));
        Assert.Equal(Kit.Day(today.AddMonths(1)), Kit.Text(standing, "nextDueOn"));
        Assert.True(Kit.IsAbsent(standing, "overdueSince"));

        // LoanDisbursed is in the outbox, without the identity number.
        var published = Assert.Single(await Kit.OutboxAsync(host, LoanDisbursed.Name, loan));
        Assert.Equal((founder, business), (published.GetProperty("entrepreneurId").GetGuid(), published.GetProperty("businessId").GetGuid()));
        Assert.Equal(("Individual", County, bank), (Kit.Text(published, "kind"), Kit.Text(published, "regionCode"), Kit.Text(published, "bankCode")));
        Assert.Equal((100_000m, Kit.Day(today), 36), (Kit.Money(published, "amount"), Kit.Text(published, "disbursedOn"), published.GetProperty("termMonths").GetInt32()));
        Assert.Equal(await Kit.BlindIndexAsync(host, idNumber), Kit.Text(published, "borrowerBlindIndex"));

        // The schedule: 36 periods, period k due on the disbursement day plus k months; equal principal of
        // 100,000 ÷ 36 = 2,777.777… truncated to 2,777.77, the last period the rest: 100,000 − 35 × 2,777.77 = 2,778.05.
        var schedule = await Kit.GetOkAsync(actors.Operator, $"/loans/{loan}/schedule");
        var periods = schedule.GetProperty("periods").EnumerateArray().ToArray();
        Assert.Equal(36, periods.Length);
        Assert.Equal(Enumerable.Range(1, 36).Select(k => Kit.Day(today.AddMonths(k))), periods.Select(p => Kit.Text(p, "dueOn")));
        Assert.All(periods[..35], p => Assert.Equal(2_777.77m, Kit.Money(p, "principalDue")));
        Assert.Equal(2_778.05m, Kit.Money(periods[35], "principalDue"));
        Assert.All(periods, p => Assert.True(p.GetProperty("projected").GetBoolean()));

        // Period 1 bears interest on 100,000 for the days up to the day before its due day. For a 30-day
        // period: 100,000 × 30 × 3.95 ÷ 36,000 = 329.1666… → 329.17; subsidy 100,000 × 30 × 2.45 ÷ 36,000 =
        // 204.1666… → 204.17; the borrower 125.00.
        var days = today.AddMonths(1).DayNumber - today.DayNumber;
        Assert.Equal(days, periods[0].GetProperty("days").GetInt32());
        Assert.Equal(Kit.Fen(100_000m * days * 3.95m / 36_000m), Kit.Money(periods[0], "interest"));
        Assert.Equal(Kit.Fen(100_000m * days * 2.45m / 36_000m), Kit.Money(periods[0], "subsidy"));
        Assert.Equal(Kit.Money(periods[0], "interest") - Kit.Money(periods[0], "subsidy"), Kit.Money(periods[0], "borrowerShare"));
        if (days == 30)
        {
            Assert.Equal((329.17m, 204.17m, 125.00m), (Kit.Money(periods[0], "interest"), Kit.Money(periods[0], "subsidy"), Kit.Money(periods[0], "borrowerShare")));
        }

        // The bank records a repayment; a retry with the same reference and figures changes nothing, other
        // figures under it are refused.
        var reference = $"HK-{Guid.NewGuid():N}";
        var repaid = await Kit.RepayAsync(actors.Bank, loan, today, 2_777.77m, 0m, reference);
        Assert.Equal("Repaying", Kit.Text(repaid, "status"));
        Assert.Equal((97_222.23m, 2_777.77m), (Kit.Money(repaid.GetProperty("standing"), "outstanding"), Kit.Money(repaid.GetProperty("standing"), "principalRepaid")));
        var retried = await Kit.RepayAsync(actors.Bank, loan, today, 2_777.77m, 0m, reference);
        Assert.Equal(97_222.23m, Kit.Money(retried.GetProperty("standing"), "outstanding"));
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/repayments", Kit.Repayment(today, 1_000m, 0m, reference), HttpStatusCode.Conflict, "entrepreneurship.repayment_reference_used");
        Assert.Equal(1, await Kit.DbAsync(host, db => db.Repayments.AsNoTracking().CountAsync(r => r.LoanId == loan, Token)));
        var recorded = Assert.Single((await Kit.GetOkAsync(actors.Bank, $"/loans/{loan}/schedule")).GetProperty("repayments").EnumerateArray());
        Assert.Equal((reference, "Borrower", 2_777.77m), (Kit.Text(recorded, "reference"), Kit.Text(recorded, "source"), Kit.Money(recorded, "principal")));

        // More principal than is outstanding, a day before the disbursement or in the future: refused.
        var tooMuch = await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/repayments", Kit.Repayment(today, 97_222.24m, 0m), HttpStatusCode.UnprocessableEntity, "entrepreneurship.repayment_exceeds_outstanding");
        Assert.Contains("97222.23", Kit.Text(tooMuch, "detail"), StringComparison.Ordinal);
        Assert.Equal(["paidOn"], HttpAssert.ErrorFields(await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/repayments", Kit.Repayment(today.AddDays(-1), 1m, 0m), HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["paidOn"], HttpAssert.ErrorFields(await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/repayments", Kit.Repayment(today.AddDays(1), 1m, 0m), HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        Assert.Equal(["principal"], HttpAssert.ErrorFields(await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/repayments", Kit.Repayment(today, 0m, 0m), HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        await Kit.PostProblemAsync(actors.Operator, $"/loans/{loan}/repayments", Kit.Repayment(today, 1m, 0m), HttpStatusCode.Forbidden, Kit.PermissionMissing);

        // The bank finds its loan; every actor reads it.
        var found = Assert.Single((await Kit.PostOkAsync(actors.Bank, "/loans/search", new { bankCode = bank })).GetProperty("items").EnumerateArray());
        Assert.Equal((loan, "Repaying", 97_222.23m), (Kit.Id(found), Kit.Text(found, "status"), Kit.Money(found, "outstanding")));
        Assert.Equal(loan, Kit.Id(Assert.Single((await Kit.PostOkAsync(actors.Reviewer, "/loans/search", new { entrepreneurId = founder })).GetProperty("items").EnumerateArray())));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_caps_and_terms_of_the_2020_rules_are_enforced_on_application(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var bank = Bank();

        // An individual: 200,000 and 36 months.
        var individual = await Kit.FounderIdAsync(op, County);
        var above = await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(individual, 200_001m, bank), HttpStatusCode.UnprocessableEntity, AboveCap);
        Assert.Contains("200000.00", Kit.Text(above, "detail"), StringComparison.Ordinal);
        await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(individual, 200_000m, bank, term: 37), HttpStatusCode.UnprocessableEntity, TermTooLong);
        var atCap = await Kit.ApplyAsync(op, individual, 200_000m, bank, term: 36);
        Assert.Equal((200_000m, 36), (Kit.Money(atCap, "cap"), atCap.GetProperty("requestedTermMonths").GetInt32()));

        // Partners: the sum of their caps plus 10 %: 3 × 200,000 × 1.1 = 660,000.
        var lead = await Kit.FounderIdAsync(op, County);
        var partners = new[] { await Kit.FounderIdAsync(op, County), await Kit.FounderIdAsync(op, County) };
        await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(lead, 660_000.01m, bank, kind: "Partnership", partners: partners), HttpStatusCode.UnprocessableEntity, AboveCap);
        var partnership = await Kit.ApplyAsync(op, lead, 660_000m, bank, term: 36, kind: "Partnership", partners: partners);
        Assert.Equal(660_000m, Kit.Money(partnership, "cap"));
        Assert.Equal(partners.Order(), partnership.GetProperty("partnerIds").EnumerateArray().Select(p => p.GetGuid()).Order());

        // Each partner now has an open loan; a partnership needs partners, and only a partnership has them.
        await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(partners[1], 10_000m, bank), HttpStatusCode.Conflict, InProgress);
        var noPartners = await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(await Kit.FounderIdAsync(op, County), 10_000m, bank, kind: "Partnership", partners: []), HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["partnerIds"], HttpAssert.ErrorFields(noPartners));
        var stray = await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(await Kit.FounderIdAsync(op, County), 10_000m, bank, partners: [partners[0]]), HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["partnerIds"], HttpAssert.ErrorFields(stray));

        // A small or micro enterprise: 3,000,000 and 24 months, only for the founder's operating small or micro enterprise.
        var owner = await Kit.FounderIdAsync(op, County);
        var shop = await Kit.BusinessIdAsync(op, owner, County, legalForm: "IndividualBusiness");
        var enterprise = await Kit.BusinessIdAsync(op, owner, County, legalForm: "SmallOrMicroEnterprise");
        await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(owner, 500_000m, bank, kind: "Enterprise", business: shop), HttpStatusCode.UnprocessableEntity, "entrepreneurship.enterprise_loan_needs_enterprise");
        var noBusiness = await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(owner, 500_000m, bank, kind: "Enterprise"), HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["businessId"], HttpAssert.ErrorFields(noBusiness));
        await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(owner, 3_000_000.01m, bank, kind: "Enterprise", business: enterprise), HttpStatusCode.UnprocessableEntity, AboveCap);
        await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(owner, 3_000_000m, bank, term: 25, kind: "Enterprise", business: enterprise), HttpStatusCode.UnprocessableEntity, TermTooLong);
        var enterpriseLoan = await Kit.ApplyAsync(op, owner, 3_000_000m, bank, term: 24, kind: "Enterprise", business: enterprise);
        Assert.Equal((3_000_000m, "Enterprise"), (Kit.Money(enterpriseLoan, "cap"), Kit.Text(enterpriseLoan, "kind")));

        // A closed small or micro enterprise no longer qualifies.
        var closing = await Kit.FounderIdAsync(op, County);
        var closed = await Kit.BusinessIdAsync(op, closing, County, legalForm: "SmallOrMicroEnterprise");
        await Kit.PostOkAsync(op, $"/businesses/{closed}/close", new { closedOn = Kit.ChinaToday.AddDays(-1) });
        await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(closing, 500_000m, bank, kind: "Enterprise", business: closed), HttpStatusCode.UnprocessableEntity, "entrepreneurship.enterprise_loan_needs_enterprise");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_bank_signs_within_the_request_the_cap_and_LPR_plus_150_bp(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var bank = Bank();
        var founder = await Kit.FounderIdAsync(actors.Operator, County);
        var loan = Kit.Id(await Kit.ApplyAsync(actors.Operator, founder, 100_000m, bank, term: 24));
        await Kit.GuaranteeAsync(actors.Reviewer, loan);

        // LPR 3.00 + 150 bp = 4.50 at most.
        var rate = await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/bank-decision", Kit.BankApproval(100_000m, 24, 4.51m), HttpStatusCode.UnprocessableEntity, "entrepreneurship.rate_above_cap");
        Assert.Matches(@"4\.50*%", Kit.Text(rate, "detail"));
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/bank-decision", Kit.BankApproval(100_000.01m, 24, 4.50m), HttpStatusCode.UnprocessableEntity, AboveCap);
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/bank-decision", Kit.BankApproval(100_000m, 25, 4.50m), HttpStatusCode.UnprocessableEntity, TermTooLong);
        Assert.Equal("GuaranteeApproved", Kit.Text(await Kit.LoanAsync(actors.Bank, loan), "status"));

        // Less than asked, at the cap rate: the borrower still bears 1.50.
        var approved = await Kit.BankApproveAsync(actors.Bank, loan, 80_000m, 12, 4.50m);
        Assert.Equal((80_000m, 12, 4.50m, 1.50m, 12), (Kit.Money(approved, "amount"), approved.GetProperty("termMonths").GetInt32(), Kit.Money(approved, "contractRatePercent"),
            Kit.Money(approved, "borrowerRatePercent"), approved.GetProperty("subsidisedMonths").GetInt32()));

        // A contract rate below LPR − 150 bp: the borrower bears all of it, nothing is subsidised.
        var cheap = Kit.Id(await Kit.ApplyAsync(actors.Operator, await Kit.FounderIdAsync(actors.Operator, County), 50_000m, bank, term: 12));
        await Kit.GuaranteeAsync(actors.Reviewer, cheap);
        var low = await Kit.BankApproveAsync(actors.Bank, cheap, 50_000m, 12, 1.20m);
        Assert.Equal((1.20m, 1.20m), (Kit.Money(low, "contractRatePercent"), Kit.Money(low, "borrowerRatePercent")));
        await Kit.DisburseAsync(actors.Bank, cheap);
        var firstPeriod = (await Kit.GetOkAsync(actors.Bank, $"/loans/{cheap}/schedule")).GetProperty("periods")[0];
        Assert.Equal(0m, Kit.Money(firstPeriod, "subsidy"));
        Assert.Equal(Kit.Money(firstPeriod, "interest"), Kit.Money(firstPeriod, "borrowerShare"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Moves_the_lifecycle_does_not_have_are_409_and_a_loan_is_withdrawn_or_refused_before_disbursement(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var bank = Bank();
        var today = Kit.ChinaToday;
        var founder = await Kit.FounderIdAsync(actors.Operator, County);
        var loan = Kit.Id(await Kit.ApplyAsync(actors.Operator, founder, 100_000m, bank));

        // Applied: only the guarantee fund (or a withdrawal) moves it.
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/bank-decision", Kit.BankApproval(100_000m, 24, 3.95m), HttpStatusCode.Conflict, Kit.InvalidTransition);
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/disbursement", new { disbursedOn = today }, HttpStatusCode.Conflict, Kit.InvalidTransition);
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/repayments", Kit.Repayment(today, 1m, 0m), HttpStatusCode.Conflict, Kit.InvalidTransition);
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/default", new { declaredOn = today, note = "逾期" }, HttpStatusCode.Conflict, Kit.InvalidTransition);
        await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{loan}/compensation", new { paidOn = today, reference = "DC-1" }, HttpStatusCode.Conflict, Kit.InvalidTransition);
        using (var subsidy = await Kit.GetAsync(actors.Bank, $"/loans/{loan}/interest-subsidy?from={Kit.Day(today)}&to={Kit.Day(today.AddMonths(1))}"))
        {
            await HttpAssert.ProblemAsync(subsidy, HttpStatusCode.Conflict, Kit.InvalidTransition);
        }

        await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{loan}/guarantee-decision", new { approve = true, contractNumber = "DB-1" }, HttpStatusCode.PreconditionFailed, Kit.PreconditionFailed, "\"9\"");
        using (var read = await Kit.GetAsync(actors.Reviewer, $"/loans/{loan}"))
        using (var matched = await Kit.PostAsync(actors.Reviewer, $"/loans/{loan}/guarantee-decision", new { approve = true, contractNumber = "DB-1" }, read.Headers.ETag?.ToString()))
        {
            Assert.Equal("GuaranteeApproved", Kit.Text(await HttpAssert.ReadOkJsonAsync(matched), "status"));
            Assert.NotEqual(read.Headers.ETag, matched.Headers.ETag);
        }

        await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{loan}/guarantee-decision", new { approve = true, contractNumber = "DB-2" }, HttpStatusCode.Conflict, Kit.InvalidTransition);
        await Kit.BankApproveAsync(actors.Bank, loan, 100_000m, 24);
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/bank-decision", Kit.BankApproval(100_000m, 24, 3.95m), HttpStatusCode.Conflict, Kit.InvalidTransition);

        // Withdrawn after the bank's approval: the founder may apply again (still a first loan).
        var withoutNote = await Kit.PostProblemAsync(actors.Operator, $"/loans/{loan}/withdrawal", new { }, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["note"], HttpAssert.ErrorFields(withoutNote));
        var withdrawn = await Kit.PostOkAsync(actors.Operator, $"/loans/{loan}/withdrawal", new { note = "借款人放弃" });
        Assert.Equal(("Withdrawn", "借款人放弃"), (Kit.Text(withdrawn, "status"), Kit.Text(withdrawn, "decisionNote")));
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/disbursement", new { disbursedOn = today }, HttpStatusCode.Conflict, Kit.InvalidTransition);

        // Refused by the guarantee fund (a note is required), then by the bank: each frees the founder.
        var second = Kit.Id(await Kit.ApplyAsync(actors.Operator, founder, 50_000m, bank));
        Assert.Equal(["note"], HttpAssert.ErrorFields(await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{second}/guarantee-decision", new { approve = false }, HttpStatusCode.BadRequest, Kit.ValidationFailed)));
        var refused = await Kit.PostOkAsync(actors.Reviewer, $"/loans/{second}/guarantee-decision", new { approve = false, note = "反担保不足" });
        Assert.Equal("Rejected", Kit.Text(refused, "status"));
        var third = Kit.Id(await Kit.ApplyAsync(actors.Operator, founder, 50_000m, bank));
        await Kit.GuaranteeAsync(actors.Reviewer, third);
        var bankRefused = await Kit.PostOkAsync(actors.Bank, $"/loans/{third}/bank-decision", new { approve = false, note = "征信不符" });
        Assert.Equal("Rejected", Kit.Text(bankRefused, "status"));
        var fourth = await Kit.ApplyAsync(actors.Operator, founder, 50_000m, bank);
        Assert.Equal(1, fourth.GetProperty("sequence").GetInt32());

        // A paid-out loan is no longer withdrawn, guaranteed or paid out again.
        var running = await Kit.DisbursedLoanAsync(actors, await Kit.FounderIdAsync(actors.Operator, County), 30_000m, bank);
        await Kit.PostProblemAsync(actors.Operator, $"/loans/{running}/withdrawal", new { note = "放弃" }, HttpStatusCode.Conflict, Kit.InvalidTransition);
        await Kit.PostProblemAsync(actors.Bank, $"/loans/{running}/disbursement", new { disbursedOn = today }, HttpStatusCode.Conflict, Kit.InvalidTransition);
        await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{running}/guarantee-decision", new { approve = false, note = "撤销" }, HttpStatusCode.Conflict, Kit.InvalidTransition);
        await Kit.PostProblemAsync(actors.Reviewer, $"/loans/{running}/compensation", new { paidOn = today, reference = "DC-2" }, HttpStatusCode.Conflict, Kit.InvalidTransition);
        var notOverdue = await Kit.PostProblemAsync(actors.Bank, $"/loans/{running}/default", new { declaredOn = today, note = "逾期" }, HttpStatusCode.Conflict, "entrepreneurship.not_overdue");
        Assert.False(string.IsNullOrWhiteSpace(Kit.Text(notOverdue, "detail")));
        Assert.Equal("Disbursed", Kit.Text(await Kit.LoanAsync(actors.Bank, running), "status"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_withdrawn_loan_cannot_be_withdrawn_again(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var loan = Kit.Id(await Kit.ApplyAsync(actors.Operator, await Kit.FounderIdAsync(actors.Operator, County), 10_000m, Bank()));
        var withdrawn = await Kit.PostOkAsync(actors.Operator, $"/loans/{loan}/withdrawal", new { note = "借款人放弃" });

        await Kit.PostProblemAsync(actors.Operator, $"/loans/{loan}/withdrawal", new { note = "再次" }, HttpStatusCode.Conflict, Kit.InvalidTransition);

        var read = await Kit.LoanAsync(actors.Operator, loan);
        Assert.Equal(("Withdrawn", "借款人放弃"), (Kit.Text(read, "status"), Kit.Text(read, "decisionNote")));
        Assert.Equal(withdrawn.GetProperty("version").GetInt32(), read.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_partnership_application_without_partners_is_a_400_naming_them(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var founder = await Kit.FounderIdAsync(op, County);

        var refused = await Kit.PostProblemAsync(op, "/loans", Kit.LoanBody(founder, 10_000m, Bank(), kind: "Partnership", partners: null), HttpStatusCode.BadRequest, Kit.ValidationFailed);

        Assert.Equal(["partnerIds"], HttpAssert.ErrorFields(refused));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_borrower_who_repaid_on_time_borrows_again_up_to_three_loans(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var actors = Kit.ActorsOf(host);
        var bank = Bank();
        var today = Kit.ChinaToday;
        var founder = await Kit.FounderIdAsync(actors.Operator, County);

        for (var sequence = 1; sequence <= 3; sequence++)
        {
            var loan = await Kit.DisbursedLoanAsync(actors, founder, 20_000m * sequence, bank);
            var read = await Kit.LoanAsync(actors.Operator, loan);
            Assert.Equal(sequence, read.GetProperty("sequence").GetInt32());

            // While it runs, no other loan.
            await Kit.PostProblemAsync(actors.Operator, "/loans", Kit.LoanBody(founder, 10_000m, bank), HttpStatusCode.Conflict, InProgress);

            // Repaid in full on the day of disbursement: settled, on time, nothing more to pay.
            var settled = await Kit.RepayAsync(actors.Bank, loan, today, 20_000m * sequence, 0m);
            Assert.Equal(("Settled", Kit.Day(today), false), (Kit.Text(settled, "status"), Kit.Text(settled, "settledOn"), settled.GetProperty("everOverdue").GetBoolean()));
            Assert.Equal(0m, Kit.Money(settled.GetProperty("standing"), "outstanding"));
            Assert.True(Kit.IsAbsent(settled.GetProperty("standing"), "nextDueOn"));
            await Kit.PostProblemAsync(actors.Bank, $"/loans/{loan}/repayments", Kit.Repayment(today, 0m, 1m), HttpStatusCode.Conflict, Kit.InvalidTransition);
        }

        // A fourth loan is beyond the rules' three.
        var fourth = await Kit.PostProblemAsync(actors.Operator, "/loans", Kit.LoanBody(founder, 10_000m, bank), HttpStatusCode.UnprocessableEntity, "entrepreneurship.too_many_loans");
        Assert.Contains("3", Kit.Text(fourth, "detail"), StringComparison.Ordinal);

        // A withdrawn or refused loan does not count: another founder with two settled loans and a withdrawn one still gets a third.
        var other = await Kit.FounderIdAsync(actors.Operator, County);
        for (var i = 0; i < 2; i++)
        {
            var loan = await Kit.DisbursedLoanAsync(actors, other, 10_000m, bank);
            await Kit.RepayAsync(actors.Bank, loan, today, 10_000m, 0m);
        }

        var withdrawn = Kit.Id(await Kit.ApplyAsync(actors.Operator, other, 10_000m, bank));
        await Kit.PostOkAsync(actors.Operator, $"/loans/{withdrawn}/withdrawal", new { note = "放弃" });
        Assert.Equal(3, (await Kit.ApplyAsync(actors.Operator, other, 10_000m, bank)).GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task A_loan_of_another_region_is_not_seen_and_not_applied_for()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var actors = Kit.ActorsOf(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "rhe-cq-officer");
        var loan = await Kit.DisbursedLoanAsync(actors, await Kit.FounderIdAsync(actors.Operator, County), 10_000m, Bank());
        var cqFounder = await Kit.FounderIdAsync(chongqing, "500155");

        using var read = await Kit.GetAsync(chongqing, $"/loans/{loan}");
        await HttpAssert.ProblemAsync(read, HttpStatusCode.NotFound, "entrepreneurship.loan_not_found");
        await Kit.PostProblemAsync(actors.Operator, "/loans", Kit.LoanBody(cqFounder, 10_000m, Bank()), HttpStatusCode.NotFound, "entrepreneurship.entrepreneur_not_found");
        Assert.Equal(0, (await Kit.PostOkAsync(chongqing, "/loans/search", new { regionCode = County })).GetProperty("items").GetArrayLength());
        var someoneElses = await Kit.BusinessIdAsync(actors.Operator, await Kit.FounderIdAsync(actors.Operator, County), County);
        var notTheirs = await Kit.PostProblemAsync(actors.Operator, "/loans", Kit.LoanBody(await Kit.FounderIdAsync(actors.Operator, County), 10_000m, Bank(), business: someoneElses), HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Equal(["businessId"], HttpAssert.ErrorFields(notTheirs));
        var bad = await Kit.PostProblemAsync(actors.Operator, "/loans", JsonDocument.Parse("""{ "kind": "Individual", "amount": 999 }""").RootElement, HttpStatusCode.BadRequest, Kit.ValidationFailed);
        Assert.Contains("amount", HttpAssert.ErrorFields(bad));
    }
}
