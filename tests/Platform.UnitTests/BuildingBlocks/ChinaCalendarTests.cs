using Platform.BuildingBlocks.Time;

namespace Platform.UnitTests.BuildingBlocks;

public sealed class ChinaCalendarTests
{
    [Fact]
    public void Half_past_four_in_the_afternoon_utc_on_new_years_eve_is_already_new_years_day_in_china()
    {
        Assert.Equal(new DateOnly(2027, 1, 1), ChinaCalendar.DayOf(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void One_second_before_four_in_the_afternoon_utc_on_new_years_eve_is_still_new_years_eve_in_china()
    {
        Assert.Equal(new DateOnly(2026, 12, 31), ChinaCalendar.DayOf(new DateTimeOffset(2026, 12, 31, 15, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void Four_in_the_afternoon_utc_is_midnight_in_china()
    {
        Assert.Equal(new DateOnly(2027, 1, 1), ChinaCalendar.DayOf(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_offset_of_the_instant_given_does_not_matter()
    {
        var inNewYork = new DateTimeOffset(2026, 12, 31, 11, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new DateOnly(2027, 1, 1), ChinaCalendar.DayOf(inNewYork));
        Assert.Equal(TimeSpan.FromHours(8), ChinaCalendar.Offset);
    }

    [Fact]
    public void Today_is_the_china_day_of_the_clocks_now()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2027, 1, 1), ChinaCalendar.Today(clock));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void A_day_starts_at_16_00_UTC_of_the_day_before()
    {
        var start = ChinaCalendar.StartOf(new DateOnly(2027, 1, 1));

        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
        Assert.Equal(new DateOnly(2027, 1, 1), ChinaCalendar.DayOf(start));
        Assert.Equal(new DateOnly(2026, 12, 31), ChinaCalendar.DayOf(start.AddTicks(-1)));
    }
}
