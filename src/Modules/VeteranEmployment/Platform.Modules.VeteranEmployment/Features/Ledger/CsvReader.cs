using System.Text;

namespace Platform.Modules.VeteranEmployment.Features.Ledger;

/// <summary>
/// Reads RFC 4180 CSV: fields separated by commas, optionally in double quotes (a quote inside doubled),
/// records ending in CRLF or LF, a UTF-8 byte order mark ignored. Yields each record with its line
/// number (of its first line) so errors can point at it. A quoted field never closed is a
/// <see cref="FormatException"/>.
/// </summary>
internal static class CsvReader
{
    public static async IAsyncEnumerable<(int Line, IReadOnlyList<string> Fields)> ReadAsync(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var atFieldStart = true;
        var any = false;
        var buffer = new char[8192];
        int read;
        char? pending = null;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (pending == '"')
                {
                    pending = null;
                    if (c == '"')
                    {
                        field.Append('"');
                        continue;
                    }

                    quoted = false;
                }

                if (quoted)
                {
                    if (c == '"')
                    {
                        pending = '"';
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    continue;
                }

                switch (c)
                {
                    case '"' when atFieldStart:
                        quoted = true;
                        atFieldStart = false;
                        any = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        atFieldStart = true;
                        any = true;
                        break;
                    case '\r':
                        break;
                    case '\n':
                        if (any || field.Length > 0)
                        {
                            fields.Add(field.ToString());
                            yield return (recordLine, fields.ToArray());
                        }

                        fields.Clear();
                        field.Clear();
                        atFieldStart = true;
                        any = false;
                        line++;
                        recordLine = line;
                        break;
                    case '\uFEFF' when line == 1 && fields.Count == 0 && field.Length == 0:
                        break;
                    default:
                        field.Append(c);
                        atFieldStart = false;
                        any = true;
                        break;
                }
            }
        }

        if (quoted && pending is null)
        {
            throw new FormatException($"a quoted field opened on line {recordLine} is never closed.");
        }

        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields.ToArray());
        }
    }
}
