using System.Globalization;
using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;

/// <summary>The interest subsidy of a loan for the periods due in a date range.</summary>
/// <param name="LoanId">The loan.</param>
/// <param name="From">First day of the range.</param>
/// <param name="To">Last day of the range.</param>
/// <param name="ContractRatePercent">The contract rate.</param>
/// <param name="BorrowerRatePercent">The borrower's rate.</param>
/// <param name="InterestDue">Interest of the periods, yuan.</param>
/// <param name="BorrowerShare">The borrower's share, yuan.</param>
/// <param name="Subsidy">The subsidy, yuan.</param>
/// <param name="Periods">The periods due in the range, each with the days behind it.</param>
/// <param name="Rule">How the figures are computed and rounded.</param>
internal sealed record InterestSubsidyResponse(
    Guid LoanId, DateOnly From, DateOnly To, decimal ContractRatePercent, decimal BorrowerRatePercent, decimal InterestDue, decimal BorrowerShare, decimal Subsidy,
    IReadOnlyList<LoanPeriodResponse> Periods, string Rule);

/// <summary>The body of ReturnHomeEntrepreneurship_CreateSubsidyClaim.</summary>
/// <param name="BankCode">The bank's credit code.</param>
/// <param name="Month">The month, <c>yyyy-MM</c>; it must be over.</param>
/// <param name="RegionCode">The region whose loans are claimed (within the caller's).</param>
internal sealed record CreateClaimRequest(string? BankCode, string? Month, string? RegionCode);

/// <summary>A bank's monthly interest-subsidy claim.</summary>
/// <param name="Id">The claim.</param>
/// <param name="BankCode">The bank.</param>
/// <param name="Month">The month, <c>yyyy-MM</c>.</param>
/// <param name="RegionCode">The region.</param>
/// <param name="Loans">Loans listed (one line each).</param>
/// <param name="OverdueLoans">Loans overdue on some day of their period (their subsidy stops for those days).</param>
/// <param name="InterestDue">Interest due, yuan.</param>
/// <param name="BorrowerShare">Borrowers' share, yuan.</param>
/// <param name="Subsidy">Subsidy claimed, yuan.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="CreatedBy">Who made it.</param>
internal sealed record SubsidyClaimResponse(
    Guid Id, string BankCode, string Month, string RegionCode, int Loans, int OverdueLoans, decimal InterestDue, decimal BorrowerShare, decimal Subsidy, DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public static SubsidyClaimResponse From(SubsidyClaim c) => new(
        c.Id, c.BankCode, c.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), c.RegionCode, c.Loans, c.OverdueLoans, c.InterestDue, c.BorrowerShare, c.Subsidy, c.CreatedAt, c.CreatedBy);
}

/// <summary>A page of a claim's lines in loan order.</summary>
/// <param name="ClaimId">The claim.</param>
/// <param name="Total">Lines in the claim.</param>
/// <param name="Offset">The first line's position (0-based).</param>
/// <param name="Lines">The lines.</param>
internal sealed record SubsidyClaimLinePage(Guid ClaimId, int Total, int Offset, IReadOnlyList<SubsidyClaimLine> Lines);

internal sealed class CreateClaimValidator : AbstractValidator<CreateClaimRequest>
{
    public CreateClaimValidator(RegionCatalog regions)
    {
        RuleFor(r => r.BankCode).NotEmpty().ValidCreditCode();
        RuleFor(r => r.Month).NotEmpty().Must(m => InterestSubsidyEndpoints.TryMonth(m, out _))
            .WithMessage(new LocalizedText("月份格式为 yyyy-MM。", "The month is yyyy-MM."));
        RuleFor(r => r.RegionCode).NotEmpty().KnownRegion(regions);
    }
}

internal static class InterestSubsidyEndpoints
{
    public static void MapInterestSubsidyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/loans/{id:guid}/interest-subsidy", CalculateAsync)
            .WithName("ReturnHomeEntrepreneurship_CalculateInterestSubsidy")
            .RequirePermission(EntrepreneurshipPermissions.LoansRead)
            .WithSummary("The interest subsidy of a loan for the periods due in a date range, itemised")
            .WithDescription("Each period with its days, the principal bearing interest on them, whether overdue (no subsidy) and subsidised; figures exact to the fen (see the rule in the answer and the README's worked example). Periods due after today assume no further repayment.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        routes.MapPost("/subsidy-claims", CreateClaimAsync)
            .WithName("ReturnHomeEntrepreneurship_CreateSubsidyClaim")
            .RequirePermission(EntrepreneurshipPermissions.ClaimsWrite)
            .WithSummary("Make a bank's monthly interest-subsidy claim for a region")
            .WithDescription("Lists every loan of the bank in the region with a period due in the month: interest due, the borrower's share and the subsidy, the subsidy stopping on the days a loan is overdue. Once per bank and month for any loan: a claim for a region that covers, lies within or is a region already claimed is 409 entrepreneurship.claim_exists; the month must be over (422 entrepreneurship.month_not_over). The lines are kept as computed.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        routes.MapGet("/subsidy-claims/{id:guid}", GetClaimAsync)
            .WithName("ReturnHomeEntrepreneurship_GetSubsidyClaim")
            .RequirePermission(EntrepreneurshipPermissions.LoansRead)
            .WithSummary("Get a subsidy claim's totals")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/subsidy-claims/{id:guid}/lines", ClaimLinesAsync)
            .WithName("ReturnHomeEntrepreneurship_ListSubsidyClaimLines")
            .RequirePermission(EntrepreneurshipPermissions.LoansRead)
            .WithSummary("A page of a subsidy claim's lines")
            .ProducesApiProblem(StatusCodes.Status404NotFound);

        routes.MapGet("/subsidy-claims/{id:guid}/lines.csv", ClaimCsvAsync)
            .WithName("ReturnHomeEntrepreneurship_ExportSubsidyClaim")
            .RequirePermission(EntrepreneurshipPermissions.LoansRead)
            .WithSummary("A subsidy claim's lines as CSV (UTF-8, header first) for the finance bureau")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/csv")
            .ProducesApiProblem(StatusCodes.Status404NotFound);
    }

    internal static bool TryMonth(string? text, out DateOnly month) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month)
        && month >= ChinaCalendar.FirstDay && month <= ChinaCalendar.LastDay;

    /// <param name="from">First day of the range.</param>
    /// <param name="to">Last day of the range (at most 10 years after <paramref name="from"/>).</param>
    private static async Task<Ok<InterestSubsidyResponse>> CalculateAsync(
        Guid id, DateOnly from, DateOnly to, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (to < from || to > from.AddYears(10))
        {
            throw EntrepreneurshipAccess.FieldError("to", "结束日期须不早于开始日期，且跨度不超过 10 年。", "The end must not be before the start, and at most 10 years after it.");
        }

        var loan = await EntrepreneurshipAccess.LoanAsync(db, id, cancellationToken);
        if (loan.DisbursedOn is null)
        {
            throw EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.InvalidTransition, "贷款尚未放款。", "The loan has not been paid out.");
        }

        var today = ChinaCalendar.Today(time);
        var payments = await LoanStandings.PaymentsAsync(db, loan.Id, cancellationToken);
        var through = to < today ? to : today;
        var standing = LoanArithmetic.Evaluate(loan.Terms, payments, through, project: to > today);
        var periods = standing.Periods.Where(p => p.DueOn >= from && p.DueOn <= to).ToList();
        return TypedResults.Ok(new InterestSubsidyResponse(
            loan.Id, from, to, loan.ContractRatePercent!.Value, loan.BorrowerRatePercent!.Value, periods.Sum(p => p.Interest), periods.Sum(p => p.BorrowerShare),
            periods.Sum(p => p.Subsidy), periods.Select(LoanPeriodResponse.From).ToArray(), LoanPolicy.RoundingRule));
    }

    private static async Task<Created<SubsidyClaimResponse>> CreateClaimAsync(CreateClaimRequest request, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var region = request.RegionCode!;
        EntrepreneurshipAccess.RequireRegion(db.Caller, region);
        TryMonth(request.Month, out var month);
        var now = time.GetUtcNow();
        if (month.AddMonths(1) > ChinaCalendar.DayOf(now))
        {
            throw EntrepreneurshipProblems.Unprocessable(EntrepreneurshipProblems.MonthNotOver, $"{request.Month} 尚未结束。", $"{request.Month} is not over yet.");
        }

        var bank = EntrepreneurshipAccess.CreditCode(request.BankCode!);
        // A loan is claimed once a month: no claim of the bank for the month may cover the region, lie within it, or be it.
        var claimed = await db.SubsidyClaims.AsNoTracking().Where(c => c.BankCode == bank && c.Month == month).Select(c => c.RegionCode).ToListAsync(cancellationToken);
        if (claimed.Any(c => RegionCode.IsWithin(c, region) || RegionCode.IsWithin(region, c)))
        {
            throw ClaimExists(request.Month!);
        }

        var lines = await SubsidyClaims.ComputeAsync(db, bank, region, month, cancellationToken);
        var claim = new SubsidyClaim
        {
            Id = Guid.CreateVersion7(now),
            BankCode = bank,
            Month = month,
            RegionCode = region,
            Loans = lines.Count,
            OverdueLoans = lines.Count(l => l.Overdue),
            InterestDue = lines.Sum(l => l.InterestDue),
            BorrowerShare = lines.Sum(l => l.BorrowerShare),
            Subsidy = lines.Sum(l => l.Subsidy),
            Lines = SubsidyClaims.Compress(lines.OrderBy(l => l.LoanId)),
            CreatedAt = now,
            CreatedBy = db.Caller.Subject,
        };
        db.SubsidyClaims.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            throw ClaimExists(request.Month!);
        }

        return TypedResults.Created($"/api/return-home-entrepreneurship/subsidy-claims/{claim.Id}", SubsidyClaimResponse.From(claim));
    }

    private static async Task<Ok<SubsidyClaimResponse>> GetClaimAsync(Guid id, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(SubsidyClaimResponse.From(await ClaimAsync(db, id, cancellationToken)));

    /// <param name="offset">The first line (0-based, default 0).</param>
    /// <param name="limit">Lines, 1–1,000 (default 200).</param>
    private static async Task<Ok<SubsidyClaimLinePage>> ClaimLinesAsync(Guid id, int? offset, int? limit, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var skip = offset ?? 0;
        var take = limit ?? 200;
        if (skip < 0 || take is < 1 or > 1000)
        {
            throw EntrepreneurshipAccess.FieldError(skip < 0 ? "offset" : "limit", "offset ≥ 0，limit 为 1–1000。", "offset ≥ 0 and limit 1–1,000.");
        }

        var claim = await ClaimAsync(db, id, cancellationToken);
        var rows = SubsidyClaims.Decompress(claim.Lines);
        var lines = rows.Skip(skip).Take(take).ToArray();
        return TypedResults.Ok(new SubsidyClaimLinePage(claim.Id, rows.Count, skip, lines));
    }

    private static async Task<IResult> ClaimCsvAsync(Guid id, ReturnHomeEntrepreneurshipDbContext db, CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(db, id, cancellationToken);
        var name = $"subsidy-claim-{claim.BankCode}-{claim.Month:yyyy-MM}-{claim.RegionCode}.csv";
        return Results.File(Encoding.UTF8.GetBytes(SubsidyClaims.Csv(SubsidyClaims.Decompress(claim.Lines))), "text/csv; charset=utf-8", name);
    }

    /// <summary>The claim; 404 when its region is outside the caller's.</summary>
    private static async Task<SubsidyClaim> ClaimAsync(ReturnHomeEntrepreneurshipDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var claim = await db.SubsidyClaims.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return claim is not null && db.Caller.Scope.Covers(claim.RegionCode)
            ? claim
            : throw EntrepreneurshipProblems.NotFound(EntrepreneurshipProblems.ClaimNotFound, "贴息申报", "Subsidy claim", id);
    }

    private static DomainException ClaimExists(string month) => EntrepreneurshipProblems.Conflict(
        EntrepreneurshipProblems.ClaimExists, $"该银行 {month} 在此区域的贴息申报已提交。", $"The bank's claim for {month} in this region already exists.");
}
