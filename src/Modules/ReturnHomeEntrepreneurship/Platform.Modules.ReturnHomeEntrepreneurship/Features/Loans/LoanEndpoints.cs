using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Paging;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.ReferenceData;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;

internal static class LoanEndpoints
{
    public static void MapLoanEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/loans", ApplyAsync)
            .WithName("ReturnHomeEntrepreneurship_ApplyForLoan")
            .RequirePermission(EntrepreneurshipPermissions.LoansApply)
            .WithSummary("Apply for a guaranteed business loan (创业担保贷款)")
            .WithDescription("Checked against the loan rules in force for the region today: the cap (individual; partners the sum of their caps plus the uplift; small or micro enterprise), the term, and repeat borrowing (each participant has no other open loan, 409 entrepreneurship.loan_in_progress; every earlier loan repaid on time, 422 entrepreneurship.previous_loan_not_on_time; at most the rules' number of loans, 422 entrepreneurship.too_many_loans).")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        routes.MapGet("/loans/{id:guid}", GetAsync)
            .WithName("ReturnHomeEntrepreneurship_GetLoan")
            .RequirePermission(EntrepreneurshipPermissions.LoansRead)
            .WithSummary("Get a loan with its standing today (outstanding, arrears, overdue spells)")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapPost("/loans/search", SearchAsync)
            .WithName("ReturnHomeEntrepreneurship_SearchLoans")
            .RequirePermission(EntrepreneurshipPermissions.LoansRead)
            .WithSummary("Search loans by region, status, bank and founder")
            .WithDescription("Newest application first with cursor paging; status and outstanding as last stored (refreshed at each step and daily).");

        routes.MapGet("/loans/{id:guid}/schedule", ScheduleAsync)
            .WithName("ReturnHomeEntrepreneurship_GetRepaymentSchedule")
            .RequirePermission(EntrepreneurshipPermissions.LoansRead)
            .WithSummary("A paid-out loan's repayment schedule with interest, subsidy and the borrower's share per period")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        routes.MapPost("/loans/{id:guid}/guarantee-decision", GuaranteeAsync)
            .WithName("ReturnHomeEntrepreneurship_DecideGuarantee")
            .RequirePermission(EntrepreneurshipPermissions.LoansGuarantee)
            .WithSummary("The guarantee fund approves or refuses to guarantee an applied loan")
            .WithDescription("Send the ETag as If-Match.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/loans/{id:guid}/bank-decision", BankAsync)
            .WithName("ReturnHomeEntrepreneurship_DecideLoanAtBank")
            .RequirePermission(EntrepreneurshipPermissions.LoansBank)
            .WithSummary("The bank approves (fixing the contract) or refuses a guaranteed loan")
            .WithDescription("The amount is at most the amount asked and the cap; the term at most the term asked and the rules'; the contract rate at most the one-year LPR of the day plus the rules' margin (422 entrepreneurship.rate_above_cap). The borrower's rate is the contract rate, at most LPR plus the borrower margin (policy LPR − 150 bp, not below 0); public finance subsidises the rest.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);

        routes.MapPost("/loans/{id:guid}/disbursement", DisburseAsync)
            .WithName("ReturnHomeEntrepreneurship_DisburseLoan")
            .RequirePermission(EntrepreneurshipPermissions.LoansBank)
            .WithSummary("The bank pays out an approved loan")
            .WithDescription("Fixes the schedule: period k is due on the disbursement day plus k months. Publishes LoanDisbursed.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/loans/{id:guid}/repayments", RepayAsync)
            .WithName("ReturnHomeEntrepreneurship_RecordRepayment")
            .RequirePermission(EntrepreneurshipPermissions.LoansBank)
            .WithSummary("The bank records a repayment (principal and the borrower's interest)")
            .WithDescription("Early and partial repayments lower the principal from their day. The loan's standing follows: repaying, overdue while arrears are open, settled when everything is paid. The same reference again with the same figures is a retry and changes nothing; with other figures 409 entrepreneurship.repayment_reference_used.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        routes.MapPost("/loans/{id:guid}/default", DefaultAsync)
            .WithName("ReturnHomeEntrepreneurship_DeclareDefault")
            .RequirePermission(EntrepreneurshipPermissions.LoansBank)
            .WithSummary("The bank declares an overdue loan in default")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/loans/{id:guid}/compensation", CompensateAsync)
            .WithName("ReturnHomeEntrepreneurship_RecordCompensation")
            .RequirePermission(EntrepreneurshipPermissions.LoansGuarantee)
            .WithSummary("The guarantee fund pays the bank what a defaulted loan owes (代偿)")
            .WithDescription("The fund pays the outstanding principal and all of the borrower's unpaid interest up to the day (periods due and the current period's days); recorded as a repayment from the fund, and the loan is compensated.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        routes.MapPost("/loans/{id:guid}/withdrawal", WithdrawAsync)
            .WithName("ReturnHomeEntrepreneurship_WithdrawLoan")
            .RequirePermission(EntrepreneurshipPermissions.LoansApply)
            .WithSummary("Withdraw a loan before it is paid out")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<Created<LoanResponse>> ApplyAsync(
        ApplyForLoanRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var founder = await EntrepreneurshipAccess.EntrepreneurAsync(db, request.EntrepreneurId!.Value, cancellationToken);
        var partnerIds = request.PartnerIds ?? [];
        var partners = await db.Entrepreneurs.IgnoreQueryFilters().AsNoTracking().Where(e => partnerIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken);
        if (partnerIds.FirstOrDefault(p => !partners.Contains(p)) is var missing && missing != Guid.Empty)
        {
            throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.EntrepreneurNotFound, "合伙人", "Partner", missing);
        }

        Business? business = null;
        if (request.BusinessId is { } businessId)
        {
            business = await EntrepreneurshipAccess.BusinessAsync(db, businessId, cancellationToken);
            if (business.EntrepreneurId != founder.Id && !partnerIds.Contains(business.EntrepreneurId))
            {
                throw EntrepreneurshipAccess.FieldError("businessId", "该创业实体不属于借款人。", "The business does not belong to the borrower.");
            }
        }

        if (request.Kind == LoanKind.Enterprise && business is not { LegalForm: LegalForm.SmallOrMicroEnterprise, Status: BusinessStatus.Operating })
        {
            throw EntrepreneurshipProblems.Unprocessable(
                EntrepreneurshipProblems.EnterpriseNeedsBusiness, "小微企业贷款须为借款人正常经营的小微企业。", "An enterprise loan needs the borrower's operating small or micro enterprise.");
        }

        var region = business?.RegionCode ?? founder.RegionCode;
        EntrepreneurshipAccess.RequireRegion(db.Caller, region);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        var rule = RegionalRules.InForce(await db.LoanRules.AsNoTracking().ToListAsync(cancellationToken), region, today) ?? throw NoRule(region, today);
        var kind = request.Kind!.Value;
        var cap = LoanPolicy.Cap(rule, kind, 1 + partnerIds.Count);
        LoanPolicy.RequireAmount(request.Amount!.Value, cap);
        LoanPolicy.RequireTerm(request.TermMonths!.Value, LoanPolicy.MaxTerm(rule, kind));
        var participants = new List<Guid> { founder.Id };
        participants.AddRange(partnerIds);
        var sequence = await LoanPolicy.RequireRepeatBorrowingAsync(db, participants, founder.Id, rule, cancellationToken);

        var loan = new Loan
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            EntrepreneurId = founder.Id,
            BusinessId = business?.Id,
            RegionCode = region,
            BankCode = EntrepreneurshipAccess.CreditCode(request.BankCode!),
            BankName = request.BankName!.Trim(),
            GuaranteeFundCode = EntrepreneurshipAccess.CreditCode(request.GuaranteeFundCode!),
            RequestedAmount = request.Amount.Value,
            RequestedTermMonths = request.TermMonths.Value,
            Method = request.Method!.Value,
            Purpose = request.Purpose!.Trim(),
            Status = LoanStatus.Applied,
            Cap = cap,
            Sequence = sequence,
            RuleId = rule.Id,
            AppliedOn = today,
            AppliedAt = now,
            AppliedBy = db.Caller.Subject,
        };
        db.Loans.Add(loan);
        foreach (var participant in participants)
        {
            db.LoanParticipants.Add(new LoanParticipant { Id = Guid.CreateVersion7(now), LoanId = loan.Id, EntrepreneurId = participant, IsLead = participant == founder.Id, OpenSlot = participant });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw LoanPolicy.InProgress();
        }

        EntityTags.Set(http, loan);
        return TypedResults.Created($"/api/return-home-entrepreneurship/loans/{loan.Id}", Present(loan, partnerIds, null));
    }

    private static async Task<Ok<LoanResponse>> GetAsync(Guid id, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var loan = await EntrepreneurshipAccess.LoanAsync(db, id, cancellationToken);
        return await PresentAsync(http, db, loan, ChinaCalendar.Today(time), cancellationToken);
    }

    private static async Task<Ok<LoanPage>> SearchAsync(SearchLoansRequest request, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Loans.AsNoTracking();
        if (request.RegionCode is { } region)
        {
            query = query.WithinRegion(region);
        }

        if (request.Status is { } status)
        {
            query = query.Where(l => l.Status == status);
        }

        if (request.BankCode is not null)
        {
            var bank = EntrepreneurshipAccess.CreditCode(request.BankCode);
            query = query.Where(l => l.BankCode == bank);
        }

        if (request.EntrepreneurId is { } founder)
        {
            query = query.Where(l => db.LoanParticipants.Any(p => p.LoanId == l.Id && p.EntrepreneurId == founder));
        }

        if (request.Cursor is not null && InstantCursor.TryDecode(request.Cursor, out var after))
        {
            query = query.Where(l => l.AppliedAt < after.At || (l.AppliedAt == after.At && l.Id.CompareTo(after.Id) < 0));
        }

        var take = request.Limit ?? 50;
        var rows = await query.OrderByDescending(l => l.AppliedAt).ThenByDescending(l => l.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? InstantCursor.Encode(rows[take - 1].AppliedAt, rows[take - 1].Id) : null;
        var items = rows.Take(take)
            .Select(l => new LoanSummary(l.Id, l.Kind, l.EntrepreneurId, l.RegionCode, l.Status, l.BankCode, l.Amount ?? l.RequestedAmount, l.Outstanding, l.AppliedOn, l.DisbursedOn))
            .ToArray();
        return TypedResults.Ok(new LoanPage(items, next));
    }

    private static async Task<Ok<RepaymentScheduleResponse>> ScheduleAsync(Guid id, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var loan = await EntrepreneurshipAccess.LoanAsync(db, id, cancellationToken);
        RequirePaidOut(loan);
        var today = ChinaCalendar.Today(time);
        var repayments = await db.Repayments.AsNoTracking().Where(r => r.LoanId == loan.Id).OrderBy(r => r.PaidOn).ThenBy(r => r.RecordedAt).ToListAsync(cancellationToken);
        var standing = LoanArithmetic.Evaluate(loan.Terms, repayments.Select(r => new Payment(r.PaidOn, r.Principal, r.Interest)), today, project: true);
        return TypedResults.Ok(new RepaymentScheduleResponse(
            loan.Id, today, LoanPolicy.RoundingRule, standing.Periods.Select(LoanPeriodResponse.From).ToArray(),
            repayments.Select(r => new LoanRepaymentResponse(r.PaidOn, r.Principal, r.Interest, r.Source, r.Reference)).ToArray()));
    }

    private static async Task<Ok<LoanResponse>> GuaranteeAsync(
        Guid id, GuaranteeDecisionRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var loan = await EntrepreneurshipAccess.LoanAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, loan);
        var now = time.GetUtcNow();
        var approve = request.Approve == true;
        LoanStateMachine.Require(loan.Status, approve ? LoanStatus.GuaranteeApproved : LoanStatus.Rejected);
        RequireStatus(loan, LoanStatus.Applied);
        if (approve)
        {
            loan.Status = LoanStatus.GuaranteeApproved;
            loan.GuaranteeApprovedOn = ChinaCalendar.DayOf(now);
            loan.GuaranteeApprovedBy = db.Caller.Subject;
            loan.GuaranteeContract = request.ContractNumber!.Trim();
        }
        else
        {
            loan.Status = LoanStatus.Rejected;
            await LoanPolicy.CloseSlotsAsync(db, loan, cancellationToken);
        }

        loan.DecisionNote = request.Note?.Trim();
        loan.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await PresentAsync(http, db, loan, ChinaCalendar.DayOf(now), cancellationToken);
    }

    private static async Task<Ok<LoanResponse>> BankAsync(
        Guid id, BankDecisionRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var loan = await EntrepreneurshipAccess.LoanAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, loan);
        RequireStatus(loan, LoanStatus.GuaranteeApproved);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        if (request.Approve == true)
        {
            var rule = await db.LoanRules.AsNoTracking().FirstAsync(r => r.Id == loan.RuleId, cancellationToken);
            var prime = PrimeRate.InForce(await db.PrimeRates.AsNoTracking().ToListAsync(cancellationToken), today)
                ?? throw EntrepreneurshipProblems.Unprocessable(EntrepreneurshipProblems.NoPrimeRate, $"{today:yyyy-MM-dd} 没有已公布的贷款市场报价利率。", $"No LPR is published for {today:yyyy-MM-dd}.");
            var contract = LoanPolicy.Contract(rule, loan, request.Amount!.Value, request.TermMonths!.Value, request.ContractRatePercent!.Value, prime.OneYearPercent);
            loan.Amount = contract.Amount;
            loan.TermMonths = contract.TermMonths;
            loan.ContractRatePercent = contract.ContractRatePercent;
            loan.PrimeRatePercent = prime.OneYearPercent;
            loan.BorrowerRatePercent = contract.BorrowerRatePercent;
            loan.SubsidisedMonths = contract.SubsidisedMonths;
            loan.Status = LoanStatus.BankApproved;
            loan.BankApprovedOn = today;
            loan.BankApprovedBy = db.Caller.Subject;
            loan.LoanContract = request.ContractNumber!.Trim();
        }
        else
        {
            loan.Status = LoanStatus.Rejected;
            await LoanPolicy.CloseSlotsAsync(db, loan, cancellationToken);
        }

        loan.DecisionNote = request.Note?.Trim();
        loan.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await PresentAsync(http, db, loan, today, cancellationToken);
    }

    private static async Task<Ok<LoanResponse>> DisburseAsync(
        Guid id, DisburseRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var loan = await EntrepreneurshipAccess.LoanAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, loan);
        RequireStatus(loan, LoanStatus.BankApproved);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        var day = request.DisbursedOn!.Value;
        EntrepreneurshipAccess.NotAfterToday(day, today, "disbursedOn");
        if (day < loan.BankApprovedOn!.Value)
        {
            throw EntrepreneurshipAccess.FieldError("disbursedOn", "放款日期不能早于银行审批日期。", "The loan cannot be paid out before the bank approved it.");
        }

        loan.Status = LoanStatus.Disbursed;
        loan.DisbursedOn = day;
        loan.MaturityOn = LoanArithmetic.DueOn(day, loan.TermMonths!.Value);
        loan.Outstanding = loan.Amount!.Value;
        loan.UpdatedAt = now;
        LoanStandings.Refresh(loan, [], today);
        var founder = await db.Entrepreneurs.IgnoreQueryFilters().AsNoTracking().FirstAsync(e => e.Id == loan.EntrepreneurId, cancellationToken);
        db.Publish(new LoanDisbursed(
            loan.Id, founder.Id, founder.Person.BlindIndex, loan.BusinessId, loan.Kind.ToString(), loan.RegionCode, loan.Amount.Value, day, loan.TermMonths.Value, loan.BankCode));
        await db.SaveChangesAsync(cancellationToken);
        return await PresentAsync(http, db, loan, today, cancellationToken);
    }

    private static async Task<Ok<LoanResponse>> RepayAsync(
        Guid id, RepaymentRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var loan = await EntrepreneurshipAccess.LoanAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        var reference = request.Reference!.Trim();
        var earlier = await db.Repayments.AsNoTracking().FirstOrDefaultAsync(r => r.LoanId == loan.Id && r.Reference == reference, cancellationToken);
        if (earlier is not null)
        {
            if (earlier.PaidOn == request.PaidOn && earlier.Principal == request.Principal && earlier.Interest == request.Interest)
            {
                return await PresentAsync(http, db, loan, today, cancellationToken);
            }

            throw ReferenceUsed(reference);
        }

        RequireRunning(loan);
        var paidOn = request.PaidOn!.Value;
        EntrepreneurshipAccess.NotAfterToday(paidOn, today, "paidOn");
        if (paidOn < loan.DisbursedOn!.Value)
        {
            throw EntrepreneurshipAccess.FieldError("paidOn", "还款日期不能早于放款日期。", "A repayment cannot be before the loan was paid out.");
        }

        var payments = await LoanStandings.PaymentsAsync(db, loan.Id, cancellationToken);
        var repaid = payments.Sum(p => p.Principal);
        if (repaid + request.Principal!.Value > loan.Amount!.Value)
        {
            throw EntrepreneurshipProblems.Unprocessable(
                EntrepreneurshipProblems.RepaymentTooLarge, $"还款本金超过未还本金 {loan.Amount.Value - repaid:0.00} 元。", $"The principal exceeds the {loan.Amount.Value - repaid:0.00} yuan outstanding.");
        }

        db.Repayments.Add(new LoanRepayment
        {
            Id = Guid.CreateVersion7(now),
            LoanId = loan.Id,
            PaidOn = paidOn,
            Principal = request.Principal.Value,
            Interest = request.Interest!.Value,
            Source = RepaymentSource.Borrower,
            Reference = reference,
            RecordedAt = now,
            RecordedBy = db.Caller.Subject,
        });
        payments.Add(new Payment(paidOn, request.Principal.Value, request.Interest.Value));
        LoanStandings.Refresh(loan, payments, today);
        if (loan.Status == LoanStatus.Settled)
        {
            await LoanPolicy.CloseSlotsAsync(db, loan, cancellationToken);
        }

        loan.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw ReferenceUsed(reference);
        }

        return await PresentAsync(http, db, loan, today, cancellationToken);
    }

    private static async Task<Ok<LoanResponse>> DefaultAsync(
        Guid id, DefaultRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var loan = await EntrepreneurshipAccess.LoanAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, loan);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        var day = request.DeclaredOn!.Value;
        EntrepreneurshipAccess.NotAfterToday(day, today, "declaredOn");
        RequireRunning(loan);
        LoanStandings.Refresh(loan, await LoanStandings.PaymentsAsync(db, loan.Id, cancellationToken), today);
        if (loan.Status != LoanStatus.Overdue || day < loan.OverdueSince!.Value)
        {
            throw EntrepreneurshipProblems.Conflict(
                EntrepreneurshipProblems.NotOverdueLongEnough, "只有在宣告日已逾期的贷款才能宣告违约。", "Only a loan overdue on the day declared can be declared in default.");
        }

        LoanStateMachine.Require(loan.Status, LoanStatus.Defaulted);
        loan.Status = LoanStatus.Defaulted;
        loan.DefaultedOn = day;
        loan.DecisionNote = request.Note!.Trim();
        loan.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await PresentAsync(http, db, loan, today, cancellationToken);
    }

    private static async Task<Ok<LoanResponse>> CompensateAsync(
        Guid id, CompensationRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var loan = await EntrepreneurshipAccess.LoanAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, loan);
        RequireStatus(loan, LoanStatus.Defaulted);
        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        var day = request.PaidOn!.Value;
        EntrepreneurshipAccess.NotAfterToday(day, today, "paidOn");
        if (day < loan.DefaultedOn!.Value)
        {
            throw EntrepreneurshipAccess.FieldError("paidOn", "代偿日期不能早于违约宣告日期。", "The compensation cannot be before the default.");
        }

        var payments = await LoanStandings.PaymentsAsync(db, loan.Id, cancellationToken);
        var outstanding = LoanArithmetic.Evaluate(loan.Terms, payments, day).Outstanding;

        // The fund pays the principal and every yuan of the borrower's interest up to the day: the periods
        // due and unpaid, and the days of the current period, as if the principal were repaid that day.
        var closed = LoanArithmetic.Evaluate(loan.Terms, [.. payments, new Payment(day, outstanding, 0m)], day);
        var interest = Math.Max(0m, closed.Periods.Sum(p => p.BorrowerShare) - payments.Sum(p => p.Interest));
        var reference = request.Reference!.Trim();
        db.Repayments.Add(new LoanRepayment
        {
            Id = Guid.CreateVersion7(now),
            LoanId = loan.Id,
            PaidOn = day,
            Principal = outstanding,
            Interest = interest,
            Source = RepaymentSource.GuaranteeFund,
            Reference = reference,
            RecordedAt = now,
            RecordedBy = db.Caller.Subject,
        });
        loan.Status = LoanStatus.Compensated;
        loan.CompensatedOn = day;
        loan.CompensationAmount = outstanding + interest;
        loan.Outstanding = 0m;
        loan.NextCheckOn = null;
        loan.OverdueSince = null;
        loan.UpdatedAt = now;
        await LoanPolicy.CloseSlotsAsync(db, loan, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw ReferenceUsed(reference);
        }

        return await PresentAsync(http, db, loan, today, cancellationToken);
    }

    private static async Task<Ok<LoanResponse>> WithdrawAsync(
        Guid id, WithdrawLoanRequest request, HttpContext http, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var loan = await EntrepreneurshipAccess.LoanAsync(db, id, cancellationToken);
        EntityTags.RequireMatch(http, loan);
        LoanStateMachine.Require(loan.Status, LoanStatus.Withdrawn);
        var now = time.GetUtcNow();
        loan.Status = LoanStatus.Withdrawn;
        loan.DecisionNote = request.Note!.Trim();
        loan.UpdatedAt = now;
        await LoanPolicy.CloseSlotsAsync(db, loan, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await PresentAsync(http, db, loan, ChinaCalendar.DayOf(now), cancellationToken);
    }

    private static void RequireStatus(Loan loan, LoanStatus expected)
    {
        if (loan.Status != expected)
        {
            throw EntrepreneurshipProblems.Conflict(
                EntrepreneurshipProblems.InvalidTransition, $"贷款当前状态为 {loan.Status}，此操作需要 {expected}。", $"The loan is {loan.Status}; this needs {expected}.");
        }
    }

    private static void RequireRunning(Loan loan)
    {
        if (!LoanStateMachine.Running.Contains(loan.Status))
        {
            throw EntrepreneurshipProblems.Conflict(
                EntrepreneurshipProblems.InvalidTransition, $"贷款当前状态为 {loan.Status}，不在还款期内。", $"The loan is {loan.Status}, not being repaid.");
        }
    }

    private static void RequirePaidOut(Loan loan)
    {
        if (loan.DisbursedOn is null)
        {
            throw EntrepreneurshipProblems.Conflict(
                EntrepreneurshipProblems.InvalidTransition, "贷款尚未放款，没有还款计划。", "The loan has not been paid out; it has no schedule yet.");
        }
    }

    private static async Task<Ok<LoanResponse>> PresentAsync(HttpContext http, ReturnHomeEntrepreneurshipDbContext db, Loan loan, DateOnly today, CancellationToken cancellationToken)
    {
        var partners = await db.LoanParticipants.AsNoTracking().Where(p => p.LoanId == loan.Id && !p.IsLead).Select(p => p.EntrepreneurId).ToListAsync(cancellationToken);
        LoanStandingResponse? standing = null;
        var status = loan.Status;
        if (loan.DisbursedOn is not null)
        {
            var payments = await LoanStandings.PaymentsAsync(db, loan.Id, cancellationToken);
            var now = LoanArithmetic.Evaluate(loan.Terms, payments, today);
            if (LoanStateMachine.Running.Contains(status) && LoanStateMachine.FromStanding(status, now, payments.Count > 0) is var live && LoanStateMachine.CanMove(status, live))
            {
                // The stored status may be a day behind (the daily check); the answer shows today's.
                status = live;
            }

            standing = new LoanStandingResponse(
                now.Outstanding, now.PrincipalArrears, now.InterestArrears, now.OverdueSince, now.NextDueOn, payments.Sum(p => p.Principal), payments.Sum(p => p.Interest),
                now.Periods.Where(p => !p.Projected).Sum(p => p.Subsidy), now.Spells.Select(s => new OverdueSpellResponse(s.From, s.To)).ToArray());
        }

        EntityTags.Set(http, loan);
        return TypedResults.Ok(Present(loan, partners, standing) with { Status = status });
    }

    private static LoanResponse Present(Loan l, IReadOnlyList<Guid> partners, LoanStandingResponse? standing) => new(
        l.Id, l.Kind, l.EntrepreneurId, partners, l.BusinessId, l.RegionCode, l.Status, l.Sequence, l.RequestedAmount, l.RequestedTermMonths, l.Cap, l.Method, l.BankCode,
        l.BankName, l.GuaranteeFundCode, l.Purpose, l.AppliedOn, l.GuaranteeApprovedOn, l.GuaranteeContract, l.BankApprovedOn, l.LoanContract, l.Amount, l.TermMonths,
        l.ContractRatePercent, l.PrimeRatePercent, l.BorrowerRatePercent, l.SubsidisedMonths, l.DisbursedOn, l.MaturityOn, l.DefaultedOn, l.CompensatedOn, l.CompensationAmount,
        l.SettledOn, l.EverOverdue, l.DecisionNote, standing, l.Version);

    private static DomainException NoRule(string region, DateOnly day) => EntrepreneurshipProblems.Unprocessable(
        EntrepreneurshipProblems.NoRuleInForce, $"{region} 在 {day:yyyy-MM-dd} 没有生效的创业担保贷款规则。", $"No guaranteed-loan rules are in force for {region} on {day:yyyy-MM-dd}.");

    private static DomainException ReferenceUsed(string reference) => EntrepreneurshipProblems.Conflict(
        EntrepreneurshipProblems.RepaymentReferenceUsed, $"流水号 {reference} 已用于另一笔还款。", $"The reference {reference} is already used by another repayment.");
}
