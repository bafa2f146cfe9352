using System.Globalization;
using Platform.Modules.Insights.Domain;

namespace Platform.Modules.Insights.Features.Exports;

/// <summary>A shape of the chart; <paramref name="Kind"/> says what it stands for (bar, pace, grid, name…).</summary>
/// <param name="Kind">What the shape stands for, one of <see cref="ChartKinds"/>.</param>
internal abstract record ChartShape(string Kind);

/// <summary>A filled rectangle.</summary>
/// <param name="Kind">What it stands for.</param>
/// <param name="X">Left edge, pixels.</param>
/// <param name="Y">Top edge, pixels.</param>
/// <param name="Width">Width, pixels (0 for a bar at 0 %).</param>
/// <param name="Height">Height, pixels.</param>
/// <param name="Fill">Colour, <c>#RRGGBB</c>.</param>
/// <param name="Key">For a bar, the indicator code of its row.</param>
/// <param name="Status">For a bar, the status of its row.</param>
internal sealed record ChartRect(string Kind, double X, double Y, double Width, double Height, string Fill, string? Key = null, string? Status = null) : ChartShape(Kind);

/// <summary>A straight line.</summary>
/// <param name="Kind">What it stands for.</param>
/// <param name="X1">Start x.</param>
/// <param name="Y1">Start y.</param>
/// <param name="X2">End x.</param>
/// <param name="Y2">End y.</param>
/// <param name="Stroke">Colour, <c>#RRGGBB</c>.</param>
/// <param name="StrokeWidth">Width, pixels.</param>
/// <param name="Key">For a pace marker, the indicator code of its row.</param>
internal sealed record ChartLine(string Kind, double X1, double Y1, double X2, double Y2, string Stroke, double StrokeWidth, string? Key = null) : ChartShape(Kind);

/// <summary>Where a text stands relative to its x.</summary>
internal enum ChartAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>A line of text; <paramref name="Y"/> is its baseline.</summary>
/// <param name="Kind">What it stands for.</param>
/// <param name="X">The anchor's x.</param>
/// <param name="Y">The baseline.</param>
/// <param name="Content">The text.</param>
/// <param name="Size">Font size, pixels.</param>
/// <param name="Fill">Colour, <c>#RRGGBB</c>.</param>
/// <param name="Anchor">Start, middle or end at <paramref name="X"/>.</param>
/// <param name="Bold">Bold.</param>
internal sealed record ChartText(string Kind, double X, double Y, string Content, double Size, string Fill, ChartAnchor Anchor = ChartAnchor.Start, bool Bold = false) : ChartShape(Kind);

/// <summary>The chart laid out once, drawn as SVG or PNG: its size, title and shapes in paint order.</summary>
/// <param name="Width">Width, pixels.</param>
/// <param name="Height">Height, pixels.</param>
/// <param name="Title">The title (region and day).</param>
/// <param name="Shapes">The shapes, in paint order.</param>
internal sealed record ChartLayout(int Width, int Height, string Title, IReadOnlyList<ChartShape> Shapes);

/// <summary>The kinds of the chart's shapes.</summary>
internal static class ChartKinds
{
    public const string Background = "background";
    public const string Title = "title";
    public const string Legend = "legend";
    public const string Axis = "axis";
    public const string Grid = "grid";
    public const string Bar = "bar";
    public const string Pace = "pace";
    public const string Name = "name";
    public const string Period = "period";
    public const string Value = "value";
    public const string Empty = "empty";
}

/// <summary>The colours of the chart: by status, and of its frame.</summary>
internal static class ChartColors
{
    public const string Completed = "#2E7D32";
    public const string OnTrack = "#66BB6A";
    public const string Behind = "#F9A825";
    public const string Ended = "#C62828";
    public const string NotRecorded = "#BDBDBD";
    public const string Pace = "#263238";
    public const string Text = "#212121";
    public const string MutedText = "#757575";
    public const string Grid = "#E0E0E0";
    public const string Axis = "#9E9E9E";
    public const string Background = "#FFFFFF";

    /// <summary>Green for completed and on track (darker when completed), amber behind, red ended unmet, grey not recorded.</summary>
    public static string ForStatus(string status) => status switch
    {
        "Completed" => Completed,
        "OnTrack" => OnTrack,
        "Behind" => Behind,
        "Ended" => Ended,
        _ => NotRecorded,
    };
}

/// <summary>
/// Lays out the progress chart of a region: one horizontal bar per row of the report, its length the
/// percentage achieved on a 0–100 % scale (a bar beyond 100 % stops at the right edge, its number written
/// beside it), a vertical marker where an even pace would be by the day (expected ÷ target), the colour by
/// status, the indicator's name and period on the left, and the region and day in the title. A row the
/// platform does not record gets a grey bar across the scale saying so.
/// </summary>
internal static class ProgressChart
{
    public const int Width = 960;

    /// <summary>Where 0 % is.</summary>
    public const int PlotLeft = 270;

    /// <summary>The length of 100 %.</summary>
    public const int PlotWidth = 580;

    /// <summary>Where the first row starts.</summary>
    public const int Top = 104;

    public const int RowPitch = 40;

    public const int BarHeight = 24;

    private const int Bottom = 28;
    private const int Margin = 24;
    private const double NameSize = 13;
    private const double SmallSize = 11;

    private static readonly (string Label, string Color)[] LegendItems =
    [
        ("已完成", ChartColors.Completed),
        ("进度正常", ChartColors.OnTrack),
        ("滞后", ChartColors.Behind),
        ("期末未完成", ChartColors.Ended),
        ("平台未统计", ChartColors.NotRecorded),
    ];

    /// <summary>The top edge of row <paramref name="index"/>'s bar.</summary>
    public static int BarTop(int index) => Top + (index * RowPitch) + ((RowPitch - BarHeight) / 2);

    public static ChartLayout Build(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Rows.Count;
        var height = Top + (Math.Max(rows, 1) * RowPitch) + Bottom;
        var plotBottom = Top + (Math.Max(rows, 1) * RowPitch);
        var shapes = new List<ChartShape>
        {
            new ChartRect(ChartKinds.Background, 0, 0, Width, height, ChartColors.Background),
            new ChartText(ChartKinds.Title, Margin, 34, Fit(ProgressTable.Title(report), 18, Width - (2 * Margin)), 18, ChartColors.Text, Bold: true),
        };
        AddLegend(shapes);
        AddScale(shapes, plotBottom);
        if (rows == 0)
        {
            shapes.Add(new ChartText(ChartKinds.Empty, PlotLeft + (PlotWidth / 2.0), Top + 25, "该区域此期间没有目标", NameSize, ChartColors.MutedText, ChartAnchor.Middle));
        }

        for (var i = 0; i < rows; i++)
        {
            AddRow(shapes, report.Rows[i], BarTop(i));
        }

        return new ChartLayout(Width, height, ProgressTable.Title(report), shapes);
    }

    /// <summary>The x where <paramref name="percent"/> ends on the scale, 0–100 % (beyond is capped at the right edge).</summary>
    public static double X(decimal percent) => PlotLeft + Math.Round(PlotWidth * (double)Math.Clamp(percent, 0m, 100m) / 100, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The width a text takes, estimated: a Chinese (wide) character as wide as the font size, another
    /// about 0.6 of it. Both SVG viewers and the PNG use fonts this cannot know; the estimate keeps labels
    /// clear of the bars.
    /// </summary>
    public static double TextWidth(string text, double size) => text.Sum(c => IsWide(c) ? size : size * 0.6);

    /// <summary>The text cut with an ellipsis to fit <paramref name="width"/>.</summary>
    public static string Fit(string text, double size, double width)
    {
        if (TextWidth(text, size) <= width)
        {
            return text;
        }

        var cut = text;
        while (cut.Length > 0 && TextWidth(cut + "…", size) > width)
        {
            cut = cut[..^1];
        }

        return cut + "…";
    }

    private static bool IsWide(char c) => c >= '\u2E80' && c is not (>= '\uFF61' and <= '\uFFDC');

    private static void AddLegend(List<ChartShape> shapes)
    {
        const double y = 64;
        double x = Margin;
        foreach (var (label, color) in LegendItems)
        {
            shapes.Add(new ChartRect(ChartKinds.Legend, x, y - 10, 12, 12, color));
            shapes.Add(new ChartText(ChartKinds.Legend, x + 17, y, label, 12, ChartColors.Text));
            x += 17 + TextWidth(label, 12) + 18;
        }

        shapes.Add(new ChartLine(ChartKinds.Legend, x + 5, y - 12, x + 5, y + 3, ChartColors.Pace, 2));
        shapes.Add(new ChartText(ChartKinds.Legend, x + 13, y, "按时间进度应达", 12, ChartColors.Text));
    }

    private static void AddScale(List<ChartShape> shapes, double plotBottom)
    {
        foreach (var tick in new[] { 0m, 25m, 50m, 75m, 100m })
        {
            var x = X(tick);
            shapes.Add(new ChartLine(tick == 0m ? ChartKinds.Axis : ChartKinds.Grid, x, Top - 4, x, plotBottom, tick == 0m ? ChartColors.Axis : ChartColors.Grid, 1));
            shapes.Add(new ChartText(ChartKinds.Axis, x, Top - 10, string.Create(CultureInfo.InvariantCulture, $"{tick:0}%"), SmallSize, ChartColors.MutedText, ChartAnchor.Middle));
        }
    }

    private static void AddRow(List<ChartShape> shapes, ProgressRow row, int barTop)
    {
        const double labelRight = PlotLeft - 12;
        const double labelWidth = PlotLeft - 12 - Margin;
        shapes.Add(new ChartText(ChartKinds.Name, labelRight, barTop + 10, Fit(row.NameZh, NameSize, labelWidth), NameSize, ChartColors.Text, ChartAnchor.End));
        var period = $"{ProgressTable.Period(row.FromYear, row.ToYear)} {ProgressTable.KindName(row.Kind)}（{row.Unit}）";
        shapes.Add(new ChartText(ChartKinds.Period, labelRight, barTop + 24, Fit(period, SmallSize, labelWidth), SmallSize, ChartColors.MutedText, ChartAnchor.End));
        var color = ChartColors.ForStatus(row.Status);
        var recorded = row.Status != "NotRecorded";
        var end = recorded ? X(row.Percent ?? 0m) : PlotLeft + PlotWidth;
        shapes.Add(new ChartRect(ChartKinds.Bar, PlotLeft, barTop, end - PlotLeft, BarHeight, color, row.IndicatorCode, row.Status));
        if (row.Expected is { } expected && row.Target > 0m)
        {
            var x = X(expected * 100m / row.Target);
            shapes.Add(new ChartLine(ChartKinds.Pace, x, barTop - 4, x, barTop + BarHeight + 4, ChartColors.Pace, 2, row.IndicatorCode));
        }

        if (!recorded)
        {
            shapes.Add(new ChartText(ChartKinds.Value, PlotLeft + 8, barTop + 16, ProgressTable.StatusName(row.Status), 12, ChartColors.Text));
            return;
        }

        var value = row.Percent is { } percent ? string.Create(CultureInfo.InvariantCulture, $"{percent:0.0}%") : ProgressTable.NoAnswer;
        shapes.Add(new ChartText(ChartKinds.Value, end + 6, barTop + 16, value, 12, ChartColors.Text, Bold: row.Percent > 100m));
    }
}
