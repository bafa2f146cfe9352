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
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Statistics;

/// <summary>The query of TrainingVouchers_GetStatistics.</summary>
/// <param name="RegionCode">A county, city or province code within the caller's region.</param>
/// <param name="From">First day of the period.</param>
/// <param name="To">Last day of the period (at most 5 years after the first).</param>
internal sealed record StatisticsQuery(string? RegionCode, DateOnly? From, DateOnly? To);

/// <summary>A count of vouchers in one status.</summary>
/// <param name="Status">The status.</param>
/// <param name="Vouchers">How many vouchers issued in the period are in it now.</param>
internal sealed record StatusCount(VoucherStatus Status, int Vouchers);

/// <summary>Trainees of one group.</summary>
/// <param name="Group">The group.</param>
/// <param name="Vouchers">Vouchers issued in the period to members of the group (a person in two groups counts in both).</param>
internal sealed record GroupCount(TraineeGroup Group, int Vouchers);

/// <summary>Completions and pass rate of one institution or occupation.</summary>
/// <param name="Code">The institution's credit code or the occupation's code.</param>
/// <param name="Completed">Assessments reported in the period.</param>
/// <param name="Passed">Of which passed.</param>
/// <param name="PassRatePercent">Passed share in percent, two decimals.</param>
internal sealed record CompletionCount(string Code, int Completed, int Passed, decimal PassRatePercent);

/// <summary>The program's figures for a region and period.</summary>
/// <param name="RegionCode">The region.</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day.</param>
/// <param name="Issued">Vouchers issued in the period.</param>
/// <param name="ByStatus">Where the vouchers issued in the period are now.</param>
/// <param name="ByGroup">Vouchers issued in the period per group, including migrant workers.</param>
/// <param name="Completed">Assessments reported in the period.</param>
/// <param name="Passed">Of which passed.</param>
/// <param name="PassRatePercent">Overall pass rate in percent.</param>
/// <param name="ByInstitution">Completions per institution.</param>
/// <param name="ByOccupation">Completions per occupation.</param>
/// <param name="SubsidyCommitted">Face value of the vouchers issued in the period that still count (not expired, cancelled or revoked), in yuan.</param>
/// <param name="SubsidyPaid">Subsidies paid in the period, in yuan.</param>
internal sealed record StatisticsResponse(
    string RegionCode, DateOnly From, DateOnly To, int Issued, IReadOnlyList<StatusCount> ByStatus, IReadOnlyList<GroupCount> ByGroup,
    int Completed, int Passed, decimal PassRatePercent, IReadOnlyList<CompletionCount> ByInstitution, IReadOnlyList<CompletionCount> ByOccupation,
    decimal SubsidyCommitted, decimal SubsidyPaid);

internal sealed class StatisticsQueryValidator : AbstractValidator<StatisticsQuery>
{
    public StatisticsQueryValidator(RegionCatalog regions)
    {
        RuleFor(q => q.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(q => q.From).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
        RuleFor(q => q.To).NotNull().InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay)
            .Must((q, to) => q.From is not { } from || to is null || from > ChinaCalendar.LastDay || (to >= from && to <= from.AddYears(5)))
            .WithMessage(new LocalizedText("统计期须从开始日期起 5 年以内，且结束日期不早于开始日期。", "The period ends on or after its first day and spans at most 5 years."));
    }
}

/// <summary>Issued vouchers of a period by status and group combination.</summary>
internal sealed record IssuedGroup(VoucherStatus Status, TraineeGroups Groups, int Count, decimal FaceValue);

/// <summary>Completions of a period by institution, occupation and result.</summary>
internal sealed record CompletionGroup(string? InstitutionCode, string OccupationCode, bool? Passed, int Count);

/// <summary>
/// The three queries behind the statistics of a region and period (the benchmark explains these same
/// queries). Each reads one range of a date-leading index: one pass over the period's vouchers, grouped
/// by status and group combination (few distinct values) and expanded into per-status and per-group
/// figures in memory; completions by institution, occupation and result; the paid sum.
/// </summary>
internal sealed class StatisticsQueries
{
    public StatisticsQueries(IQueryable<Voucher> vouchers, string regionCode, DateOnly from, DateOnly to)
    {
        var (low, high) = RegionCode.Range(regionCode);
        var inRegion = vouchers.Where(v => string.Compare(v.RegionCode, low) >= 0 && string.Compare(v.RegionCode, high) < 0);
        Issued = inRegion
            .Where(v => v.IssuedOn >= from && v.IssuedOn <= to)
            .GroupBy(v => new { v.Status, v.Groups })
            .Select(g => new IssuedGroup(g.Key.Status, g.Key.Groups, g.Count(), g.Sum(v => v.FaceValue)));
        Completions = inRegion
            .Where(v => v.CompletedOn >= from && v.CompletedOn <= to)
            .GroupBy(v => new { v.InstitutionCode, v.OccupationCode, v.Passed })
            .Select(g => new CompletionGroup(g.Key.InstitutionCode, g.Key.OccupationCode, g.Key.Passed, g.Count()));
        Paid = inRegion.Where(v => v.PaidOn >= from && v.PaidOn <= to);
    }

    public IQueryable<IssuedGroup> Issued { get; }

    public IQueryable<CompletionGroup> Completions { get; }

    /// <summary>The vouchers paid in the period; the statistics sum their subsidy.</summary>
    public IQueryable<Voucher> Paid { get; }
}

internal static class GetStatistics
{
    public static void MapGetStatistics(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/statistics", HandleAsync)
            .WithName("TrainingVouchers_GetStatistics")
            .RequirePermission(TrainingVoucherPermissions.StatisticsRead)
            .WithSummary("Program statistics for a region and period")
            .WithDescription("Vouchers issued in the period by current status and by group (migrant workers among them), completions and pass rates by institution and occupation (by assessment day), subsidy committed (issued and still counting) and paid (by payment day). The region must lie within the caller's (403 otherwise).")
            .ProducesApiProblem(StatusCodes.Status403Forbidden);

    private static async Task<Ok<StatisticsResponse>> HandleAsync([AsParameters] StatisticsQuery query, TrainingVouchersDbContext db, CancellationToken cancellationToken)
    {
        var region = query.RegionCode!;
        VoucherCallers.RequireRegion(db.Caller, region);
        var (from, to) = (query.From!.Value, query.To!.Value);
        var queries = new StatisticsQueries(db.Vouchers.AsNoTracking(), region, from, to);
        var issued = await queries.Issued.ToListAsync(cancellationToken);
        var completions = await queries.Completions.ToListAsync(cancellationToken);
        var paid = await queries.Paid.SumAsync(v => v.SubsidyAmount ?? 0m, cancellationToken);

        var byStatus = issued.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => new StatusCount(g.Key, g.Sum(r => r.Count))).ToArray();
        var byGroup = TraineeGroupSets.Each
            .Select(group => new GroupCount(group, issued.Where(r => (r.Groups & group.Flag()) != 0).Sum(r => r.Count)))
            .ToArray();
        var committed = issued.Where(r => r.Status.CountsTowardsQuota()).Sum(r => r.FaceValue);
        var completed = completions.Sum(c => c.Count);
        var passed = completions.Where(c => c.Passed == true).Sum(c => c.Count);
        return TypedResults.Ok(new StatisticsResponse(
            region, from, to, issued.Sum(r => r.Count), byStatus, byGroup, completed, passed, Rate(passed, completed),
            Completions(completions.Select(c => (c.InstitutionCode ?? "", c.Passed, c.Count))),
            Completions(completions.Select(c => (c.OccupationCode, c.Passed, c.Count))),
            committed, paid));
    }

    private static CompletionCount[] Completions(IEnumerable<(string Code, bool? Passed, int Count)> rows) =>
        rows.GroupBy(r => r.Code, StringComparer.Ordinal)
            .Select(g =>
            {
                var completed = g.Sum(r => r.Count);
                var passed = g.Where(r => r.Passed == true).Sum(r => r.Count);
                return new CompletionCount(g.Key, completed, passed, Rate(passed, completed));
            })
            .OrderByDescending(c => c.Completed).ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToArray();

    private static decimal Rate(int part, int whole) => whole == 0 ? 0m : Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);
}
