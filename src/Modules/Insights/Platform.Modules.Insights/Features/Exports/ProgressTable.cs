using System.Globalization;
using Platform.Modules.Insights.Domain;

namespace Platform.Modules.Insights.Features.Exports;

/// <summary>How a column of the progress table is written: text, a number, or a percentage with one decimal.</summary>
internal enum ProgressCellKind
{
    Text,
    Number,
    Percent,
}

/// <summary>One cell of the progress table: text, or a number (absent when there is none).</summary>
/// <param name="Text">The text, for a text column.</param>
/// <param name="Number">The number, for a number or percent column.</param>
internal readonly record struct ProgressCell(string? Text, decimal? Number)
{
    public static ProgressCell Of(string text) => new(text, null);

    public static ProgressCell Of(decimal? number) => new(null, number);
}

/// <summary>A column of the progress table: its Chinese header, kind, width in the workbook (characters) and value.</summary>
/// <param name="Header">The header, in Chinese.</param>
/// <param name="Kind">Text, number or percent.</param>
/// <param name="Width">The column width in the workbook, in characters.</param>
/// <param name="Value">The cell of a row.</param>
internal sealed record ProgressColumn(string Header, ProgressCellKind Kind, double Width, Func<ProgressReport, ProgressRow, ProgressCell> Value);

/// <summary>
/// The progress table a bureau forwards, shared by the CSV and the workbook: the columns in order with
/// Chinese headers, and the Chinese words for target kinds, statuses and whether a row keeps pace.
/// </summary>
internal static class ProgressTable
{
    /// <summary>Written where a row has no answer to whether it keeps pace (the platform does not record it).</summary>
    public const string NoAnswer = "—";

    public static IReadOnlyList<ProgressColumn> Columns { get; } =
    [
        new("指标代码", ProgressCellKind.Text, 24, (_, r) => ProgressCell.Of(r.IndicatorCode)),
        new("指标", ProgressCellKind.Text, 30, (_, r) => ProgressCell.Of(r.NameZh)),
        new("单位", ProgressCellKind.Text, 6, (_, r) => ProgressCell.Of(r.Unit)),
        new("区域", ProgressCellKind.Text, 12, (report, r) => ProgressCell.Of(RegionName(report, r))),
        new("期间", ProgressCellKind.Text, 11, (_, r) => ProgressCell.Of(Period(r.FromYear, r.ToYear))),
        new("目标类型", ProgressCellKind.Text, 12, (_, r) => ProgressCell.Of(KindName(r.Kind))),
        new("目标值", ProgressCellKind.Number, 12, (_, r) => ProgressCell.Of(r.Target)),
        new("基数", ProgressCellKind.Number, 10, (_, r) => ProgressCell.Of(r.Kind == TargetKind.Cumulative ? r.Baseline : null)),
        new("实际完成", ProgressCellKind.Number, 12, (_, r) => ProgressCell.Of(r.Actual)),
        new("完成率(%)", ProgressCellKind.Percent, 10, (_, r) => ProgressCell.Of(r.Percent)),
        new("按进度应达", ProgressCellKind.Number, 12, (_, r) => ProgressCell.Of(r.Expected)),
        new("是否达到进度", ProgressCellKind.Text, 12, (_, r) => ProgressCell.Of(OnTrackName(r.OnTrack))),
        new("剩余月数", ProgressCellKind.Number, 9, (_, r) => ProgressCell.Of(r.MonthsLeft)),
        new("剩余每月需完成", ProgressCellKind.Number, 14, (_, r) => ProgressCell.Of(r.NeededPerMonth)),
        new("状态", ProgressCellKind.Text, 11, (_, r) => ProgressCell.Of(StatusName(r.Status))),
        new("目标来源", ProgressCellKind.Text, 40, (_, r) => ProgressCell.Of(r.Source)),
    ];

    /// <summary>The period as the plans write it: <c>2021–2025</c>, or the year alone.</summary>
    public static string Period(int fromYear, int toYear) =>
        fromYear == toYear ? fromYear.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{fromYear}–{toYear}");

    /// <summary>期间累计 for the events of the period, 含基数累计 for a baseline plus them.</summary>
    public static string KindName(TargetKind kind) => kind == TargetKind.Cumulative ? "含基数累计" : "期间累计";

    /// <summary>是, 否, or — when the platform does not record the indicator.</summary>
    public static string OnTrackName(bool? onTrack) => onTrack switch
    {
        true => "是",
        false => "否",
        null => NoAnswer,
    };

    /// <summary>The status in Chinese (the code itself for one this table does not know).</summary>
    public static string StatusName(string status) => status switch
    {
        "Completed" => "已完成",
        "OnTrack" => "进度正常",
        "Behind" => "滞后",
        "Ended" => "期末未完成",
        "NotRecorded" => "平台未统计",
        _ => status,
    };

    /// <summary>The report's region name for its own rows, else the row's region code.</summary>
    public static string RegionName(ProgressReport report, ProgressRow row) =>
        string.Equals(row.RegionCode, report.RegionCode, StringComparison.Ordinal) ? report.RegionName : row.RegionCode;

    /// <summary>A number as the CSV writes it: invariant, no grouping, no trailing zeros; a percentage with one decimal.</summary>
    public static string Format(decimal value, ProgressCellKind kind) =>
        kind == ProgressCellKind.Percent
            ? value.ToString("0.0", CultureInfo.InvariantCulture)
            : value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>The title of the workbook and the chart: the region and the day counted to.</summary>
    public static string Title(ProgressReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"{report.RegionName}（{report.RegionCode}）就业指标完成进度　截至 {report.OnDay:yyyy-MM-dd}");
}
