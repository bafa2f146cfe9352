namespace Platform.Modules.VeteranEmployment.Domain;

/// <summary>One month of a veteran's incentive year.</summary>
/// <param name="Month">The first day of the month.</param>
/// <param name="Counted">Whether the month counts.</param>
/// <param name="YearlyAmount">The yearly amount of the standard in force on the month's first day; 0 when none or not counted.</param>
/// <param name="Reason">Why it counts or not.</param>
internal sealed record IncentiveMonth(DateOnly Month, bool Counted, decimal YearlyAmount, string Reason);

/// <summary>One veteran's incentive for a year.</summary>
/// <param name="VeteranId">The veteran.</param>
/// <param name="WindowStarts">The first month of the 36-month window (the month the qualifying spell began); null when none.</param>
/// <param name="MonthsCounted">Months counted in the year.</param>
/// <param name="Amount">Σ over counted months of (yearly amount ÷ 12), rounded once to the fen, half away from zero.</param>
/// <param name="Months">All twelve months with the reason each counts or not.</param>
internal sealed record VeteranIncentive(Guid VeteranId, DateOnly? WindowStarts, int MonthsCounted, decimal Amount, IReadOnlyList<IncentiveMonth> Months);

/// <summary>
/// The arithmetic of announcement 2023 No. 14, without a database. A month counts when the veteran is in
/// a qualifying spell on at least one of its days — for an employer: employed by it under a labour
/// contract of at least 12 months with social insurance paid; for self-employment: self-employed — from
/// the month the first qualifying spell began, for at most the standard's 36 months, and only while a
/// standard is in force (on the month's first day). The year's amount is the sum over counted months of
/// the yearly amount ÷ 12, rounded once to the fen (so 12 months of 9,000 give exactly 9,000.00).
/// Months that have not begun (after <c>today</c>'s month) do not count yet.
/// </summary>
internal static class IncentiveCalculator
{
    public static VeteranIncentive ForYear(
        Guid veteranId,
        IReadOnlyList<(DateOnly From, DateOnly? To)> qualifyingSpells,
        int year,
        Func<DateOnly, IncentiveStandard?> standardOn,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(qualifyingSpells);
        ArgumentNullException.ThrowIfNull(standardOn);
        var ordered = qualifyingSpells.OrderBy(s => s.From).ToArray();
        DateOnly? windowStart = ordered.Length == 0 ? null : FirstOfMonth(ordered[0].From);
        var months = new List<IncentiveMonth>(12);
        var sum = 0m;
        for (var m = 1; m <= 12; m++)
        {
            var first = new DateOnly(year, m, 1);
            var last = first.AddMonths(1).AddDays(-1);
            if (first > today)
            {
                months.Add(new IncentiveMonth(first, false, 0m, "本月尚未开始 / the month has not begun"));
                continue;
            }

            if (windowStart is not { } start || !ordered.Any(s => s.From <= last && (s.To is null || s.To >= first)))
            {
                months.Add(new IncentiveMonth(first, false, 0m, "本月无符合条件的就业或创业 / no qualifying spell this month"));
                continue;
            }

            var standard = standardOn(first);
            var maxMonths = standard?.MaxMonths ?? 36;
            if (first < start || first >= start.AddMonths(maxMonths))
            {
                months.Add(new IncentiveMonth(first, false, 0m, $"超出自 {start:yyyy-MM} 起的 {maxMonths} 个月 / outside the {maxMonths} months from {start:yyyy-MM}"));
                continue;
            }

            if (standard is null)
            {
                months.Add(new IncentiveMonth(first, false, 0m, "本月无有效的扣减标准 / no standard in force this month"));
                continue;
            }

            var amount = standard.YearlyAmount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            months.Add(new IncentiveMonth(first, true, standard.YearlyAmount, $"{standard.RegionCode} 标准 {amount} 元/年 / standard {amount} a year"));
            sum += standard.YearlyAmount / 12m;
        }

        return new VeteranIncentive(veteranId, windowStart, months.Count(x => x.Counted), Math.Round(sum, 2, MidpointRounding.AwayFromZero), months);
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
