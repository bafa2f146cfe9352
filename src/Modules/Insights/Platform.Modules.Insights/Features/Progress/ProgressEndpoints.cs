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
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Features.Shared;
using Platform.Modules.Insights.Persistence;

namespace Platform.Modules.Insights.Features.Progress;

/// <summary>The query of Insights_GetProgress and of the exports and chart.</summary>
/// <param name="RegionCode">The region (within the caller's).</param>
/// <param name="FromYear">First year of the period (with <paramref name="ToYear"/>); omit both for every period containing the day's year.</param>
/// <param name="ToYear">Last year of the period.</param>
/// <param name="On">The day to count to (default today).</param>
internal sealed record ProgressQuery(string? RegionCode, int? FromYear, int? ToYear, DateOnly? On);

/// <summary>The query of Insights_CompareRegions.</summary>
/// <param name="RegionCode">The province (or city) whose cities (or counties) are compared; within the caller's.</param>
/// <param name="IndicatorCode">The indicator.</param>
/// <param name="FromYear">First year of the period.</param>
/// <param name="ToYear">Last year of the period.</param>
/// <param name="On">The day to count to (default today).</param>
internal sealed record CompareQuery(string? RegionCode, string? IndicatorCode, int? FromYear, int? ToYear, DateOnly? On);

/// <summary>One region in a comparison.</summary>
/// <param name="Rank">1 for the best: by percentage of its target where targets exist, then by the actual.</param>
/// <param name="RegionCode">The region.</param>
/// <param name="RegionName">Its name.</param>
/// <param name="Actual">Counted over the period to the day (a cumulative target's baseline included).</param>
/// <param name="Target">Its own target for the period, if one is set.</param>
/// <param name="Percent">Actual ÷ target, percent.</param>
/// <param name="Status">Completed, OnTrack, Behind, Ended, or NoTarget.</param>
internal sealed record ComparisonRow(int Rank, string RegionCode, string RegionName, decimal Actual, decimal? Target, decimal? Percent, string Status);

/// <summary>The cities of a province (or counties of a city) ranked on one indicator.</summary>
/// <param name="RegionCode">The region compared within.</param>
/// <param name="IndicatorCode">The indicator.</param>
/// <param name="NameZh">Its name in Chinese.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="FromYear">First year.</param>
/// <param name="ToYear">Last year.</param>
/// <param name="OnDay">The day counted to.</param>
/// <param name="Total">The region's own counted value (its parts add up to it).</param>
/// <param name="Rows">The parts, best first.</param>
internal sealed record ComparisonResponse(string RegionCode, string IndicatorCode, string NameZh, string Unit, int FromYear, int ToYear, DateOnly OnDay, decimal Total, IReadOnlyList<ComparisonRow> Rows);

internal sealed class ProgressQueryValidator : AbstractValidator<ProgressQuery>
{
    public ProgressQueryValidator(RegionCatalog regions)
    {
        RuleFor(q => q.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(q => q.FromYear).NotNull().InclusiveBetween(2000, 2099).When(q => q.ToYear is not null);
        RuleFor(q => q.ToYear).NotNull().InclusiveBetween(2000, 2099).GreaterThanOrEqualTo(q => q.FromYear ?? 0).When(q => q.FromYear is not null)
            .WithMessage(new LocalizedText("请同时给出起止年份，且结束年份不早于开始年份。", "Give both years, the last not before the first."));
        RuleFor(q => q.On).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
    }
}

internal sealed class CompareQueryValidator : AbstractValidator<CompareQuery>
{
    public CompareQueryValidator(RegionCatalog regions)
    {
        RuleFor(q => q.RegionCode).NotEmpty().KnownRegion(regions);
        RuleFor(q => q.IndicatorCode).NotEmpty().MaximumLength(64);
        RuleFor(q => q.FromYear).NotNull().InclusiveBetween(2000, 2099);
        RuleFor(q => q.ToYear).NotNull().InclusiveBetween(2000, 2099).GreaterThanOrEqualTo(q => q.FromYear ?? 0);
        RuleFor(q => q.On).InclusiveBetween(ChinaCalendar.FirstDay, ChinaCalendar.LastDay);
    }
}

internal static class ProgressEndpoints
{
    public static void MapProgressEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/progress", GetProgressAsync)
            .WithName("Insights_GetProgress")
            .RequirePermission(InsightsPermissions.ProgressRead)
            .WithSummary("Each indicator's target, actual, percentage achieved, the pace needed for the rest of the period, and whether it is on track")
            .WithDescription("For a region and period (or every period containing the day's year). Actuals are counted from the program modules' events up to the day; a cumulative target adds the baseline its document states. On track = the actual has reached the value an even pace would have reached by the day. A region outside the caller's: 403.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden);

        routes.MapGet("/compare", CompareAsync)
            .WithName("Insights_CompareRegions")
            .RequirePermission(InsightsPermissions.ProgressRead)
            .WithSummary("Rank the cities of a province (or the counties of a city) on one indicator")
            .WithDescription("By percentage of each one's own target for the period where set, then by the actual. A region outside the caller's: 403; an unknown indicator: 404.")
            .ProducesApiProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<ProgressReport>> GetProgressAsync(
        [AsParameters] ProgressQuery query, InsightsDbContext db, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        InsightsAccess.RequireRegion(db.Caller, query.RegionCode!);
        var on = query.On ?? ChinaCalendar.Today(time);
        return TypedResults.Ok(await ProgressQueries.ReportAsync(db, regions, query.RegionCode!, query.FromYear, query.ToYear, on, cancellationToken));
    }

    private static async Task<Ok<ComparisonResponse>> CompareAsync(
        [AsParameters] CompareQuery query, InsightsDbContext db, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        var region = query.RegionCode!;
        InsightsAccess.RequireRegion(db.Caller, region);
        var indicator = await db.Indicators.AsNoTracking().FirstOrDefaultAsync(i => i.Code == query.IndicatorCode, cancellationToken)
            ?? throw InsightsAccess.IndicatorMissing(query.IndicatorCode!);
        var on = query.On ?? ChinaCalendar.Today(time);
        var (fromYear, toYear) = (query.FromYear!.Value, query.ToYear!.Value);
        var first = new DateOnly(fromYear, 1, 1);
        var lastDay = new DateOnly(toYear, 12, 31);
        var last = lastDay < on ? lastDay : on;
        var parts = regions.ChildrenOf(region);
        var codes = parts.Select(p => p.Code).Append(region).ToArray();
        var counted = await ProgressQueries.SumByRegionAsync(db, indicator.Code, codes, first, last, cancellationToken);
        var targets = await db.Targets.AsNoTracking()
            .Where(t => t.IndicatorCode == indicator.Code && t.FromYear == fromYear && t.ToYear == toYear && codes.Contains(t.RegionCode))
            .ToDictionaryAsync(t => t.RegionCode, StringComparer.Ordinal, cancellationToken);
        var rows = parts.Select(part =>
            {
                var value = counted.GetValueOrDefault(part.Code);
                if (!targets.TryGetValue(part.Code, out var target))
                {
                    return (Row: new ComparisonRow(0, part.Code, part.Name, value, null, null, "NoTarget"), Sort: (decimal?)null);
                }

                var row = ProgressMath.Row(indicator, target, indicator.EventName is null ? null : value, on);
                return (Row: new ComparisonRow(0, part.Code, part.Name, row.Actual ?? 0m, target.Value, row.Percent, row.Status), Sort: row.Percent);
            })
            .OrderByDescending(r => r.Sort.HasValue).ThenByDescending(r => r.Sort ?? 0m).ThenByDescending(r => r.Row.Actual).ThenBy(r => r.Row.RegionCode, StringComparer.Ordinal)
            .Select((r, i) => r.Row with { Rank = i + 1 })
            .ToArray();
        return TypedResults.Ok(new ComparisonResponse(region, indicator.Code, indicator.NameZh, indicator.Unit, fromYear, toYear, on, counted.GetValueOrDefault(region), rows));
    }
}
