using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Persistence;

namespace Platform.Modules.VeteranEmployment.Features.Ledger;

/// <summary>Why one row of an import was not applied.</summary>
/// <param name="Line">The row's line in the file (the header is line 1).</param>
/// <param name="Field">The column at fault, when one is.</param>
/// <param name="Code">The problem code (request.validation_failed for a bad value, or the rule's code).</param>
/// <param name="Message">What is wrong, in the request's language.</param>
internal sealed record ImportRowError(int Line, string? Field, string Code, string Message);

/// <summary>What an import did.</summary>
/// <param name="Rows">Data rows read.</param>
/// <param name="Applied">Rows appended to ledgers.</param>
/// <param name="Failed">Rows refused; nothing of them was applied.</param>
/// <param name="Errors">Each refused row's reasons (the first 1,000).</param>
internal sealed record ImportResponse(int Rows, int Applied, int Failed, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// VeteranEmployment_ImportLedger: a CSV of ledger updates, one row per entry. Each row is checked on its
/// own (the same rules as RecordEmploymentStatus, and the veteran must be registered in the caller's
/// region); rows that pass are applied together in one transaction, rows that fail are reported with
/// their line and nothing of them is applied. A crash applies nothing, so the import can simply be sent
/// again (with the same Idempotency-Key it is answered from the first run).
/// </summary>
internal static class LedgerImport
{
    public const int MaxRows = 100_000;
    public const int MaxErrorsListed = 1_000;
    public const long MaxBytes = 32L * 1024 * 1024;

    public static readonly string[] Columns =
        ["identityNumber", "effectiveOn", "status", "employerCode", "position", "contractMonths", "socialInsurance", "businessName", "businessCode", "correctsEntryId", "note"];

    public static void MapLedgerImport(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/ledger/imports", ImportAsync)
            .WithName("VeteranEmployment_ImportLedger")
            .RequirePermission(VeteranPermissions.LedgerWrite)
            .WithSummary("Import ledger updates from CSV")
            .WithDescription("Body: text/csv (UTF-8), a header row naming the columns identityNumber, effectiveOn (yyyy-MM-dd), status and, as the status needs, employerCode, position, contractMonths, socialInsurance (true/false), businessName, businessCode, correctsEntryId, note; at most 100,000 rows and 32 MB. Rows that pass are applied in one transaction; each refused row is listed with its line, column and code, and nothing of it is applied.")
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBytes))
            .ProducesApiProblem(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);

    private static async Task<Ok<ImportResponse>> ImportAsync(
        HttpRequest http, VeteranEmploymentDbContext db, IPersonalDataProtector protector, IValidator<LedgerEntryRequest> validator, TimeProvider time, CancellationToken cancellationToken)
    {
        var rows = new List<(int Line, string IdentityNumber, LedgerEntryRequest Entry)>();
        var errors = new List<ImportRowError>();
        var failedLines = new HashSet<int>();
        void Fail(int line, string? field, string code, string message)
        {
            failedLines.Add(line);
            if (errors.Count < MaxErrorsListed)
            {
                errors.Add(new ImportRowError(line, field, code, message));
            }
        }

        using var reader = new StreamReader(http.Body, System.Text.Encoding.UTF8);
        Dictionary<string, int>? header = null;
        var dataRows = 0;
        await foreach (var (line, fields) in Records(reader, cancellationToken))
        {
            if (header is null)
            {
                header = ReadHeader(fields);
                continue;
            }

            if (++dataRows > MaxRows)
            {
                throw VeteranProblems.Unprocessable(VeteranProblems.ImportTooLarge, $"一次最多导入 {MaxRows:N0} 行。", $"An import holds at most {MaxRows:N0} rows.");
            }

            if (Parse(line, fields, header, Fail) is { } parsed)
            {
                var validation = await validator.ValidateAsync(parsed.Entry, cancellationToken);
                if (validation.IsValid)
                {
                    rows.Add((line, parsed.IdentityNumber, parsed.Entry));
                }
                else
                {
                    foreach (var failure in validation.Errors)
                    {
                        Fail(line, char.ToLowerInvariant(failure.PropertyName[0]) + failure.PropertyName[1..], ProblemCodes.ValidationFailed, failure.ErrorMessage);
                    }
                }
            }
        }

        if (header is null)
        {
            throw VeteranProblems.Unprocessable(VeteranProblems.ImportHeader, "文件为空：第一行须为列名。", "The file is empty: the first row names the columns.");
        }

        var now = time.GetUtcNow();
        var today = ChinaCalendar.DayOf(now);
        var applied = 0;

        // Rows are recorded a microsecond apart (the finest instant PostgreSQL keeps) in file order, so two
        // rows of one veteran and day keep the file's order: the later row wins that day, as it would had
        // they been sent one by one.
        var ordinal = 0L;

        // The latest day in force today per veteran, read once per veteran from the database and then
        // kept up to date across the whole file (nothing is saved until the end).
        var currentDays = new Dictionary<Guid, DateOnly>();
        var known = new HashSet<Guid>();
        foreach (var chunk in rows.Where(r => !failedLines.Contains(r.Line)).Chunk(1_000))
        {
            var byIndex = chunk.Select(r => protector.BlindIndexForLookup(PersonalDataKind.ResidentId, r.IdentityNumber)!).Distinct().ToArray();
            var veterans = await db.Veterans.Where(v => byIndex.Contains(v.Person.BlindIndex)).ToDictionaryAsync(v => v.Person.BlindIndex, cancellationToken);
            var unread = veterans.Values.Select(v => v.Id).Where(known.Add).ToArray();
            foreach (var (veteranId, day) in await LedgerWriter.CurrentDaysAsync(db, unread, today, cancellationToken))
            {
                currentDays[veteranId] = day;
            }

            var corrections = chunk.Where(r => r.Entry.CorrectsEntryId is not null).Select(r => r.Entry.CorrectsEntryId!.Value).ToArray();
            var correctable = corrections.Length == 0 ? [] : await db.Ledger.AsNoTracking()
                .Where(e => corrections.Contains(e.Id)).Select(e => new { e.Id, e.VeteranId }).ToDictionaryAsync(e => e.Id, e => e.VeteranId, cancellationToken);
            foreach (var (line, identityNumber, entry) in chunk)
            {
                if (!veterans.TryGetValue(protector.BlindIndexForLookup(PersonalDataKind.ResidentId, identityNumber)!, out var veteran))
                {
                    Fail(line, "identityNumber", VeteranProblems.VeteranNotFound, new Platform.BuildingBlocks.Localization.LocalizedText("该身份证号码未在您的辖区登记为退役军人。", "No veteran with this identity number is registered in your region.").ToString());
                    continue;
                }

                try
                {
                    LedgerWriter.Append(db, veteran, entry, LedgerSource.Import, c => correctable.TryGetValue(c, out var owner) && owner == veteran.Id, currentDays, now.AddTicks(10 * ordinal++));
                    applied++;
                }
                catch (DomainException refused)
                {
                    Fail(line, refused.Errors?.Keys.FirstOrDefault(), refused.Code, refused.Detail.ToString());
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ImportResponse(dataRows, applied, failedLines.Count, errors.OrderBy(e => e.Line).ToArray()));
    }

    private static async IAsyncEnumerable<(int Line, IReadOnlyList<string> Fields)> Records(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var records = CsvReader.ReadAsync(reader).WithCancellation(cancellationToken).GetAsyncEnumerator();
        try
        {
            while (true)
            {
                try
                {
                    if (!await records.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (FormatException malformed)
                {
                    throw VeteranProblems.Unprocessable(VeteranProblems.ImportMalformed, $"CSV 格式错误：{malformed.Message}", $"The CSV is malformed: {malformed.Message}");
                }

                yield return records.Current;
            }
        }
        finally
        {
            await records.DisposeAsync();
        }
    }

    private static Dictionary<string, int> ReadHeader(IReadOnlyList<string> fields)
    {
        var header = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim();
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase) || !header.TryAdd(name, i))
            {
                throw VeteranProblems.Unprocessable(VeteranProblems.ImportHeader, $"第一行第 {i + 1} 列“{name}”不是可用的列名或重复：{string.Join(", ", Columns)}。", $"Column {i + 1} of the first row, \"{name}\", is unknown or repeated; the columns are {string.Join(", ", Columns)}.");
            }
        }

        foreach (var required in new[] { "identityNumber", "effectiveOn", "status" })
        {
            if (!header.ContainsKey(required))
            {
                throw VeteranProblems.Unprocessable(VeteranProblems.ImportHeader, $"第一行缺少列 {required}。", $"The first row lacks the column {required}.");
            }
        }

        return header;
    }

    private static (string IdentityNumber, LedgerEntryRequest Entry)? Parse(int line, IReadOnlyList<string> fields, Dictionary<string, int> header, Action<int, string?, string, string> fail)
    {
        string? Get(string column) => header.TryGetValue(column, out var i) && i < fields.Count && fields[i].Trim() is { Length: > 0 } value ? value : null;
        var ok = true;
        T? Read<T>(string column, Func<string, (bool, T?)> parse)
        {
            if (Get(column) is not { } text)
            {
                return default;
            }

            var (parsed, value) = parse(text);
            if (!parsed)
            {
                ok = false;
                fail(line, column, ProblemCodes.ValidationFailed, new Platform.BuildingBlocks.Localization.LocalizedText($"无法识别的值“{text}”。", $"Cannot read \"{text}\".").ToString());
            }

            return value;
        }

        var identityNumber = Get("identityNumber");
        if (identityNumber is null || !ResidentIdNumber.TryParse(identityNumber, out _))
        {
            ok = false;
            fail(line, "identityNumber", ProblemCodes.ValidationFailed, new Platform.BuildingBlocks.Localization.LocalizedText("身份证号码无效。", "Not a valid resident identity number.").ToString());
        }

        var effectiveOn = Read<DateOnly?>("effectiveOn", t => DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? (true, d) : (false, null));
        var status = Read<EmploymentStatus?>("status", t => Enum.TryParse<EmploymentStatus>(t, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(t, out _) ? (true, s) : (false, null));
        var months = Read<int?>("contractMonths", t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? (true, m) : (false, null));
        var insurance = Read<bool?>("socialInsurance", t => bool.TryParse(t, out var b) ? (true, b) : (false, null));
        var corrects = Read<Guid?>("correctsEntryId", t => Guid.TryParse(t, out var g) ? (true, g) : (false, null));
        if (!ok)
        {
            return null;
        }

        return (identityNumber!, new LedgerEntryRequest(effectiveOn, status, Get("employerCode"), Get("position"), months, insurance, Get("businessName"), Get("businessCode"), corrects, Get("note")));
    }
}
