using System.Globalization;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Features.Exports;
using SkiaSharp;

namespace Platform.UnitTests.Insights;

/// <summary>
/// The progress table as CSV and as a workbook read back, and the chart checked by rendering: the SVG
/// parsed as XML and the PNG decoded and measured by pixels. The report is built by hand: Leshan on
/// 30 June 2025, four targets of 2021–2025 — trainings completed (100 %), migrant-worker trainings behind
/// (50 %, pace at 90 %), returnee founders on track (cumulative from a baseline of 10,000, 75 %, pace at
/// 62.5 %) and parks the platform does not record.
/// </summary>
public sealed class ExportTests
{
    private const string Source = "乐山市\"十四五\"就业促进规划, 第三章";

    private static readonly DateOnly Day = new(2025, 6, 30);

    private static readonly ProgressRow Completed = new(
        "subsidised_trainings", "补贴性职业技能培训", "Subsidised vocational trainings", "人次", "511100", 2021, 2025, TargetKind.PeriodTotal, 10_000m, 0m,
        10_000m, 100.0m, 9_000.50m, true, 6, 0.00m, "Completed", Source);

    private static readonly ProgressRow Behind = new(
        "migrant_worker_trainings", "农民工补贴性职业技能培训", "Subsidised trainings of migrant workers", "人次", "511100", 2021, 2025, TargetKind.PeriodTotal, 8_000m, 0m,
        4_000m, 50.0m, 7_200.25m, false, 6, 666.67m, "Behind", "规划");

    private static readonly ProgressRow OnTrack = new(
        "returnee_founders", "返乡创业人数", "Returnee founders", "人", "511100", 2021, 2025, TargetKind.Cumulative, 40_000m, 10_000m,
        30_000m, 75.0m, 25_000m, true, 6, 1_666.67m, "OnTrack", "规划");

    private static readonly ProgressRow NotRecorded = new(
        "return_home_parks", "市级返乡创业园", "Municipal return-home entrepreneurship parks", "个", "511100", 2021, 2025, TargetKind.PeriodTotal, 12m, 0m,
        null, null, 10.8m, null, 6, null, "NotRecorded", "=1+1");

    private static readonly ProgressReport Report = new("511100", "乐山市", Day, [Completed, Behind, OnTrack, NotRecorded]);

    private static readonly string[] Headers =
        ["指标代码", "指标", "单位", "区域", "期间", "目标类型", "目标值", "基数", "实际完成", "完成率(%)", "按进度应达", "是否达到进度", "剩余月数", "剩余每月需完成", "状态", "目标来源"];

    // ---- CSV ----

    [Fact]
    public void The_csv_starts_with_the_byte_order_mark_and_the_Chinese_header_line()
    {
        var bytes = ProgressCsv.Write(Report);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.StartsWith(string.Join(',', Headers) + "\r\n", text, StringComparison.Ordinal);
        Assert.Equal(6, text.Split("\r\n").Length); // the header, 4 rows, and nothing after the last line end
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_writes_numbers_invariant_and_quotes_as_RFC_4180_says()
    {
        var lines = ProgressCsv.WriteText(Report).Split("\r\n");

        Assert.Equal("subsidised_trainings,补贴性职业技能培训,人次,乐山市,2021–2025,期间累计,10000,,10000,100.0,9000.5,是,6,0,已完成,\"乐山市\"\"十四五\"\"就业促进规划, 第三章\"", lines[1]);
        Assert.Equal("migrant_worker_trainings,农民工补贴性职业技能培训,人次,乐山市,2021–2025,期间累计,8000,,4000,50.0,7200.25,否,6,666.67,滞后,规划", lines[2]);
        Assert.Equal("returnee_founders,返乡创业人数,人,乐山市,2021–2025,含基数累计,40000,10000,30000,75.0,25000,是,6,1666.67,进度正常,规划", lines[3]);
        // Not recorded: no actual, percentage or need; the source that looks like a formula is made text.
        Assert.Equal("return_home_parks,市级返乡创业园,个,乐山市,2021–2025,期间累计,12,,,,10.8,—,6,,平台未统计,'=1+1", lines[4]);
        Assert.Equal(Source, ParseCsvLine(lines[1])[15]);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\r", "\"cr\r\"")]
    public void A_csv_field_is_quoted_only_when_it_needs_to_be(string value, string expected) => Assert.Equal(expected, ProgressCsv.Quote(value));

    [Fact]
    public void A_report_without_rows_is_the_header_line_alone()
    {
        var text = ProgressCsv.WriteText(Report with { Rows = [] });

        Assert.Equal(string.Join(',', Headers) + "\r\n", text);
    }

    // ---- Workbook ----

    [Fact]
    public void The_workbook_has_a_sheet_named_进度_with_the_title_and_the_Chinese_headers()
    {
        using var document = Open(ProgressWorkbook.Write(Report));
        var (sheet, rows) = Sheet(document);

        Assert.Empty(new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken));
        Assert.Equal("进度", Assert.Single(document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>()).Name!.Value);
        var title = Text(rows[1]["A"]);
        Assert.Contains("乐山市", title, StringComparison.Ordinal);
        Assert.Contains("2025-06-30", title, StringComparison.Ordinal);
        Assert.Equal(Headers, Enumerable.Range(1, 16).Select(i => Text(rows[2][ProgressWorkbook.ColumnName(i)])));
        Assert.Equal(6, rows.Count);
        Assert.Equal(Source, Text(rows[3]["P"]));
        Assert.Equal("平台未统计", Text(rows[6]["O"]));
        Assert.Equal("—", Text(rows[6]["L"]));
        Assert.NotNull(sheet.GetFirstChild<MergeCells>());
    }

    [Fact]
    public void The_workbook_stores_numbers_as_numbers_the_percentage_with_one_decimal()
    {
        using var document = Open(ProgressWorkbook.Write(Report));
        var (_, rows) = Sheet(document);
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;

        Assert.Equal(10_000m, Number(rows[3]["G"]));
        Assert.Equal(10_000m, Number(rows[3]["I"]));
        Assert.Equal(100.0m, Number(rows[3]["J"]));
        Assert.Equal(9_000.5m, Number(rows[3]["K"]));
        Assert.Equal(6m, Number(rows[3]["M"]));
        Assert.Equal(50.0m, Number(rows[4]["J"]));
        Assert.Equal(666.67m, Number(rows[4]["N"]));
        Assert.Equal(10_000m, Number(rows[5]["H"])); // the cumulative target's baseline
        Assert.Equal(75.0m, Number(rows[5]["J"]));
        Assert.Null(rows[3]["H"].CellValue); // a period total has no baseline
        Assert.Null(rows[6]["I"].CellValue); // not recorded: no actual
        Assert.Null(rows[6]["J"].CellValue);
        Assert.Equal(12m, Number(rows[6]["G"]));
        Assert.Equal("0.0", FormatCode(stylesheet, rows[4]["J"]));
        Assert.Equal("#,##0.00", FormatCode(stylesheet, rows[4]["N"]));
        Assert.Equal("#,##0", FormatCode(stylesheet, rows[4]["G"]));
    }

    [Fact]
    public void The_workbook_header_is_bold_and_frozen_and_the_columns_have_widths()
    {
        using var document = Open(ProgressWorkbook.Write(Report));
        var (sheet, rows) = Sheet(document);
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;

        var headerFormat = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)rows[2]["A"].StyleIndex!.Value);
        var headerFont = stylesheet.Fonts!.Elements<Font>().ElementAt((int)headerFormat.FontId!.Value);
        Assert.NotNull(headerFont.Bold);
        var pane = sheet.GetFirstChild<SheetViews>()!.GetFirstChild<SheetView>()!.GetFirstChild<Pane>()!;
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(2d, pane.VerticalSplit!.Value);
        Assert.Equal("A3", pane.TopLeftCell!.Value);
        var columns = sheet.GetFirstChild<Columns>()!.Elements<Column>().ToArray();
        Assert.Equal(16, columns.Length);
        Assert.All(columns, c => Assert.True(c.CustomWidth!.Value && c.Width!.Value >= 6));
    }

    [Theory]
    [InlineData(1, "A")]
    [InlineData(16, "P")]
    [InlineData(26, "Z")]
    [InlineData(27, "AA")]
    [InlineData(53, "BA")]
    public void Column_letters(int column, string name) => Assert.Equal(name, ProgressWorkbook.ColumnName(column));

    // ---- Chart layout and SVG ----

    [Fact]
    public void The_chart_has_one_bar_per_row_its_length_the_percentage_and_its_colour_the_status()
    {
        var bars = Bars(ProgressChart.Build(Report));

        Assert.Equal(["subsidised_trainings", "migrant_worker_trainings", "returnee_founders", "return_home_parks"], bars.Select(b => b.Key));
        Assert.Equal([580d, 290d, 435d, 580d], bars.Select(b => b.Width));
        Assert.Equal([ChartColors.Completed, ChartColors.Behind, ChartColors.OnTrack, ChartColors.NotRecorded], bars.Select(b => b.Fill));
        Assert.All(bars, b => Assert.Equal(ProgressChart.PlotLeft, b.X));
    }

    [Fact]
    public void A_bar_beyond_100_percent_stops_at_the_right_edge_with_its_number_written()
    {
        var over = Completed with { Actual = 13_250m, Percent = 132.5m };
        var layout = ProgressChart.Build(Report with { Rows = [over] });

        Assert.Equal(ProgressChart.PlotWidth, Assert.Single(Bars(layout)).Width);
        var value = Assert.Single(layout.Shapes.OfType<ChartText>(), t => t.Kind == ChartKinds.Value);
        Assert.Equal("132.5%", value.Content);
        Assert.True(value.X > ProgressChart.PlotLeft + ProgressChart.PlotWidth);
    }

    [Fact]
    public void The_pace_marker_stands_at_expected_divided_by_target()
    {
        var markers = ProgressChart.Build(Report).Shapes.OfType<ChartLine>().Where(l => l.Kind == ChartKinds.Pace).ToDictionary(l => l.Key!);

        // 9,000.50 ÷ 10,000 = 90.005 % → 522.03 px → 522; 7,200.25 ÷ 8,000 = 90.003 % → 522; 25,000 ÷ 40,000 = 62.5 % → 362.5 → 363; 10.8 ÷ 12 = 90 % → 522.
        Assert.Equal(ProgressChart.PlotLeft + 522d, markers["subsidised_trainings"].X1);
        Assert.Equal(ProgressChart.PlotLeft + 522d, markers["migrant_worker_trainings"].X1);
        Assert.Equal(ProgressChart.PlotLeft + 363d, markers["returnee_founders"].X1);
        Assert.Equal(ProgressChart.PlotLeft + 522d, markers["return_home_parks"].X1);
    }

    [Fact]
    public void The_svg_parses_as_XML_with_one_bar_rect_per_row_proportional_to_its_percentage()
    {
        var svg = XDocument.Parse(ChartSvg.Write(ProgressChart.Build(Report)));
        XNamespace ns = ChartSvg.Namespace;

        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Contains("Noto Sans CJK SC", (string?)svg.Root.Attribute("font-family"), StringComparison.Ordinal);
        Assert.EndsWith("sans-serif", (string?)svg.Root.Attribute("font-family"), StringComparison.Ordinal);
        var bars = svg.Descendants(ns + "rect").Where(r => (string?)r.Attribute("class") == "bar").ToArray();
        Assert.Equal(4, bars.Length);
        var widths = bars.ToDictionary(b => (string)b.Attribute("data-code")!, b => double.Parse((string)b.Attribute("width")!, CultureInfo.InvariantCulture));
        var full = widths["subsidised_trainings"];
        Assert.Equal(ProgressChart.PlotWidth, full);
        Assert.Equal(full * 0.50, widths["migrant_worker_trainings"], 0.5);
        Assert.Equal(full * 0.75, widths["returnee_founders"], 0.5);
        Assert.Equal([ChartColors.Completed, ChartColors.Behind, ChartColors.OnTrack, ChartColors.NotRecorded], bars.Select(b => (string?)b.Attribute("fill")));
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToArray();
        Assert.Contains("补贴性职业技能培训", texts);
        Assert.Contains("50.0%", texts);
        Assert.Contains("75.0%", texts);
        Assert.Contains("平台未统计", texts);
        Assert.Contains(texts, t => t.Contains("乐山市", StringComparison.Ordinal) && t.Contains("2025-06-30", StringComparison.Ordinal));
        Assert.Equal(4, svg.Descendants(ns + "line").Count(l => (string?)l.Attribute("class") == "pace"));
    }

    [Fact]
    public void The_svg_escapes_text_and_drops_what_XML_cannot_hold()
    {
        var odd = Behind with { NameZh = "<b>&\"培训\"</b>\u0001" };
        var svg = XDocument.Parse(ChartSvg.Write(ProgressChart.Build(Report with { RegionName = "A&B<市>", Rows = [odd] })));

        var texts = svg.Descendants(XName.Get("text", ChartSvg.Namespace)).Select(t => t.Value).ToArray();
        Assert.Contains("<b>&\"培训\"</b>", texts);
        Assert.Contains(texts, t => t.StartsWith("A&B<市>", StringComparison.Ordinal));
    }

    // ---- PNG, checked by pixels ----

    [Fact]
    public void The_png_bars_have_coloured_lengths_proportional_to_their_percentages()
    {
        var layout = ProgressChart.Build(Report);
        using var bitmap = SKBitmap.Decode(ChartPng.Render(layout));

        Assert.Equal(layout.Width, bitmap.Width);
        Assert.Equal(layout.Height, bitmap.Height);
        var full = ColouredLength(bitmap, 0, ChartColors.Completed);
        var half = ColouredLength(bitmap, 1, ChartColors.Behind);
        var threeQuarters = ColouredLength(bitmap, 2, ChartColors.OnTrack);
        Assert.InRange(full, ProgressChart.PlotWidth - 2, ProgressChart.PlotWidth + 2);
        Assert.InRange(half, (full / 2) - 2, (full / 2) + 2);
        Assert.InRange(threeQuarters, (full * 3 / 4) - 2, (full * 3 / 4) + 2);
    }

    [Fact]
    public void The_png_colours_follow_the_status_and_the_pace_marker_is_drawn()
    {
        var layout = ProgressChart.Build(Report);
        using var bitmap = SKBitmap.Decode(ChartPng.Render(layout));

        Assert.Equal(SKColor.Parse(ChartColors.Completed), Pixel(bitmap, 0, 4));
        Assert.Equal(SKColor.Parse(ChartColors.Behind), Pixel(bitmap, 1, 4));
        Assert.Equal(SKColor.Parse(ChartColors.OnTrack), Pixel(bitmap, 2, 4));
        Assert.Equal(SKColor.Parse(ChartColors.NotRecorded), Pixel(bitmap, 3, 4));
        Assert.Equal(SKColor.Parse(ChartColors.NotRecorded), Pixel(bitmap, 3, ProgressChart.PlotWidth - 4));

        // Behind: past the bar's end (50 %) the row is the background until the marker at 90 %.
        Assert.Equal(SKColors.White, Pixel(bitmap, 1, 400));
        Assert.Contains(Enumerable.Range(520, 4), x => Pixel(bitmap, 1, x) == SKColor.Parse(ChartColors.Pace));

        // The colours of one status appear in no other row.
        Assert.Equal(0, ColouredLength(bitmap, 1, ChartColors.Completed));
        Assert.Equal(0, ColouredLength(bitmap, 0, ChartColors.Behind));
        Assert.Equal(0, ColouredLength(bitmap, 3, ChartColors.OnTrack));
    }

    [Fact]
    public void A_chart_without_rows_still_renders()
    {
        var layout = ProgressChart.Build(Report with { Rows = [] });

        using var bitmap = SKBitmap.Decode(ChartPng.Render(layout));
        Assert.Equal(layout.Height, bitmap.Height);
        Assert.DoesNotContain(XDocument.Parse(ChartSvg.Write(layout)).Descendants(XName.Get("rect", ChartSvg.Namespace)), r => (string?)r.Attribute("class") == "bar");
    }

    private static ChartRect[] Bars(ChartLayout layout) => layout.Shapes.OfType<ChartRect>().Where(r => r.Kind == ChartKinds.Bar).ToArray();

    /// <summary>The pixel <paramref name="offset"/> pixels right of 0 % in the middle of row <paramref name="row"/>'s bar.</summary>
    private static SKColor Pixel(SKBitmap bitmap, int row, int offset) =>
        bitmap.GetPixel(ProgressChart.PlotLeft + offset, ProgressChart.BarTop(row) + (ProgressChart.BarHeight / 2));

    /// <summary>From 0 % to the rightmost pixel of <paramref name="color"/> in the middle of the row's bar (0 when there is none).</summary>
    private static int ColouredLength(SKBitmap bitmap, int row, string color)
    {
        var target = SKColor.Parse(color);
        var y = ProgressChart.BarTop(row) + (ProgressChart.BarHeight / 2);
        for (var x = bitmap.Width - 1; x >= ProgressChart.PlotLeft; x--)
        {
            if (bitmap.GetPixel(x, y) == target)
            {
                return x - ProgressChart.PlotLeft + 1;
            }
        }

        return 0;
    }

    private static SpreadsheetDocument Open(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    /// <summary>The worksheet and its cells by row number and column letters.</summary>
    private static (Worksheet Sheet, Dictionary<uint, Dictionary<string, Cell>> Rows) Sheet(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == ProgressWorkbook.SheetName);
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet;
        var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToDictionary(
            r => r.RowIndex!.Value,
            r => r.Elements<Cell>().ToDictionary(c => c.CellReference!.Value!.TrimEnd("0123456789".ToCharArray()), StringComparer.Ordinal));
        return (worksheet, rows);
    }

    private static string Text(Cell cell)
    {
        Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
        return cell.InlineString!.Text!.Text;
    }

    private static decimal Number(Cell cell)
    {
        Assert.Equal(CellValues.Number, cell.DataType!.Value);
        return decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string FormatCode(Stylesheet stylesheet, Cell cell)
    {
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
        var id = format.NumberFormatId!.Value;
        return id switch
        {
            3 => "#,##0",
            4 => "#,##0.00",
            _ => stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == id).FormatCode!.Value!,
        };
    }

    /// <summary>The fields of one CSV line as RFC 4180 reads them.</summary>
    private static List<string> ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
