using Platform.Modules.VeteranEmployment.Domain;

namespace Platform.UnitTests.VeteranEmployment;

/// <summary>
/// The arithmetic of announcement 2023 No. 14, computed by hand: which months count, the 36-month window
/// and the sum of yearly amount ÷ 12 rounded once to the fen.
/// </summary>
public sealed class IncentiveCalculatorTests
{
    private const string Sichuan = "510000";
    private static readonly Guid VeteranId = Guid.Parse("0199aa00-0000-7000-8000-000000000001");

    /// <summary>6,000 raised by 50 %: 9,000 a year, 750 a month.</summary>
    private static readonly IncentiveStandard NineThousand = Standard(6_000m, 50m, new DateOnly(2023, 1, 1), new DateOnly(2027, 12, 31));

    [Fact]
    public void Twelve_months_of_9000_give_exactly_9000()
    {
        var result = ForYear([(new DateOnly(2023, 6, 1), null)], 2024, NineThousand);

        Assert.Equal(VeteranId, result.VeteranId);
        Assert.Equal(new DateOnly(2023, 6, 1), result.WindowStarts);
        Assert.Equal(12, result.MonthsCounted);
        Assert.Equal(9_000.00m, result.Amount);
        Assert.Equal(12, result.Months.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(m => new DateOnly(2024, m, 1)), result.Months.Select(m => m.Month));
        Assert.All(result.Months, m =>
        {
            Assert.True(m.Counted);
            Assert.Equal(9_000.00m, m.YearlyAmount);
            Assert.Contains("standard 9000.00 a year", m.Reason, StringComparison.Ordinal);
            Assert.Contains(Sichuan, m.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Seven_months_of_9000_give_5250()
    {
        var result = ForYear([(new DateOnly(2024, 6, 15), null)], 2024, NineThousand);

        Assert.Equal(new DateOnly(2024, 6, 1), result.WindowStarts);
        Assert.Equal(7, result.MonthsCounted);
        Assert.Equal(5_250.00m, result.Amount);
        Assert.All(result.Months.Take(5), m =>
        {
            Assert.False(m.Counted);
            Assert.Equal(0m, m.YearlyAmount);
            Assert.Contains("no qualifying spell this month", m.Reason, StringComparison.Ordinal);
        });
        Assert.All(result.Months.Skip(5), m => Assert.True(m.Counted));
    }

    [Fact]
    public void One_month_of_9000_gives_750()
    {
        var result = ForYear([(new DateOnly(2024, 12, 31), null)], 2024, NineThousand);

        Assert.Equal(1, result.MonthsCounted);
        Assert.Equal(750.00m, result.Amount);
        Assert.True(result.Months[11].Counted);
    }

    [Fact]
    public void An_amount_that_does_not_divide_by_12_is_summed_exactly()
    {
        var standard = Standard(6_000m, 33.33m, new DateOnly(2023, 1, 1), null);
        Assert.Equal(7_999.80m, standard.YearlyAmount);

        var result = ForYear([(new DateOnly(2024, 8, 1), null)], 2024, standard);

        Assert.Equal(5, result.MonthsCounted);
        Assert.Equal(3_333.25m, result.Amount);
    }

    [Theory]
    [InlineData(1, "1666.67")]
    [InlineData(2, "3333.33")]
    [InlineData(5, "8333.33")]
    [InlineData(7, "11666.67")]
    [InlineData(11, "18333.33")]
    [InlineData(12, "20000.00")]
    public void The_sum_is_rounded_once_not_month_by_month(int months, string expected)
    {
        // 20,000 ÷ 12 = 1,666.666…; seven months rounded one by one would give 11,666.69.
        var standard = Standard(20_000m, 0m, new DateOnly(2023, 1, 1), null, IncentiveKind.SelfEmployment);

        var result = ForYear([(new DateOnly(2024, 13 - months, 1), null)], 2024, standard);

        Assert.Equal(months, result.MonthsCounted);
        Assert.Equal(Money(expected), result.Amount);
    }

    [Theory]
    [InlineData(1, "666.67")]
    [InlineData(3, "2000.00")]
    [InlineData(12, "7999.98")]
    public void A_half_fen_is_rounded_away_from_zero(int months, string expected)
    {
        // 6,000 × 133.333 % = 7,999.98; ÷ 12 = 666.665 → 666.67 (to even would give 666.66).
        var standard = Standard(6_000m, 33.333m, new DateOnly(2023, 1, 1), null);
        Assert.Equal(7_999.98m, standard.YearlyAmount);

        var result = ForYear([(new DateOnly(2024, 13 - months, 1), null)], 2024, standard);

        Assert.Equal(Money(expected), result.Amount);
    }

    [Fact]
    public void A_standard_that_changes_mid_year_is_summed_month_by_month()
    {
        var until = Standard(6_000m, 0m, new DateOnly(2023, 1, 1), new DateOnly(2024, 6, 30));
        var from = Standard(6_000m, 50m, new DateOnly(2024, 7, 1), null);

        var result = ForYear([(new DateOnly(2023, 1, 1), null)], 2024, until, from);

        // 6 × 500 + 6 × 750.
        Assert.Equal(12, result.MonthsCounted);
        Assert.Equal(7_500.00m, result.Amount);
        Assert.Equal([6_000m, 6_000m, 6_000m, 6_000m, 6_000m, 6_000m, 9_000m, 9_000m, 9_000m, 9_000m, 9_000m, 9_000m], result.Months.Select(m => m.YearlyAmount));
    }

    [Fact]
    public void Months_without_a_standard_in_force_are_not_counted_and_say_why()
    {
        var fromApril = Standard(6_000m, 50m, new DateOnly(2024, 4, 1), null);

        var result = ForYear([(new DateOnly(2024, 1, 1), null)], 2024, fromApril);

        Assert.Equal(9, result.MonthsCounted);
        Assert.Equal(6_750.00m, result.Amount);
        Assert.All(result.Months.Take(3), m =>
        {
            Assert.False(m.Counted);
            Assert.Equal(0m, m.YearlyAmount);
            Assert.Contains("no standard in force this month", m.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_standard_ending_mid_month_is_read_on_the_months_first_day()
    {
        var untilMid = Standard(6_000m, 50m, new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 15));

        var result = ForYear([(new DateOnly(2024, 1, 1), null)], 2024, untilMid);

        Assert.Equal(3, result.MonthsCounted);
        Assert.Equal(2_250.00m, result.Amount);
        Assert.Contains("no standard in force this month", result.Months[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spell_from_the_leap_day_counts_February()
    {
        var result = ForYear([(new DateOnly(2024, 2, 29), null)], 2024, NineThousand);

        Assert.Equal(new DateOnly(2024, 2, 1), result.WindowStarts);
        Assert.False(result.Months[0].Counted);
        Assert.True(result.Months[1].Counted);
        Assert.Equal(11, result.MonthsCounted);
        Assert.Equal(8_250.00m, result.Amount);
    }

    [Fact]
    public void A_spell_ending_on_1_March_counts_March()
    {
        var result = ForYear([(new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 1))], 2024, NineThousand);

        Assert.Equal([true, true, true, false], result.Months.Take(4).Select(m => m.Counted));
        Assert.Equal(3, result.MonthsCounted);
        Assert.Equal(2_250.00m, result.Amount);
    }

    [Fact]
    public void A_spell_ending_on_the_leap_day_does_not_count_March()
    {
        var result = ForYear([(new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 29))], 2024, NineThousand);

        Assert.Equal([true, true, false], result.Months.Take(3).Select(m => m.Counted));
        Assert.Equal(2, result.MonthsCounted);
        Assert.Equal(1_500.00m, result.Amount);
    }

    [Fact]
    public void A_spell_of_a_single_day_counts_its_month()
    {
        var result = ForYear([(new DateOnly(2024, 4, 30), new DateOnly(2024, 4, 30))], 2024, NineThousand);

        Assert.Equal(1, result.MonthsCounted);
        Assert.True(result.Months[3].Counted);
        Assert.Equal(750.00m, result.Amount);
    }

    [Fact]
    public void Two_spells_with_a_gap_count_the_months_of_each()
    {
        var result = ForYear(
            [(new DateOnly(2024, 6, 1), new DateOnly(2024, 8, 31)), (new DateOnly(2024, 1, 15), new DateOnly(2024, 3, 10))],
            2024,
            NineThousand);

        Assert.Equal(new DateOnly(2024, 1, 1), result.WindowStarts);
        Assert.Equal([true, true, true, false, false, true, true, true, false, false, false, false], result.Months.Select(m => m.Counted));
        Assert.Equal(6, result.MonthsCounted);
        Assert.Equal(4_500.00m, result.Amount);
        Assert.Contains("no qualifying spell this month", result.Months[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_window_is_36_months_from_the_first_qualifying_month_across_years()
    {
        IReadOnlyList<(DateOnly, DateOnly?)> spells = [(new DateOnly(2023, 5, 20), null)];

        var y2023 = ForYear(spells, 2023, NineThousand);
        var y2024 = ForYear(spells, 2024, NineThousand);
        var y2025 = ForYear(spells, 2025, NineThousand);
        var y2026 = ForYear(spells, 2026, NineThousand);
        var y2027 = ForYear(spells, 2027, NineThousand);

        Assert.Equal((8, 6_000.00m), (y2023.MonthsCounted, y2023.Amount));
        Assert.Equal((12, 9_000.00m), (y2024.MonthsCounted, y2024.Amount));
        Assert.Equal((12, 9_000.00m), (y2025.MonthsCounted, y2025.Amount));
        Assert.Equal((4, 3_000.00m), (y2026.MonthsCounted, y2026.Amount));
        Assert.Equal((0, 0m), (y2027.MonthsCounted, y2027.Amount));
        Assert.Equal(36, y2023.MonthsCounted + y2024.MonthsCounted + y2025.MonthsCounted + y2026.MonthsCounted);
        Assert.Equal([true, true, true, true, false], y2026.Months.Take(5).Select(m => m.Counted));
        Assert.Contains("outside the 36 months from 2023-05", y2026.Months[4].Reason, StringComparison.Ordinal);
        Assert.All(y2026.Months.Skip(4), m => Assert.Equal(0m, m.YearlyAmount));
        Assert.Equal(new DateOnly(2023, 5, 1), y2026.WindowStarts);
    }

    [Fact]
    public void The_window_runs_on_through_gaps_from_the_first_spell()
    {
        // Employed 2023-01 to 2023-02, then again from 2025-06: the window still ends with 2025-12.
        var result = ForYear([(new DateOnly(2023, 1, 10), new DateOnly(2023, 2, 28)), (new DateOnly(2025, 6, 1), null)], 2026, NineThousand);

        Assert.Equal(new DateOnly(2023, 1, 1), result.WindowStarts);
        Assert.Equal(0, result.MonthsCounted);
        Assert.Equal(0m, result.Amount);
        Assert.All(result.Months, m => Assert.Contains("outside the 36 months from 2023-01", m.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void The_standards_max_months_bounds_the_window()
    {
        var twelve = Standard(6_000m, 50m, new DateOnly(2023, 1, 1), null);
        twelve.MaxMonths = 12;

        var result = ForYear([(new DateOnly(2023, 10, 1), null)], 2024, twelve);

        Assert.Equal(9, result.MonthsCounted);
        Assert.Equal(6_750.00m, result.Amount);
        Assert.Contains("outside the 12 months from 2023-10", result.Months[9].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Months_before_the_window_are_not_counted()
    {
        var result = ForYear([(new DateOnly(2024, 3, 1), null)], 2024, NineThousand);

        Assert.Equal(10, result.MonthsCounted);
        Assert.False(result.Months[0].Counted);
        Assert.False(result.Months[1].Counted);
    }

    [Fact]
    public void No_spell_counts_nothing_and_has_no_window()
    {
        var result = ForYear([], 2024, NineThousand);

        Assert.Null(result.WindowStarts);
        Assert.Equal(0, result.MonthsCounted);
        Assert.Equal(0m, result.Amount);
        Assert.Equal(12, result.Months.Count);
        Assert.All(result.Months, m => Assert.Contains("no qualifying spell this month", m.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_spell_that_ended_before_the_year_counts_nothing()
    {
        var result = ForYear([(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31))], 2024, NineThousand);

        Assert.Equal(new DateOnly(2023, 1, 1), result.WindowStarts);
        Assert.Equal(0, result.MonthsCounted);
        Assert.Equal(0m, result.Amount);
    }

    [Fact]
    public void The_standard_is_asked_for_each_months_first_day()
    {
        var asked = new List<DateOnly>();

        IncentiveCalculator.ForYear(VeteranId, [(new DateOnly(2024, 1, 1), null)], 2024, day =>
        {
            asked.Add(day);
            return NineThousand;
        }, AfterEverything);

        Assert.Equal(Enumerable.Range(1, 12).Select(m => new DateOnly(2024, m, 1)), asked);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => IncentiveCalculator.ForYear(VeteranId, null!, 2024, _ => NineThousand, AfterEverything));
        Assert.Throws<ArgumentNullException>(() => IncentiveCalculator.ForYear(VeteranId, [], 2024, null!, AfterEverything));
    }

    /// <summary>A "today" after every month these tests compute, so no month is cut as not yet begun.</summary>
    private static readonly DateOnly AfterEverything = new(2099, 12, 31);

    private static VeteranIncentive ForYear(IReadOnlyList<(DateOnly From, DateOnly? To)> spells, int year, params IncentiveStandard[] standards) =>
        IncentiveCalculator.ForYear(VeteranId, spells, year, day => standards.SingleOrDefault(s => s.EffectiveFrom <= day && (s.EffectiveTo is null || s.EffectiveTo >= day)), AfterEverything);

    [Fact]
    public void Months_that_have_not_begun_do_not_count_yet()
    {
        var result = IncentiveCalculator.ForYear(VeteranId, [(new DateOnly(2024, 1, 10), null)], 2024, _ => NineThousand, new DateOnly(2024, 5, 31));

        Assert.Equal(5, result.MonthsCounted);
        Assert.Equal(3_750.00m, result.Amount);
        Assert.All(result.Months.Where(m => m.Month > new DateOnly(2024, 5, 31)), m => Assert.False(m.Counted));
    }

    private static IncentiveStandard Standard(decimal baseAmount, decimal uplift, DateOnly from, DateOnly? to, IncentiveKind kind = IncentiveKind.EmployerHiring) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        RegionCode = Sichuan,
        EffectiveFrom = from,
        EffectiveTo = to,
        BaseAmount = baseAmount,
        UpliftPercent = uplift,
        MaxMonths = 36,
    };

    private static decimal Money(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
