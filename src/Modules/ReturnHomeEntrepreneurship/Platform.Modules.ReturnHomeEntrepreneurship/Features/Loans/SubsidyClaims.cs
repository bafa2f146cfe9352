using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;

/// <summary>One loan's line of a bank's monthly interest-subsidy claim.</summary>
/// <param name="LoanId">The loan.</param>
/// <param name="LoanContract">The loan contract's number.</param>
/// <param name="RegionCode">The loan's county.</param>
/// <param name="Period">The repayment period due in the month.</param>
/// <param name="Start">The period's first day.</param>
/// <param name="DueOn">The due day.</param>
/// <param name="Days">Days bearing interest.</param>
/// <param name="OverdueDays">Days overdue (no subsidy on them).</param>
/// <param name="Outstanding">Principal at the period's start, yuan.</param>
/// <param name="ContractRatePercent">The contract rate.</param>
/// <param name="BorrowerRatePercent">The borrower's rate.</param>
/// <param name="InterestDue">Interest at the contract rate, yuan.</param>
/// <param name="BorrowerShare">The borrower's share, yuan.</param>
/// <param name="Subsidy">The subsidy claimed, yuan.</param>
/// <param name="Overdue">Whether the loan was overdue on any day of the period (the subsidy stops while it is).</param>
internal sealed record SubsidyClaimLine(
    Guid LoanId, string LoanContract, string RegionCode, int Period, DateOnly Start, DateOnly DueOn, int Days, int OverdueDays, decimal Outstanding,
    decimal ContractRatePercent, decimal BorrowerRatePercent, decimal InterestDue, decimal BorrowerShare, decimal Subsidy, bool Overdue)
{
    public const string CsvHeader = "loan_id,loan_contract,region_code,period,start,due_on,days,overdue_days,outstanding,contract_rate_percent,borrower_rate_percent,interest_due,borrower_share,subsidy,overdue";

    public string ToCsv() => string.Join(',', LoanId, Escape(LoanContract), RegionCode, Period.ToString(CultureInfo.InvariantCulture), Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Days.ToString(CultureInfo.InvariantCulture), OverdueDays.ToString(CultureInfo.InvariantCulture),
        Money(Outstanding), ContractRatePercent.ToString(CultureInfo.InvariantCulture), BorrowerRatePercent.ToString(CultureInfo.InvariantCulture), Money(InterestDue),
        Money(BorrowerShare), Money(Subsidy), Overdue ? "true" : "false");

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Computing a bank's monthly claim from its loans and their repayments up to the month's end.</summary>
internal static class SubsidyClaims
{
    /// <summary>
    /// The lines of <paramref name="bankCode"/>'s claim for the month starting <paramref name="month"/> within
    /// <paramref name="regionCode"/>: every loan paid out by the month's end and not finished before it whose
    /// period falls due in the month, evaluated with the repayments made by the month's end.
    /// </summary>
    public static async Task<List<SubsidyClaimLine>> ComputeAsync(
        ReturnHomeEntrepreneurshipDbContext db, string bankCode, string regionCode, DateOnly month, CancellationToken cancellationToken)
    {
        var monthEnd = month.AddMonths(1).AddDays(-1);

        // A loan repaid (or compensated) in the middle of a period still has that period due up to a month later.
        var previousMonth = month.AddMonths(-1);
        var loans = db.Loans.AsNoTracking().WithinRegion(regionCode)
            .Where(l => l.BankCode == bankCode && l.DisbursedOn != null && l.DisbursedOn <= monthEnd
                && (l.Status == LoanStatus.Disbursed || l.Status == LoanStatus.Repaying || l.Status == LoanStatus.Overdue || l.Status == LoanStatus.Defaulted
                    || (l.Status == LoanStatus.Settled && l.SettledOn >= previousMonth) || (l.Status == LoanStatus.Compensated && l.CompensatedOn >= previousMonth)));
        var contracts = await loans
            .Select(l => new
            {
                l.Id,
                l.LoanContract,
                l.RegionCode,
                l.Amount,
                l.DisbursedOn,
                l.TermMonths,
                l.Method,
                l.ContractRatePercent,
                l.BorrowerRatePercent,
                l.SubsidisedMonths,
            })
            .ToListAsync(cancellationToken);
        var repayments = (await (
                    from r in db.Repayments.AsNoTracking()
                    join l in loans on r.LoanId equals l.Id
                    where r.PaidOn <= monthEnd
                    select new { r.LoanId, r.PaidOn, r.Principal, r.Interest })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.LoanId, r => new Payment(r.PaidOn, r.Principal, r.Interest));

        var lines = new List<SubsidyClaimLine>(contracts.Count);
        foreach (var loan in contracts)
        {
            var terms = new LoanTerms(
                loan.Amount!.Value, loan.DisbursedOn!.Value, loan.TermMonths!.Value, loan.Method, loan.ContractRatePercent!.Value, loan.BorrowerRatePercent!.Value, loan.SubsidisedMonths!.Value);
            var standing = LoanArithmetic.Evaluate(terms, repayments[loan.Id], monthEnd);
            var period = standing.Periods.LastOrDefault(p => p.DueOn >= month && p.DueOn <= monthEnd);
            if (period is null)
            {
                continue;
            }

            lines.Add(new SubsidyClaimLine(
                loan.Id, loan.LoanContract ?? "", loan.RegionCode, period.Number, period.Start, period.DueOn, period.Days, period.OverdueDays,
                period.Segments.Count > 0 ? period.Segments[0].Outstanding : 0m, terms.ContractRatePercent, terms.BorrowerRatePercent, period.Interest, period.BorrowerShare,
                period.Subsidy, period.OverdueDays > 0));
        }

        return lines;
    }

    /// <summary>The lines as gzip-compressed JSON.</summary>
    public static byte[] Compress(IEnumerable<SubsidyClaimLine> lines)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, lines.ToList());
        }

        return buffer.ToArray();
    }

    /// <summary>The stored lines.</summary>
    public static List<SubsidyClaimLine> Decompress(byte[] lines)
    {
        using var gzip = new GZipStream(new MemoryStream(lines), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<List<SubsidyClaimLine>>(gzip) ?? [];
    }

    /// <summary>The lines as CSV (UTF-8, header first).</summary>
    public static string Csv(IEnumerable<SubsidyClaimLine> lines)
    {
        var csv = new StringBuilder(SubsidyClaimLine.CsvHeader).Append('\n');
        foreach (var line in lines)
        {
            csv.Append(line.ToCsv()).Append('\n');
        }

        return csv.ToString();
    }
}
