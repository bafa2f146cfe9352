using Platform.Modules.Insights.Domain;

namespace Platform.UnitTests.Insights;

/// <summary>
/// The arithmetic of progress against a target, every figure computed by hand in the comments. The plan
/// period 2021–2025 has 365 + 365 + 365 + 366 + 365 = 1,826 days, both ends included; the share elapsed on
/// a day is (days from 1 January 2021 to the day, both included) ÷ 1,826; the value expected at an even pace
/// is baseline + (target − baseline) × share, rounded to the fen; months left count the current month.
/// </summary>
public sealed class ProgressMathTests
{
    private static readonly Indicator Trainings = new()
    {
        Code = "subsidised_trainings",
        NameZh = "补贴性职业技能培训",
        NameEn = "Subsidised vocational trainings",
        Unit = "人次",
        EventName = "training_vouchers.training_completed.v1",
        Measure = IndicatorMeasure.Count,
    };

    private static readonly Indicator Parks = new()
    {
        Code = "return_home_parks",
        NameZh = "市级返乡创业园",
        NameEn = "Municipal return-home entrepreneurship parks",
        Unit = "个",
        EventName = null,
        Measure = IndicatorMeasure.Count,
    };

    // ---- The value expected at an even pace ----

    [Fact]
    public void On_2_July_2023_half_of_the_plan_period_has_elapsed()
    {
        // 1 Jan 2021 .. 2 Jul 2023 = 365 + 365 + (31 + 28 + 31 + 30 + 31 + 30 + 2 = 183) = 913 days; 913 ÷ 1,826 = 0.5.
        var row = ProgressMath.Row(Trainings, PeriodTotal(100_000m), 40_000m, Day(2023, 7, 2));

        Assert.Equal(50_000.00m, row.Expected);
        Assert.Equal(40_000m, row.Actual);
        Assert.Equal(40.0m, row.Percent);
        Assert.False(row.OnTrack);
        Assert.Equal("Behind", row.Status);

        // July 2023 .. December 2025 = 6 + 12 + 12 = 30 months; (100,000 − 40,000) ÷ 30 = 2,000.
        Assert.Equal(30, row.MonthsLeft);
        Assert.Equal(2_000.00m, row.NeededPerMonth);
    }

    [Theory]
    // 1 Jan 2021: 1 day; 100,000 × 1 ÷ 1,826 = 54.7645… → 54.76.
    [InlineData(2021, 1, 1, 54.76)]
    // 31 Dec 2022: 730 days; 100,000 × 730 ÷ 1,826 = 39,978.0941… → 39,978.09.
    [InlineData(2022, 12, 31, 39_978.09)]
    // 29 Feb 2024: 365 × 3 + 31 + 29 = 1,155 days; 100,000 × 1,155 ÷ 1,826 = 63,253.0120… → 63,253.01.
    [InlineData(2024, 2, 29, 63_253.01)]
    // 15 Mar 2025: 365 × 3 + 366 + 31 + 28 + 15 = 1,535 days; 100,000 × 1,535 ÷ 1,826 = 84,063.5268… → 84,063.53.
    [InlineData(2025, 3, 15, 84_063.53)]
    // 31 Dec 2025: the whole period, 1,826 ÷ 1,826.
    [InlineData(2025, 12, 31, 100_000.00)]
    // After the period: still the whole target. Before it: nothing yet.
    [InlineData(2026, 6, 30, 100_000.00)]
    [InlineData(2020, 12, 31, 0.00)]
    public void The_expected_value_grows_by_the_days_elapsed_both_ends_included(int year, int month, int day, double expected)
    {
        var row = ProgressMath.Row(Trainings, PeriodTotal(100_000m), 0m, Day(year, month, day));

        Assert.Equal((decimal)expected, row.Expected);
    }

    [Fact]
    public void A_cumulative_target_starts_from_its_baseline_and_counts_it_in_the_actual()
    {
        // Returnee founders: 19,000 by 2020, more than 22,000 by 2025. On 2 Jul 2023 (half way):
        // expected 19,000 + (22,000 − 19,000) × 0.5 = 20,500. Counted 1,400 in the period: actual 20,400.
        var target = Target(22_000m, TargetKind.Cumulative, baseline: 19_000m);

        var behind = ProgressMath.Row(Trainings, target, 1_400m, Day(2023, 7, 2));

        Assert.Equal(19_000m, behind.Baseline);
        Assert.Equal(20_500.00m, behind.Expected);
        Assert.Equal(20_400m, behind.Actual);

        // 20,400 ÷ 22,000 = 92.7272…% → 92.7; (22,000 − 20,400) ÷ 30 = 53.333… → 53.33.
        Assert.Equal(92.7m, behind.Percent);
        Assert.Equal(53.33m, behind.NeededPerMonth);
        Assert.Equal(("Behind", false), (behind.Status, behind.OnTrack));

        // Exactly the expected value is on track.
        var onPace = ProgressMath.Row(Trainings, target, 1_500m, Day(2023, 7, 2));
        Assert.Equal((20_500m, true, "OnTrack"), (onPace.Actual, onPace.OnTrack, onPace.Status));

        // 31 Dec 2022: 19,000 + 3,000 × 730 ÷ 1,826 = 19,000 + 1,199.3428… = 20,199.34.
        Assert.Equal(20_199.34m, ProgressMath.Row(Trainings, target, 0m, Day(2022, 12, 31)).Expected);
    }

    [Fact]
    public void A_period_total_ignores_a_baseline()
    {
        var target = Target(100_000m, TargetKind.PeriodTotal, baseline: 5_000m);

        var row = ProgressMath.Row(Trainings, target, 40_000m, Day(2023, 7, 2));

        Assert.Equal(0m, row.Baseline);
        Assert.Equal(40_000m, row.Actual);
        Assert.Equal(50_000.00m, row.Expected);
    }

    [Fact]
    public void A_single_year_target_has_its_own_share_of_days()
    {
        // 2024 has 366 days; 29 Feb is day 31 + 29 = 60: 3,660 × 60 ÷ 366 = 600.
        var target = Target(3_660m, TargetKind.PeriodTotal, fromYear: 2024, toYear: 2024);

        var row = ProgressMath.Row(Trainings, target, 600m, Day(2024, 2, 29));

        Assert.Equal(600.00m, row.Expected);
        Assert.Equal(("OnTrack", true), (row.Status, row.OnTrack));

        // February .. December = 11 months; (3,660 − 600) ÷ 11 = 278.1818… → 278.18.
        Assert.Equal(11, row.MonthsLeft);
        Assert.Equal(278.18m, row.NeededPerMonth);
    }

    // ---- Months left and the pace needed ----

    [Theory]
    [InlineData(2020, 12, 31, 60)]
    [InlineData(2021, 1, 1, 60)]
    [InlineData(2021, 12, 31, 49)]
    [InlineData(2023, 7, 2, 30)]
    [InlineData(2025, 1, 1, 12)]
    [InlineData(2025, 12, 1, 1)]
    [InlineData(2025, 12, 31, 1)]
    [InlineData(2026, 1, 1, 0)]
    public void Months_left_count_the_current_month(int year, int month, int day, int monthsLeft)
    {
        Assert.Equal(monthsLeft, ProgressMath.Row(Trainings, PeriodTotal(100_000m), 0m, Day(year, month, day)).MonthsLeft);
    }

    [Fact]
    public void The_pace_needed_is_what_is_left_spread_over_the_months_left()
    {
        // 1 Dec 2025: one month left for the 100,000 − 99,000 = 1,000 missing.
        Assert.Equal(1_000.00m, ProgressMath.Row(Trainings, PeriodTotal(100_000m), 99_000m, Day(2025, 12, 1)).NeededPerMonth);

        // 10 May 2025 of a 2025 target of 1: May .. December = 8 months; 1 ÷ 8 = 0.125 → 0.13 (half away from zero).
        var row = ProgressMath.Row(Trainings, Target(1m, TargetKind.PeriodTotal, fromYear: 2025, toYear: 2025), 0m, Day(2025, 5, 10));
        Assert.Equal((8, 0.13m), (row.MonthsLeft, row.NeededPerMonth));

        // Reached: nothing more is needed. Over: no months, no pace.
        Assert.Equal(0m, ProgressMath.Row(Trainings, PeriodTotal(100_000m), 120_000m, Day(2023, 7, 2)).NeededPerMonth);
        Assert.Null(ProgressMath.Row(Trainings, PeriodTotal(100_000m), 90_000m, Day(2026, 1, 1)).NeededPerMonth);
    }

    // ---- Statuses ----

    [Fact]
    public void Completed_when_the_target_is_reached_during_or_after_the_period()
    {
        var during = ProgressMath.Row(Trainings, PeriodTotal(100_000m), 100_000m, Day(2023, 7, 2));
        var after = ProgressMath.Row(Trainings, PeriodTotal(100_000m), 100_001m, Day(2026, 3, 1));

        Assert.Equal(("Completed", 100.0m, true), (during.Status, during.Percent, during.OnTrack));
        Assert.Equal(("Completed", 100.0m), (after.Status, after.Percent));
    }

    [Fact]
    public void On_track_when_the_actual_reaches_the_expected_value_behind_otherwise()
    {
        // Half way, expected 50,000.
        Assert.Equal("OnTrack", ProgressMath.Row(Trainings, PeriodTotal(100_000m), 50_000m, Day(2023, 7, 2)).Status);
        Assert.Equal("OnTrack", ProgressMath.Row(Trainings, PeriodTotal(100_000m), 60_000m, Day(2023, 7, 2)).Status);
        Assert.Equal("Behind", ProgressMath.Row(Trainings, PeriodTotal(100_000m), 49_999m, Day(2023, 7, 2)).Status);

        // Before the period nothing is expected yet.
        Assert.Equal("OnTrack", ProgressMath.Row(Trainings, PeriodTotal(100_000m), 0m, Day(2020, 12, 31)).Status);
    }

    [Fact]
    public void Ended_when_the_period_is_over_and_the_target_not_reached()
    {
        var row = ProgressMath.Row(Trainings, PeriodTotal(100_000m), 99_999m, Day(2026, 1, 1));

        Assert.Equal("Ended", row.Status);
        Assert.Equal(100_000.00m, row.Expected);
        Assert.Equal(false, row.OnTrack);
        Assert.Equal(0, row.MonthsLeft);

        // 99,999 ÷ 100,000 = 99.999 % → 100.0 once rounded, yet not reached.
        Assert.Equal(100.0m, row.Percent);
    }

    [Fact]
    public void Not_recorded_when_the_platform_does_not_count_the_indicator()
    {
        var row = ProgressMath.Row(Parks, Target(60m, TargetKind.PeriodTotal), null, Day(2023, 7, 2));

        Assert.Equal("NotRecorded", row.Status);
        Assert.Null(row.Actual);
        Assert.Null(row.Percent);
        Assert.Null(row.OnTrack);
        Assert.Null(row.NeededPerMonth);

        // The even pace is still shown: 60 × 0.5 = 30; and the months left.
        Assert.Equal(30.00m, row.Expected);
        Assert.Equal(30, row.MonthsLeft);
        Assert.Equal(("return_home_parks", "市级返乡创业园", "个"), (row.IndicatorCode, row.NameZh, row.Unit));
    }

    // ---- Percent ----

    [Theory]
    // 1 ÷ 16 = 6.25 % → 6.3 (half away from zero, not to even).
    [InlineData(1, 16, 6.3)]
    // 1 ÷ 8 = 12.5 %.
    [InlineData(1, 8, 12.5)]
    // 1 ÷ 3 = 33.333… %; 2 ÷ 3 = 66.666… %.
    [InlineData(1, 3, 33.3)]
    [InlineData(2, 3, 66.7)]
    // 3 ÷ 4,000 = 0.075 % → 0.1.
    [InlineData(3, 4_000, 0.1)]
    // Beyond the target.
    [InlineData(150, 100, 150.0)]
    public void The_percentage_is_rounded_to_one_decimal_half_away_from_zero(int actual, int target, double percent)
    {
        Assert.Equal((decimal)percent, ProgressMath.Row(Trainings, PeriodTotal(target), actual, Day(2023, 7, 2)).Percent);
    }

    [Fact]
    public void A_target_of_zero_has_no_percentage_and_is_completed()
    {
        var row = ProgressMath.Row(Trainings, PeriodTotal(0m), 0m, Day(2023, 7, 2));

        Assert.Null(row.Percent);
        Assert.Equal("Completed", row.Status);
    }

    [Fact]
    public void The_row_carries_the_target_and_its_source()
    {
        var target = Target(28_000m, TargetKind.PeriodTotal);
        target.Source = "seed 001 乐山市“十四五”就业促进规划";

        var row = ProgressMath.Row(Trainings, target, 1m, Day(2023, 7, 2));

        Assert.Equal(("subsidised_trainings", "Subsidised vocational trainings", "511100", 2021, 2025), (row.IndicatorCode, row.NameEn, row.RegionCode, row.FromYear, row.ToYear));
        Assert.Equal((TargetKind.PeriodTotal, 28_000m, "seed 001 乐山市“十四五”就业促进规划"), (row.Kind, row.Target, row.Source));
    }

    private static Target PeriodTotal(decimal value) => Target(value, TargetKind.PeriodTotal);

    private static Target Target(decimal value, TargetKind kind, decimal baseline = 0m, int fromYear = 2021, int toYear = 2025) => new()
    {
        Id = Guid.NewGuid(),
        IndicatorCode = Trainings.Code,
        RegionCode = "511100",
        FromYear = fromYear,
        ToYear = toYear,
        Kind = kind,
        Value = value,
        Baseline = baseline,
        Source = "test",
    };

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);
}
