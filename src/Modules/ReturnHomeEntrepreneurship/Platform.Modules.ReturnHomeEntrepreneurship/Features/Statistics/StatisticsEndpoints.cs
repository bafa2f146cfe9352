using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Statistics;

/// <summary>The query of ReturnHomeEntrepreneurship_GetStatistics.</summary>
/// <param name="RegionCode">The region (a province, city or county within the caller's).</param>
/// <param name="From">The period's first day (default 1 January of the year of <paramref name="To"/>).</param>
/// <param name="To">The period's last day (default today); cumulative figures count up to it.</param>
internal sealed record EntrepreneurshipStatisticsQuery(string? RegionCode, DateOnly? From, DateOnly? To);

/// <summary>A count per category.</summary>
/// <param name="Category">The founder category.</param>
/// <param name="Founders">Founders registered up to the period's end.</param>
internal sealed record FounderCategoryCount(FounderCategory Category, int Founders);

/// <summary>One row of the breakdown (a city of a province, a county of a city).</summary>
/// <param name="RegionCode">The region.</param>
/// <param name="Founders">Founders registered up to the period's end (cumulative).</param>
/// <param name="Businesses">Businesses registered up to the period's end.</param>
/// <param name="JobsCreated">Jobs created now by operating businesses.</param>
/// <param name="LoansGranted">Loans paid out in the period.</param>
/// <param name="LoanAmountGranted">Yuan paid out in the period.</param>
/// <param name="LoansOutstanding">Principal outstanding of running loans, yuan.</param>
internal sealed record EntrepreneurshipRegionRow(string RegionCode, int Founders, int Businesses, int JobsCreated, int LoansGranted, decimal LoanAmountGranted, decimal LoansOutstanding);

/// <summary>The program's figures for a region and period.</summary>
/// <param name="RegionCode">The region.</param>
/// <param name="From">The period's first day.</param>
/// <param name="To">The period's last day.</param>
/// <param name="FoundersCumulative">Returnee founders registered up to the period's end (the seeds' target for Leshan: more than 22,000 by 2025).</param>
/// <param name="FoundersInPeriod">Founders registered in the period.</param>
/// <param name="FoundersByCategory">Cumulative founders per category.</param>
/// <param name="BusinessesCumulative">Businesses registered up to the period's end.</param>
/// <param name="BusinessesInPeriod">Businesses registered in the period.</param>
/// <param name="BusinessesOperating">Of the cumulative, those operating now.</param>
/// <param name="JobsCreated">Jobs created now: insured employees of operating businesses.</param>
/// <param name="LoansGranted">Guaranteed loans paid out in the period.</param>
/// <param name="LoanAmountGranted">Yuan paid out in the period.</param>
/// <param name="LoansRunning">Loans paid out and not finished (as last checked).</param>
/// <param name="LoansOutstanding">Their outstanding principal, yuan.</param>
/// <param name="LoansOverdue">Running loans overdue or in default.</param>
/// <param name="LoanAmountCumulative">Yuan paid out up to the period's end (Leshan target: above 500 million; Chongqing 12.5 billion).</param>
/// <param name="StartupSubsidiesPaid">One-time start-up subsidies paid in the period.</param>
/// <param name="StartupSubsidyAmountPaid">Yuan paid in the period.</param>
/// <param name="InterestSubsidyClaimed">Interest subsidy claimed by banks for the months of the period, yuan.</param>
/// <param name="Regions">The breakdown: by city for a province, by county for a city.</param>
internal sealed record EntrepreneurshipStatisticsResponse(
    string RegionCode, DateOnly From, DateOnly To, int FoundersCumulative, int FoundersInPeriod, IReadOnlyList<FounderCategoryCount> FoundersByCategory,
    int BusinessesCumulative, int BusinessesInPeriod, int BusinessesOperating, int JobsCreated, int LoansGranted, decimal LoanAmountGranted, int LoansRunning,
    decimal LoansOutstanding, int LoansOverdue, decimal LoanAmountCumulative, int StartupSubsidiesPaid, decimal StartupSubsidyAmountPaid, decimal InterestSubsidyClaimed,
    IReadOnlyList<EntrepreneurshipRegionRow> Regions);

internal sealed class EntrepreneurshipStatisticsValidator : AbstractValidator<EntrepreneurshipStatisticsQuery>
{
    public EntrepreneurshipStatisticsValidator(RegionCatalog regions)
    {
        RuleFor(q => q.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(q => q.From).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(q => q.To).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay)
            .GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage(new LocalizedText("结束日期不能早于开始日期。", "The end day cannot be before the start day."));
    }
}

/// <summary>The grouped rows the statistics are built from (the benchmark runs these same queries).</summary>
internal static class EntrepreneurshipStatisticsQueries
{
    public sealed record FounderGroup(string RegionCode, FounderCategory Category, int Founders, int InPeriod);

    public sealed record BusinessGroup(string RegionCode, int Businesses, int InPeriod, int Operating, int Jobs);

    public sealed record LoanGroup(string RegionCode, int Granted, decimal AmountGranted, int Running, decimal Outstanding, int Overdue, decimal AmountCumulative);

    public static Task<List<FounderGroup>> FoundersAsync(ReturnHomeEntrepreneurshipDbContext db, string region, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (low, high) = RegionCode.Range(region);
        return db.Entrepreneurs.AsNoTracking()
            .Where(e => e.RegionCode.CompareTo(low) >= 0 && e.RegionCode.CompareTo(high) < 0 && e.RegisteredOn <= to)
            .GroupBy(e => new { e.RegionCode, e.Category })
            .Select(g => new FounderGroup(g.Key.RegionCode, g.Key.Category, g.Count(), g.Count(e => e.RegisteredOn >= from)))
            .ToListAsync(cancellationToken);
    }

    public static Task<List<BusinessGroup>> BusinessesAsync(ReturnHomeEntrepreneurshipDbContext db, string region, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (low, high) = RegionCode.Range(region);
        return db.Businesses.AsNoTracking()
            .Where(b => b.RegionCode.CompareTo(low) >= 0 && b.RegionCode.CompareTo(high) < 0 && b.RegisteredOn <= to)
            .GroupBy(b => b.RegionCode)
            .Select(g => new BusinessGroup(
                g.Key, g.Count(), g.Count(b => b.RegisteredOn >= from), g.Count(b => b.Status == BusinessStatus.Operating),
                g.Sum(b => b.Status == BusinessStatus.Operating ? b.JobsCreated : 0)))
            .ToListAsync(cancellationToken);
    }

    public static async Task<List<LoanGroup>> LoansAsync(ReturnHomeEntrepreneurshipDbContext db, string region, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (low, high) = RegionCode.Range(region);
        var rows = await db.Loans.AsNoTracking()
            .Where(l => l.RegionCode.CompareTo(low) >= 0 && l.RegionCode.CompareTo(high) < 0 && l.DisbursedOn != null && l.DisbursedOn <= to)
            .GroupBy(l => new { l.RegionCode, l.Status, InPeriod = l.DisbursedOn >= from })
            .Select(g => new { g.Key.RegionCode, g.Key.Status, g.Key.InPeriod, Count = g.Count(), Amount = g.Sum(l => l.Amount ?? 0m), Outstanding = g.Sum(l => l.Outstanding) })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.RegionCode)
            .Select(g => new LoanGroup(
                g.Key,
                g.Where(r => r.InPeriod).Sum(r => r.Count),
                g.Where(r => r.InPeriod).Sum(r => r.Amount),
                g.Where(r => LoanStateMachine.Running.Contains(r.Status)).Sum(r => r.Count),
                g.Where(r => LoanStateMachine.Running.Contains(r.Status)).Sum(r => r.Outstanding),
                g.Where(r => r.Status is LoanStatus.Overdue or LoanStatus.Defaulted).Sum(r => r.Count),
                g.Sum(r => r.Amount)))
            .ToList();
    }
}

internal static class StatisticsEndpoints
{
    public static void MapStatisticsEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/statistics", HandleAsync)
            .WithName("ReturnHomeEntrepreneurship_GetStatistics")
            .RequirePermission(EntrepreneurshipPermissions.StatisticsRead)
            .WithSummary("Returnee founders, businesses, jobs created, loans granted and outstanding, subsidies paid, for a region and period")
            .WithDescription("Cumulative figures count up to the period's end; 'in period' figures count its days. Jobs and outstanding loans are as of now. By city for a province, by county for a city. A region outside the caller's: 403.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden);

    private static async Task<Ok<EntrepreneurshipStatisticsResponse>> HandleAsync(
        [AsParameters] EntrepreneurshipStatisticsQuery query, ReturnHomeEntrepreneurshipDbContext db, TimeProvider time, RegionCatalog regions, CancellationToken cancellationToken)
    {
        var region = query.RegionCode!;
        EntrepreneurshipAccess.RequireRegion(db.Caller, region);
        var to = query.To ?? ChinaCalendar.Today(time);
        var from = query.From ?? new DateOnly(to.Year, 1, 1);
        var founders = await EntrepreneurshipStatisticsQueries.FoundersAsync(db, region, from, to, cancellationToken);
        var businesses = await EntrepreneurshipStatisticsQueries.BusinessesAsync(db, region, from, to, cancellationToken);
        var loans = await EntrepreneurshipStatisticsQueries.LoansAsync(db, region, from, to, cancellationToken);
        var (low, high) = RegionCode.Range(region);
        var subsidies = await db.StartupSubsidies.AsNoTracking()
            .Where(s => s.PaidOn != null && s.PaidOn >= from && s.PaidOn <= to && s.RegionCode.CompareTo(low) >= 0 && s.RegionCode.CompareTo(high) < 0)
            .GroupBy(s => 1).Select(g => new { Count = g.Count(), Amount = g.Sum(s => s.Amount) }).FirstOrDefaultAsync(cancellationToken);
        var firstMonth = new DateOnly(from.Year, from.Month, 1);
        var claimed = await db.SubsidyClaims.AsNoTracking()
            .Where(c => c.Month >= firstMonth && c.Month <= to && c.RegionCode.CompareTo(low) >= 0 && c.RegionCode.CompareTo(high) < 0)
            .Select(c => c.Subsidy).ToListAsync(cancellationToken);

        string RollUp(string code) => regions.BreakdownOf(code, region);
        var rows = founders.Select(f => RollUp(f.RegionCode)).Concat(businesses.Select(b => RollUp(b.RegionCode))).Concat(loans.Select(l => RollUp(l.RegionCode)))
            .Distinct().Order(StringComparer.Ordinal)
            .Select(code => new EntrepreneurshipRegionRow(
                code,
                founders.Where(f => RollUp(f.RegionCode) == code).Sum(f => f.Founders),
                businesses.Where(b => RollUp(b.RegionCode) == code).Sum(b => b.Businesses),
                businesses.Where(b => RollUp(b.RegionCode) == code).Sum(b => b.Jobs),
                loans.Where(l => RollUp(l.RegionCode) == code).Sum(l => l.Granted),
                loans.Where(l => RollUp(l.RegionCode) == code).Sum(l => l.AmountGranted),
                loans.Where(l => RollUp(l.RegionCode) == code).Sum(l => l.Outstanding)))
            .ToArray();

        return TypedResults.Ok(new EntrepreneurshipStatisticsResponse(
            region, from, to,
            founders.Sum(f => f.Founders), founders.Sum(f => f.InPeriod),
            founders.GroupBy(f => f.Category).OrderBy(g => g.Key).Select(g => new FounderCategoryCount(g.Key, g.Sum(f => f.Founders))).ToArray(),
            businesses.Sum(b => b.Businesses), businesses.Sum(b => b.InPeriod), businesses.Sum(b => b.Operating), businesses.Sum(b => b.Jobs),
            loans.Sum(l => l.Granted), loans.Sum(l => l.AmountGranted), loans.Sum(l => l.Running), loans.Sum(l => l.Outstanding), loans.Sum(l => l.Overdue),
            loans.Sum(l => l.AmountCumulative),
            subsidies?.Count ?? 0, subsidies?.Amount ?? 0m, claimed.Sum(),
            rows));
    }
}
