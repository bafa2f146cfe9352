namespace Platform.Modules.Insights.Domain;

/// <summary>One indicator's progress against one target.</summary>
/// <param name="IndicatorCode">The indicator.</param>
/// <param name="NameZh">Its name in Chinese.</param>
/// <param name="NameEn">Its name in English.</param>
/// <param name="Unit">The unit (人次, 人, 个, 元).</param>
/// <param name="RegionCode">The region.</param>
/// <param name="FromYear">First year of the period.</param>
/// <param name="ToYear">Last year of the period.</param>
/// <param name="Kind">PeriodTotal or Cumulative.</param>
/// <param name="Target">The target value.</param>
/// <param name="Baseline">For a cumulative target, the level reached before the period.</param>
/// <param name="Actual">The value reached by the day (baseline included); absent when the platform does not record the indicator.</param>
/// <param name="Percent">Actual ÷ target, percent, one decimal.</param>
/// <param name="Expected">Where the value should be by the day at an even pace (baseline + (target − baseline) × share of the period elapsed).</param>
/// <param name="OnTrack">Whether the actual has reached the expected value.</param>
/// <param name="MonthsLeft">Months of the period left, the current one included.</param>
/// <param name="NeededPerMonth">What each remaining month must add to reach the target.</param>
/// <param name="Status">Completed, OnTrack, Behind, Ended (period over, not reached) or NotRecorded.</param>
/// <param name="Source">The document the target comes from.</param>
internal sealed record ProgressRow(
    string IndicatorCode, string NameZh, string NameEn, string Unit, string RegionCode, int FromYear, int ToYear, TargetKind Kind, decimal Target, decimal Baseline,
    decimal? Actual, decimal? Percent, decimal? Expected, bool? OnTrack, int MonthsLeft, decimal? NeededPerMonth, string Status, string Source);

/// <summary>The progress table of a region on a day.</summary>
/// <param name="RegionCode">The region.</param>
/// <param name="RegionName">Its name.</param>
/// <param name="OnDay">The day the actuals are counted to.</param>
/// <param name="Rows">One row per target.</param>
internal sealed record ProgressReport(string RegionCode, string RegionName, DateOnly OnDay, IReadOnlyList<ProgressRow> Rows);

/// <summary>
/// The arithmetic of progress: the share of the period elapsed (days, both ends included), the value
/// expected at an even pace, whether the actual keeps up, and what the remaining months must add.
/// </summary>
internal static class ProgressMath
{
    public static ProgressRow Row(Indicator indicator, Target target, decimal? counted, DateOnly onDay)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(target);
        var start = new DateOnly(target.FromYear, 1, 1);
        var end = new DateOnly(target.ToYear, 12, 31);
        var baseline = target.Kind == TargetKind.Cumulative ? target.Baseline : 0m;
        var total = end.DayNumber - start.DayNumber + 1;
        var elapsed = Math.Clamp(onDay.DayNumber - start.DayNumber + 1, 0, total);
        var share = (decimal)elapsed / total;
        var expected = Math.Round(baseline + ((target.Value - baseline) * share), 2, MidpointRounding.AwayFromZero);
        var monthsLeft = onDay > end ? 0 : onDay < start ? (((target.ToYear - target.FromYear) + 1) * 12) : ((target.ToYear * 12) + 12) - ((onDay.Year * 12) + onDay.Month) + 1;
        if (counted is not { } value)
        {
            return new ProgressRow(
                indicator.Code, indicator.NameZh, indicator.NameEn, indicator.Unit, target.RegionCode, target.FromYear, target.ToYear, target.Kind, target.Value, baseline,
                null, null, expected, null, monthsLeft, null, "NotRecorded", target.Source);
        }

        var actual = baseline + value;
        var percent = target.Value == 0m ? (decimal?)null : Math.Round(actual * 100m / target.Value, 1, MidpointRounding.AwayFromZero);
        var onTrack = actual >= expected;
        decimal? needed = monthsLeft > 0 ? Math.Round(Math.Max(0m, target.Value - actual) / monthsLeft, 2, MidpointRounding.AwayFromZero) : null;
        var status = actual >= target.Value ? "Completed" : onDay > end ? "Ended" : onTrack ? "OnTrack" : "Behind";
        return new ProgressRow(
            indicator.Code, indicator.NameZh, indicator.NameEn, indicator.Unit, target.RegionCode, target.FromYear, target.ToYear, target.Kind, target.Value, baseline,
            actual, percent, expected, onTrack, monthsLeft, needed, status, target.Source);
    }
}
