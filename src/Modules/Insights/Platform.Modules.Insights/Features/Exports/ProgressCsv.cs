using System.Text;
using Platform.Modules.Insights.Domain;

namespace Platform.Modules.Insights.Features.Exports;

/// <summary>
/// The progress table as CSV: UTF-8 with a byte-order mark (so Excel opens the Chinese correctly), the
/// header line first, CRLF line ends and RFC 4180 quoting. A text cell that a spreadsheet would take for a
/// formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) is prefixed with
/// an apostrophe; numbers are written invariant, without grouping.
/// </summary>
internal static class ProgressCsv
{
    public const string ContentType = "text/csv";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The file's bytes, the byte-order mark included.</summary>
    public static byte[] Write(ProgressReport report)
    {
        var text = WriteText(report);
        var preamble = Utf8WithBom.GetPreamble();
        var bytes = new byte[preamble.Length + Utf8WithBom.GetByteCount(text)];
        preamble.CopyTo(bytes, 0);
        Utf8WithBom.GetBytes(text, 0, text.Length, bytes, preamble.Length);
        return bytes;
    }

    /// <summary>The file's text, without the byte-order mark.</summary>
    public static string WriteText(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var columns = ProgressTable.Columns;
        var csv = new StringBuilder();
        AppendLine(csv, columns.Select(c => Quote(c.Header)));
        foreach (var row in report.Rows)
        {
            AppendLine(csv, columns.Select(c => Field(c, c.Value(report, row))));
        }

        return csv.ToString();
    }

    /// <summary>A field quoted as RFC 4180 says: in double quotes, doubled inside, when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Field(ProgressColumn column, ProgressCell cell) => column.Kind switch
    {
        ProgressCellKind.Text => Quote(Defuse(cell.Text ?? "")),
        _ => cell.Number is { } number ? ProgressTable.Format(number, column.Kind) : "",
    };

    /// <summary>Text a spreadsheet would run as a formula, made plain text.</summary>
    private static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static void AppendLine(StringBuilder csv, IEnumerable<string> fields) => csv.AppendJoin(',', fields).Append("\r\n");
}
