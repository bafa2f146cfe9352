using System.Globalization;
using System.Net;
using System.Text;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Kit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;

namespace Platform.IntegrationTests.VeteranEmployment;

/// <summary>
/// The CSV import of ledger updates: good rows applied, each bad row reported with its line, column and
/// code and nothing of it applied; RFC 4180 quoting, CRLF, a byte order mark, columns in any order; a
/// refused header; a 2,000-row file; and a retry with the same Idempotency-Key replayed.
/// </summary>
public sealed class VeteranImportTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string Header = "identityNumber,effectiveOn,status,employerCode,position,contractMonths,socialInsurance,businessName,note";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Good_rows_are_applied_and_each_bad_row_is_reported_with_its_line_column_and_code_and_not_applied(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-import-officer");
        var a = Kit.NewIdNumber();
        var b = Kit.NewIdNumber();
        var c = Kit.NewIdNumber();
        var unregistered = Kit.NewIdNumber();
        var veteranA = await Kit.RegisterIdAsync(op, a, dischargedOn: new DateOnly(2022, 9, 1));
        var veteranB = await Kit.RegisterIdAsync(op, b, dischargedOn: new DateOnly(2022, 9, 1));
        var veteranC = await Kit.RegisterIdAsync(chongqing, c, region: Kit.ChongqingDistrict, dischargedOn: new DateOnly(2022, 9, 1));
        var employer = Kit.NewCreditCode();
        var future = Kit.Day(Kit.ChinaToday.AddDays(1));
        var csv = string.Join('\n',
            Header,
            $"{a},2024-02-01,SeekingWork,,,,,,",                 // 2 good
            $"{b},2024-02-30,SeekingWork,,,,,,",                 // 3 no such day
            $"{b},2024-03-01,Retired,,,,,,",                     // 4 unknown status
            $"{b},2024-03-01,Employed,,司机,12,true,,",           // 5 employed without employer
            $"{c},2024-03-01,SeekingWork,,,,,,",                 // 6 a veteran of another region
            $"{unregistered},2024-03-01,SeekingWork,,,,,,",      // 7 not a registered veteran
            $"{b},2020-01-01,SeekingWork,,,,,,",                 // 8 before the discharge
            $"{a},2024-06-01,Employed,{employer},司机,24,true,,", // 9 good
            $"{Kit.WithWrongCheckCharacter(b)},2024-03-01,SeekingWork,,,,,,", // 10 not an identity number
            $"{b},{future},SeekingWork,,,,,,",                   // 11 after today
            $"{b},2024-03-01,InTraining,,,,,,",                  // 12 good
            $"{b},2024-04-01,Employed,{employer},司机,twelve,true,,"); // 13 contract months not a number

        var report = await Kit.ImportOkAsync(op, csv);

        Assert.Equal(12, report.GetProperty("rows").GetInt32());
        Assert.Equal(3, report.GetProperty("applied").GetInt32());
        Assert.Equal(9, report.GetProperty("failed").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal(errors.Select(e => e.GetProperty("line").GetInt32()).Order(), errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("message").GetString())));
        var byLine = errors.GroupBy(e => e.GetProperty("line").GetInt32())
            .ToDictionary(g => g.Key, g => g.Select(e => (Field: Kit.IsAbsent(e, "field") ? null : e.GetProperty("field").GetString(), Code: e.GetProperty("code").GetString())).Distinct().ToArray());
        Assert.Equal([3, 4, 5, 6, 7, 8, 10, 11, 13], byLine.Keys.Order());
        Assert.Equal([("effectiveOn", Kit.ValidationFailed)], byLine[3]);
        Assert.Equal([("status", Kit.ValidationFailed)], byLine[4]);
        Assert.Equal([("employerCode", Kit.ValidationFailed)], byLine[5]);
        Assert.Equal([("identityNumber", "veterans.veteran_not_found")], byLine[6]);
        Assert.Equal([("identityNumber", "veterans.veteran_not_found")], byLine[7]);
        Assert.Equal([((string?)null, "veterans.status_before_discharge")], byLine[8]);
        Assert.Equal([("identityNumber", Kit.ValidationFailed)], byLine[10]);
        Assert.Equal([("effectiveOn", Kit.ValidationFailed)], byLine[11]);
        Assert.Equal([("contractMonths", Kit.ValidationFailed)], byLine[13]);

        // Only the good rows are on the ledgers, marked as imported.
        var ledgerA = (await Kit.LedgerAsync(op, veteranA)).GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(["SeekingWork", "Employed"], ledgerA.Select(e => e.GetProperty("status").GetString()));
        Assert.All(ledgerA, e => Assert.Equal("Import", e.GetProperty("source").GetString()));
        Assert.Equal(employer, ledgerA[1].GetProperty("employerCode").GetString());
        Assert.Equal(24, ledgerA[1].GetProperty("contractMonths").GetInt32());
        var ledgerB = (await Kit.LedgerAsync(op, veteranB)).GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(["InTraining"], ledgerB.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal(0, (await Kit.LedgerAsync(chongqing, veteranC)).GetProperty("entries").GetArrayLength());
        Assert.Equal("Employed", (await Kit.GetOkAsync(op, $"/veterans/{veteranA}")).GetProperty("currentStatus").GetString());
        Assert.Equal("InTraining", (await Kit.GetOkAsync(op, $"/veterans/{veteranB}")).GetProperty("currentStatus").GetString());
    }

    [Fact]
    public async Task Quoted_fields_keep_their_commas_doubled_quotes_and_line_breaks_and_later_lines_are_numbered_from_the_file()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var a = Kit.NewIdNumber();
        var b = Kit.NewIdNumber();
        var veteranA = await Kit.RegisterIdAsync(op, a);
        var veteranB = await Kit.RegisterIdAsync(op, b);
        var employer = Kit.NewCreditCode();
        var csv = Header + "\n"
            + $"{a},2024-05-01,Employed,{employer},\"司机, \"\"高级\"\"\",12,true,,\"备注，含逗号, and \"\"quotes\"\"\"\n" // 2
            + $"\"{b}\",\"2024-05-01\",\"SelfEmployed\",,,,,\"老兵\"\"川味\"\"饭店, 乐山\",\"第一行\n第二行\"\n"          // 3–4
            + $"{b},2024-06-01,Unknown,,,,,,\n";                                                                              // 5

        var report = await Kit.ImportOkAsync(op, csv);

        Assert.Equal(3, report.GetProperty("rows").GetInt32());
        Assert.Equal(2, report.GetProperty("applied").GetInt32());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(5, error.GetProperty("line").GetInt32());
        Assert.Equal("status", error.GetProperty("field").GetString());
        var employed = Assert.Single((await Kit.LedgerAsync(op, veteranA)).GetProperty("entries").EnumerateArray());
        Assert.Equal("司机, \"高级\"", employed.GetProperty("position").GetString());
        Assert.Equal("备注，含逗号, and \"quotes\"", employed.GetProperty("note").GetString());
        var business = Assert.Single((await Kit.LedgerAsync(op, veteranB)).GetProperty("entries").EnumerateArray());
        Assert.Equal("老兵\"川味\"饭店, 乐山", business.GetProperty("businessName").GetString());
        Assert.Equal("第一行\n第二行", business.GetProperty("note").GetString());
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task CRLF_line_ends_and_a_byte_order_mark_are_read_like_plain_LF(bool crlf, bool bom)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var a = Kit.NewIdNumber();
        var veteran = await Kit.RegisterIdAsync(op, a);
        var end = crlf ? "\r\n" : "\n";
        var csv = (bom ? "\uFEFF" : "") + "identityNumber,effectiveOn,status" + end
            + $"{a},2024-05-01,SeekingWork{end}"
            + $"{a},2024-05-32,InTraining{end}"
            + $"{a},2024-07-01,InTraining{end}";

        var report = await Kit.ImportOkAsync(op, csv);

        Assert.Equal(3, report.GetProperty("rows").GetInt32());
        Assert.Equal(2, report.GetProperty("applied").GetInt32());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal("effectiveOn", error.GetProperty("field").GetString());
        var ledger = await Kit.LedgerAsync(op, veteran);
        Assert.Equal(["SeekingWork", "InTraining"], ledger.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("status").GetString()));
        Assert.Equal("InTraining", ledger.GetProperty("statusOn").GetString());
    }

    [Theory]
    [InlineData("identityNumber,effectiveOn,status,employer")]
    [InlineData("identityNumber,effectiveOn,status,Status")]
    [InlineData("identityNumber,effectiveOn,employerCode")]
    [InlineData("identityNumber,status")]
    [InlineData("身份证号,生效日期,状态")]
    public async Task A_header_with_an_unknown_a_repeated_or_a_missing_column_is_refused_and_nothing_is_applied(string header)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var a = Kit.NewIdNumber();
        var veteran = await Kit.RegisterIdAsync(op, a);

        using var refused = await Kit.ImportAsync(op, $"{header}\n{a},2024-05-01,SeekingWork,SeekingWork\n");

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "veterans.import_header");
        Assert.Equal(0, (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task A_quoted_field_never_closed_is_refused_and_nothing_is_applied()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var a = Kit.NewIdNumber();
        var veteran = await Kit.RegisterIdAsync(op, a);

        using var refused = await Kit.ImportAsync(op, $"identityNumber,effectiveOn,status,note\n{a},2024-05-01,SeekingWork,ok\n{a},2024-06-01,InTraining,\"never closed\n");

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "veterans.import_malformed");
        Assert.Equal(0, (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("\uFEFF")]
    public async Task An_empty_file_is_refused_as_lacking_the_header(string csv)
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);

        using var refused = await Kit.ImportAsync(op, csv);

        await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "veterans.import_header");
    }

    [Fact]
    public async Task A_header_alone_imports_nothing_and_columns_may_come_in_any_order_and_case()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var a = Kit.NewIdNumber();
        var veteran = await Kit.RegisterIdAsync(op, a);
        var employer = Kit.NewCreditCode();

        var empty = await Kit.ImportOkAsync(op, Header + "\n");
        var report = await Kit.ImportOkAsync(op, $"note, SocialInsurance ,STATUS,contractMonths,employerCode,effectiveOn,IdentityNumber\n入职,true,employed,12,{employer},2024-08-01,{a}\n");

        Assert.Equal(0, empty.GetProperty("rows").GetInt32());
        Assert.Equal(0, empty.GetProperty("applied").GetInt32());
        Assert.Equal(1, report.GetProperty("applied").GetInt32());
        var entry = Assert.Single((await Kit.LedgerAsync(op, veteran)).GetProperty("entries").EnumerateArray());
        Assert.Equal("Employed", entry.GetProperty("status").GetString());
        Assert.Equal("2024-08-01", entry.GetProperty("effectiveOn").GetString());
        Assert.Equal(employer, entry.GetProperty("employerCode").GetString());
        Assert.Equal(12, entry.GetProperty("contractMonths").GetInt32());
        Assert.True(entry.GetProperty("socialInsurance").GetBoolean());
        Assert.Equal("入职", entry.GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_row_may_correct_an_entry_of_its_own_veteran_but_not_one_of_another_veteran()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var a = Kit.NewIdNumber();
        var b = Kit.NewIdNumber();
        var veteranA = await Kit.RegisterIdAsync(op, a);
        var veteranB = await Kit.RegisterIdAsync(op, b);
        var entryA = await Kit.RecordAsync(op, veteranA, Kit.Status(new DateOnly(2024, 5, 1), "SeekingWork"));
        var entryB = await Kit.RecordAsync(op, veteranB, Kit.Status(new DateOnly(2024, 5, 1), "SeekingWork"));

        var report = await Kit.ImportOkAsync(op, "identityNumber,effectiveOn,status,correctsEntryId\n"
            + $"{a},2024-05-01,InTraining,{entryA}\n"
            + $"{a},2024-06-01,InTraining,{entryB}\n"
            + $"{a},2024-07-01,InTraining,not-a-guid\n");

        Assert.Equal(1, report.GetProperty("applied").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal("veterans.corrected_entry_not_found", errors.Single(e => e.GetProperty("line").GetInt32() == 3).GetProperty("code").GetString());
        Assert.Equal("correctsEntryId", errors.Single(e => e.GetProperty("line").GetInt32() == 4).GetProperty("field").GetString());
        var ledger = await Kit.LedgerAsync(op, veteranA, new DateOnly(2024, 5, 1));
        Assert.Equal("InTraining", ledger.GetProperty("statusOn").GetString());
        Assert.Equal(entryA, ledger.GetProperty("entries")[1].GetProperty("correctsEntryId").GetGuid());
        Assert.Equal(1, (await Kit.LedgerAsync(op, veteranB)).GetProperty("entries").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_thousand_rows_are_all_applied_and_the_ledgers_show_them(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var people = Enumerable.Range(0, 20).Select(_ => Kit.NewIdNumber()).ToArray();
        var veterans = new Guid[people.Length];
        for (var i = 0; i < people.Length; i++)
        {
            veterans[i] = await Kit.RegisterIdAsync(op, people[i]);
        }

        var employer = Kit.NewCreditCode();
        var first = new DateOnly(2023, 1, 2);
        string StatusOf(int day) => (day % 4) switch { 0 => "SeekingWork", 1 => "InTraining", 2 => "Employed", _ => "NotSeekingWork" };
        var csv = new StringBuilder(Header).Append('\n');
        for (var day = 0; day < 100; day++)
        {
            foreach (var person in people)
            {
                var status = StatusOf(day);
                csv.Append(CultureInfo.InvariantCulture, $"{person},{Kit.Day(first.AddDays(7 * day))},{status},{(status == "Employed" ? employer : "")},,{(status == "Employed" ? "12" : "")},,,第 {day} 周\n");
            }
        }

        var report = await Kit.ImportOkAsync(op, csv.ToString());

        Assert.Equal(2_000, report.GetProperty("rows").GetInt32());
        Assert.Equal(2_000, report.GetProperty("applied").GetInt32());
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        Assert.Equal(0, report.GetProperty("errors").GetArrayLength());
        foreach (var veteran in veterans)
        {
            var ledger = await Kit.LedgerAsync(op, veteran, first.AddDays(7 * 50));
            var entries = ledger.GetProperty("entries").EnumerateArray().ToArray();
            Assert.Equal(100, entries.Length);
            Assert.Equal(Enumerable.Range(0, 100).Select(d => Kit.Day(first.AddDays(7 * d))), entries.Select(e => e.GetProperty("effectiveOn").GetString()));
            Assert.Equal(StatusOf(50), ledger.GetProperty("statusOn").GetString());
            Assert.Equal(StatusOf(99), (await Kit.GetOkAsync(op, $"/veterans/{veteran}")).GetProperty("currentStatus").GetString());
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_retry_with_the_same_Idempotency_Key_is_replayed_and_applies_nothing_twice(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host, subject: $"import-retry-{Guid.NewGuid():N}");
        var a = Kit.NewIdNumber();
        var veteran = await Kit.RegisterIdAsync(op, a);
        var csv = $"identityNumber,effectiveOn,status\n{a},2024-05-01,SeekingWork\n{a},2024-09-01,InTraining\n";
        var key = $"ledger-import-{Guid.NewGuid():N}";

        using var first = await Kit.ImportAsync(op, csv, key);
        using var retry = await Kit.ImportAsync(op, csv, key);

        var firstReport = await HttpAssert.ReadOkJsonAsync(first);
        var replayed = await HttpAssert.ReadOkJsonAsync(retry);
        Assert.False(first.Headers.Contains("Idempotency-Replayed"));
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotency-Replayed")));
        Assert.Equal(firstReport.ToString(), replayed.ToString());
        Assert.Equal(2, replayed.GetProperty("applied").GetInt32());
        Assert.Equal(2, (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength());

        // The same key with another file is refused; without a key the file runs again (and appends again).
        using var reused = await Kit.ImportAsync(op, csv + $"{a},2024-10-01,SeekingWork\n", key);
        await HttpAssert.ProblemAsync(reused, HttpStatusCode.UnprocessableEntity, "idempotency.key_reused");
        Assert.Equal(2, (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Of_two_rows_of_one_veteran_and_day_in_one_file_the_later_line_wins(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var people = Enumerable.Range(0, 8).Select(_ => Kit.NewIdNumber()).ToArray();
        var veterans = new List<Guid>();
        foreach (var person in people)
        {
            veterans.Add(await Kit.RegisterIdAsync(op, person));
        }

        var day = new DateOnly(2024, 7, 1);
        var csv = new StringBuilder("identityNumber,effectiveOn,status\n");
        foreach (var person in people)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{person},{Kit.Day(day)},SeekingWork\n{person},{Kit.Day(day)},InTraining\n");
        }

        Assert.Equal(16, (await Kit.ImportOkAsync(op, csv.ToString())).GetProperty("applied").GetInt32());

        // The file is read top to bottom: the later line is the later record, like two entries recorded one after the other.
        var wrong = new List<string>();
        foreach (var veteran in veterans)
        {
            var ledger = await Kit.LedgerAsync(op, veteran, day);
            var current = (await Kit.GetOkAsync(op, $"/veterans/{veteran}")).GetProperty("currentStatus").GetString();
            var entries = ledger.GetProperty("entries").EnumerateArray().ToArray();
            if (ledger.GetProperty("statusOn").GetString() != "InTraining" || current != "InTraining"
                || entries.Select(e => e.GetProperty("status").GetString()).SequenceEqual(["SeekingWork", "InTraining"]) is false
                || !entries[0].GetProperty("superseded").GetBoolean())
            {
                wrong.Add($"{veteran}: statusOn {ledger.GetProperty("statusOn")}, current {current}, entries {string.Join(" ", entries.Select(e => $"{e.GetProperty("status")}{(e.GetProperty("superseded").GetBoolean() ? "(superseded)" : "")}"))}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Rows_of_one_veteran_more_than_a_thousand_lines_apart_keep_the_current_status_of_the_latest_day(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var a = Kit.NewIdNumber();
        var b = Kit.NewIdNumber();
        var veteranA = await Kit.RegisterIdAsync(op, a);
        var veteranB = await Kit.RegisterIdAsync(op, b);
        var employer = Kit.NewCreditCode();
        var csv = new StringBuilder("identityNumber,effectiveOn,status,employerCode,contractMonths,socialInsurance\n");
        csv.Append(CultureInfo.InvariantCulture, $"{a},2025-06-01,Employed,{employer},24,true\n");
        for (var i = 0; i < 1_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{b},{Kit.Day(new DateOnly(2023, 1, 1).AddDays(i))},SeekingWork,,,\n");
        }

        csv.Append(CultureInfo.InvariantCulture, $"{a},2025-01-01,SeekingWork,,,\n");

        var report = await Kit.ImportOkAsync(op, csv.ToString());

        Assert.Equal(1_002, report.GetProperty("applied").GetInt32());
        Assert.Equal("Employed", (await Kit.LedgerAsync(op, veteranA)).GetProperty("statusOn").GetString());
        Assert.Equal("SeekingWork", (await Kit.GetOkAsync(op, $"/veterans/{veteranB}")).GetProperty("currentStatus").GetString());
        Assert.Equal("Employed", (await Kit.GetOkAsync(op, $"/veterans/{veteranA}")).GetProperty("currentStatus").GetString());
    }

    [Fact]
    public async Task A_reviewer_cannot_import_and_an_auditor_cannot_either()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var a = Kit.NewIdNumber();
        var veteran = await Kit.RegisterIdAsync(op, a);
        var csv = $"identityNumber,effectiveOn,status\n{a},2024-05-01,SeekingWork\n";

        foreach (var client in new[] { Kit.Reviewer(host), Kit.Auditor(host) })
        {
            using (client)
            {
                using var refused = await Kit.ImportAsync(client, csv);
                await HttpAssert.ProblemAsync(refused, HttpStatusCode.Forbidden, Kit.PermissionMissing);
            }
        }

        Assert.Equal(0, (await Kit.LedgerAsync(op, veteran)).GetProperty("entries").GetArrayLength());
    }
}
