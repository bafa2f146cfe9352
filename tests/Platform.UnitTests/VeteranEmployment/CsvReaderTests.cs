using Platform.Modules.VeteranEmployment.Features.Ledger;

namespace Platform.UnitTests.VeteranEmployment;

/// <summary>The RFC 4180 reader of the ledger import: fields, quotes, line endings and the line number of each record.</summary>
public sealed class CsvReaderTests
{
    [Fact]
    public async Task Plain_rows_are_split_at_commas()
    {
        var records = await ReadAsync("a,b,c\n1,2,3\n");

        Assert.Equal([(1, "a|b|c"), (2, "1|2|3")], records);
    }

    [Fact]
    public async Task A_quoted_field_may_hold_commas()
    {
        var records = await ReadAsync("id,note\n1,\"乐山, 市中区\"\n");

        Assert.Equal([(1, "id|note"), (2, "1|乐山, 市中区")], records);
    }

    [Fact]
    public async Task A_doubled_quote_inside_quotes_is_one_quote()
    {
        var records = await ReadAsync("1,\"He said \"\"hi\"\"\",x\n\"\"\"\",\"\"\n");

        Assert.Equal([(1, "1|He said \"hi\"|x"), (2, "\"|")], records);
    }

    [Fact]
    public async Task A_newline_inside_quotes_is_part_of_the_field_and_records_keep_their_first_line_number()
    {
        var records = await ReadAsync("h1,h2\n1,\"line one\nline two\nline three\"\n2,plain\n3,\"x\r\ny\"\n4,z\n");

        Assert.Equal(
            [(1, "h1|h2"), (2, "1|line one\nline two\nline three"), (5, "2|plain"), (6, "3|x\r\ny"), (8, "4|z")],
            records);
    }

    [Fact]
    public async Task Records_may_end_in_CRLF_or_LF()
    {
        var crlf = await ReadAsync("a,b\r\n1,2\r\n3,4\r\n");
        var lf = await ReadAsync("a,b\n1,2\n3,4\n");
        var mixed = await ReadAsync("a,b\r\n1,2\n3,4\r\n");

        (int, string)[] expected = [(1, "a|b"), (2, "1|2"), (3, "3|4")];
        Assert.Equal(expected, crlf);
        Assert.Equal(expected, lf);
        Assert.Equal(expected, mixed);
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_ignored()
    {
        var records = await ReadAsync("\uFEFFveteranId,status\n1,Employed\n");

        Assert.Equal([(1, "veteranId|status"), (2, "1|Employed")], records);
        Assert.Equal("veteranId", (await ReadFieldsAsync("\uFEFFveteranId,status\n"))[0][0]);
    }

    [Fact]
    public async Task A_byte_order_mark_read_from_utf8_bytes_is_ignored()
    {
        var bytes = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes("a,b\n1,2\n")).ToArray();
        using var reader = new StreamReader(new MemoryStream(bytes), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: false);

        var records = new List<(int, string)>();
        await foreach (var (line, fields) in CsvReader.ReadAsync(reader))
        {
            records.Add((line, string.Join('|', fields)));
        }

        Assert.Equal([(1, "a|b"), (2, "1|2")], records);
    }

    [Fact]
    public async Task A_byte_order_mark_after_the_start_is_kept()
    {
        var fields = await ReadFieldsAsync("a,\uFEFFb\n");

        Assert.Equal(["a", "\uFEFFb"], fields[0]);
    }

    [Fact]
    public async Task An_empty_trailing_line_adds_no_record()
    {
        Assert.Equal([(1, "a|b"), (2, "1|2")], await ReadAsync("a,b\n1,2\n\n"));
        Assert.Equal([(1, "a|b"), (2, "1|2")], await ReadAsync("a,b\r\n1,2\r\n\r\n"));
    }

    [Fact]
    public async Task Blank_lines_between_records_are_skipped_and_line_numbers_still_count_them()
    {
        Assert.Equal([(1, "a|b"), (3, "1|2")], await ReadAsync("a,b\n\n1,2\n"));
    }

    [Fact]
    public async Task Empty_fields_are_empty_strings()
    {
        var fields = await ReadFieldsAsync("a,,c\n,,\n\"\",x,\n,\n");

        Assert.Equal(4, fields.Count);
        Assert.Equal(["a", "", "c"], fields[0]);
        Assert.Equal(["", "", ""], fields[1]);
        Assert.Equal(["", "x", ""], fields[2]);
        Assert.Equal(["", ""], fields[3]);
    }

    [Fact]
    public async Task A_line_holding_only_an_empty_quoted_field_is_a_record()
    {
        var fields = await ReadFieldsAsync("\"\"\nx\n");

        Assert.Equal(2, fields.Count);
        Assert.Equal([""], fields[0]);
    }

    [Fact]
    public async Task The_last_record_needs_no_newline()
    {
        Assert.Equal([(1, "a|b"), (2, "1|2")], await ReadAsync("a,b\n1,2"));
        Assert.Equal([(1, "a|b"), (2, "1|")], await ReadAsync("a,b\n1,"));
        Assert.Equal([(1, "a|b"), (2, "1|x,y")], await ReadAsync("a,b\n1,\"x,y\""));
    }

    [Fact]
    public async Task Nothing_is_no_record()
    {
        Assert.Empty(await ReadAsync(""));
        Assert.Empty(await ReadAsync("\n"));
        Assert.Empty(await ReadAsync("\uFEFF"));
    }

    [Fact]
    public async Task Records_are_read_across_buffer_boundaries()
    {
        // The reader fills 8,192 characters at a time: a doubled quote spans the first boundary, a CRLF the second.
        var filler = new string('x', 8_190);
        var csv = $"\"{filler}\"\"\",b\r\n\"{new string('y', 8_183)}\"\r\nlast,1\n";
        Assert.Equal(('\r', '\n'), (csv[16_383], csv[16_384]));

        var fields = await ReadFieldsAsync(csv);

        Assert.Equal(3, fields.Count);
        Assert.Equal([filler + "\"", "b"], fields[0]);
        Assert.Equal([new string('y', 8_183)], fields[1]);
        Assert.Equal(["last", "1"], fields[2]);
    }

    [Fact]
    public async Task Quoted_fields_keep_spaces_and_unquoted_fields_are_not_trimmed()
    {
        var fields = await ReadFieldsAsync(" a , \" b \"\n\" c \",d\n");

        Assert.Equal([" a ", " \" b \""], fields[0]);
        Assert.Equal([" c ", "d"], fields[1]);
    }

    [Fact]
    public async Task A_null_reader_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(async () =>
        {
            await foreach (var unused in CsvReader.ReadAsync(null!))
            {
            }
        });
    }

    private static async Task<List<(int Line, string Joined)>> ReadAsync(string csv)
    {
        var records = new List<(int, string)>();
        using var reader = new StringReader(csv);
        await foreach (var (line, fields) in CsvReader.ReadAsync(reader))
        {
            records.Add((line, string.Join('|', fields)));
        }

        return records;
    }

    private static async Task<List<IReadOnlyList<string>>> ReadFieldsAsync(string csv)
    {
        var records = new List<IReadOnlyList<string>>();
        using var reader = new StringReader(csv);
        await foreach (var (_, fields) in CsvReader.ReadAsync(reader))
        {
            records.Add(fields);
        }

        return records;
    }
}
