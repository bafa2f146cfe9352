using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Identity;
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Persistence;

namespace Platform.Modules.Insights.Features.Progress;

/// <summary>Reading progress from the counters (shared by the answers, the exports and the chart).</summary>
internal static class ProgressQueries
{
    /// <summary>
    /// The progress of <paramref name="region"/> on <paramref name="onDay"/>: one row per target of the region,
    /// of the period given (both years) or else every period containing the day's year.
    /// </summary>
    public static async Task<ProgressReport> ReportAsync(
        InsightsDbContext db, RegionCatalog regions, string region, int? fromYear, int? toYear, DateOnly onDay, CancellationToken cancellationToken)
    {
        var query = db.Targets.AsNoTracking().Where(t => t.RegionCode == region);
        query = fromYear is { } from && toYear is { } to
            ? query.Where(t => t.FromYear == from && t.ToYear == to)
            : query.Where(t => t.FromYear <= onDay.Year && t.ToYear >= onDay.Year);
        var targets = await query.OrderBy(t => t.IndicatorCode).ThenBy(t => t.FromYear).ThenBy(t => t.ToYear).ToListAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, StringComparer.Ordinal, cancellationToken);
        var rows = new List<ProgressRow>(targets.Count);
        foreach (var target in targets.Where(t => indicators.ContainsKey(t.IndicatorCode)))
        {
            var indicator = indicators[target.IndicatorCode];
            var counted = indicator.EventName is null ? (decimal?)null : await SumAsync(db, indicator.Code, region, new DateOnly(target.FromYear, 1, 1), Min(new DateOnly(target.ToYear, 12, 31), onDay), cancellationToken);
            rows.Add(ProgressMath.Row(indicator, target, counted, onDay));
        }

        return new ProgressReport(region, regions.Find(region)?.Name ?? region, onDay, rows);
    }

    /// <summary>The indicator's counted value in a region over the days given (0 when none).</summary>
    public static async Task<decimal> SumAsync(InsightsDbContext db, string indicator, string region, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        last < first
            ? 0m
            : await db.Counters.AsNoTracking()
                .Where(c => c.IndicatorCode == indicator && c.RegionCode == region && c.Day >= first && c.Day <= last)
                .SumAsync(c => c.Value, cancellationToken);

    /// <summary>The indicator's counted value in each of <paramref name="regionCodes"/> over the days given.</summary>
    public static async Task<Dictionary<string, decimal>> SumByRegionAsync(
        InsightsDbContext db, string indicator, IReadOnlyCollection<string> regionCodes, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var codes = regionCodes.ToArray();
        var rows = await db.Counters.AsNoTracking()
            .Where(c => c.IndicatorCode == indicator && c.Day >= first && c.Day <= last && codes.Contains(c.RegionCode))
            .GroupBy(c => c.RegionCode)
            .Select(g => new { Region = g.Key, Value = g.Sum(c => c.Value) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Region, r => r.Value, StringComparer.Ordinal);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
