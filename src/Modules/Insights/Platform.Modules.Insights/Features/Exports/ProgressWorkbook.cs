using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Platform.Modules.Insights.Domain;

namespace Platform.Modules.Insights.Features.Exports;

/// <summary>
/// The progress table as an Excel workbook (Open XML): one worksheet 进度 with a title row (region and
/// day) over a bold header row that stays in view when scrolling, numbers stored as numbers (whole
/// numbers with grouping, others with two decimals, the percentage with one), and column widths set.
/// </summary>
internal static class ProgressWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string SheetName = "进度";

    /// <summary>The row of the title (1-based).</summary>
    public const int TitleRow = 1;

    /// <summary>The row of the headers (1-based); the rows of the table follow it.</summary>
    public const int HeaderRow = 2;

    private const uint TitleStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint WholeNumberStyle = 3;
    private const uint DecimalStyle = 4;
    private const uint PercentStyle = 5;
    private const uint TextStyle = 6;

    /// <summary>The workbook's bytes.</summary>
    public static byte[] Write(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = ProgressTable.Title(report);
            document.PackageProperties.Creator = "Chuanyu Employment Programs Platform";
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = Sheet(report);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1U, Name = SheetName }));
        }

        return stream.ToArray();
    }

    /// <summary>The column's letters: A for 1, P for 16, AA for 27.</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static Worksheet Sheet(ProgressReport report)
    {
        var columns = ProgressTable.Columns;
        var lastColumn = ColumnName(columns.Count);
        var data = new SheetData();
        data.AppendChild(new Row(TextCell(1, TitleRow, ProgressTable.Title(report), TitleStyle)) { RowIndex = TitleRow, Height = 24, CustomHeight = true });
        data.AppendChild(new Row(columns.Select((c, i) => TextCell(i + 1, HeaderRow, c.Header, HeaderStyle))) { RowIndex = HeaderRow, Height = 30, CustomHeight = true });
        var index = (uint)HeaderRow;
        foreach (var row in report.Rows)
        {
            index++;
            var rowIndex = index;
            data.AppendChild(new Row(columns.Select((c, i) => Cell(c, c.Value(report, row), i + 1, rowIndex))) { RowIndex = rowIndex });
        }

        var frozen = new Pane
        {
            VerticalSplit = HeaderRow,
            TopLeftCell = $"A{HeaderRow + 1}",
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        };
        var view = new SheetView(frozen, new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{HeaderRow + 1}", SequenceOfReferences = new ListValue<StringValue>([$"A{HeaderRow + 1}"]) })
        {
            TabSelected = true,
            WorkbookViewId = 0U,
        };
        var widths = new Columns(columns.Select((c, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true }));
        return new Worksheet(
            new SheetDimension { Reference = $"A{TitleRow}:{lastColumn}{Math.Max(index, HeaderRow)}" },
            new SheetViews(view),
            new SheetFormatProperties { DefaultRowHeight = 16 },
            widths,
            data,
            new MergeCells(new MergeCell { Reference = $"A{TitleRow}:{lastColumn}{TitleRow}" }) { Count = 1U });
    }

    private static Cell Cell(ProgressColumn column, ProgressCell value, int columnIndex, uint rowIndex)
    {
        if (column.Kind == ProgressCellKind.Text)
        {
            return TextCell(columnIndex, rowIndex, value.Text ?? "", TextStyle);
        }

        var cell = new Cell { CellReference = Reference(columnIndex, rowIndex), StyleIndex = WholeNumberStyle };
        if (value.Number is not { } number)
        {
            return cell;
        }

        cell.DataType = CellValues.Number;
        cell.CellValue = new CellValue(number);
        cell.StyleIndex = column.Kind == ProgressCellKind.Percent ? PercentStyle : decimal.Truncate(number) == number ? WholeNumberStyle : DecimalStyle;
        return cell;
    }

    private static Cell TextCell(int columnIndex, uint rowIndex, string text, uint style) => new(new InlineString(new Text(XmlText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve }))
    {
        CellReference = Reference(columnIndex, rowIndex),
        DataType = CellValues.InlineString,
        StyleIndex = style,
    };

    private static string Reference(int columnIndex, uint rowIndex) => ColumnName(columnIndex) + rowIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The styles: 0 default, 1 title (bold, larger), 2 header (bold on grey, centred, wrapped), 3 whole
    /// number <c>#,##0</c>, 4 decimal <c>#,##0.00</c>, 5 percent <c>0.0</c>, 6 text.
    /// </summary>
    private static Stylesheet Styles()
    {
        const uint percentFormat = 164;
        const string fontName = "等线";
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = percentFormat, FormatCode = "0.0" }) { Count = 1U },
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = fontName }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = fontName }),
                new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = fontName }))
            { Count = 3U },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE7ECF3" }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid }))
            { Count = 3U },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(
                    new LeftBorder { Style = BorderStyleValues.Thin },
                    new RightBorder { Style = BorderStyleValues.Thin },
                    new TopBorder { Style = BorderStyleValues.Thin },
                    new BottomBorder { Style = BorderStyleValues.Thin },
                    new DiagonalBorder()))
            { Count = 2U },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
            new CellFormats(
                new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
                new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center }) { FontId = 2U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true, ApplyAlignment = true },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
                { FontId = 1U, FillId = 2U, BorderId = 1U, FormatId = 0U, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat { NumberFormatId = 3U, FontId = 0U, FillId = 0U, BorderId = 1U, FormatId = 0U, ApplyNumberFormat = true, ApplyBorder = true },
                new CellFormat { NumberFormatId = 4U, FontId = 0U, FillId = 0U, BorderId = 1U, FormatId = 0U, ApplyNumberFormat = true, ApplyBorder = true },
                new CellFormat { NumberFormatId = percentFormat, FontId = 0U, FillId = 0U, BorderId = 1U, FormatId = 0U, ApplyNumberFormat = true, ApplyBorder = true },
                new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center, WrapText = true }) { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 1U, FormatId = 0U, ApplyBorder = true, ApplyAlignment = true })
            { Count = 7U },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
    }
}
