namespace Platform.BuildingBlocks.Time;

/// <summary>
/// Days in China Standard Time (UTC+8, no daylight saving): a record made at 17:00 UTC on
/// 31 December belongs to the next calendar year in Chengdu. Every module counts days, years and periods this way.
/// </summary>
public static class ChinaCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The earliest day a request may name: the program's records start well after it.</summary>
    public static readonly DateOnly FirstDay = new(2000, 1, 1);

    /// <summary>The latest day a request may name; keeps day arithmetic (the next day, five years on) in range.</summary>
    public static readonly DateOnly LastDay = new(2099, 12, 31);

    public static DateOnly Today(TimeProvider time) => DayOf(time.GetUtcNow());

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The first instant of <paramref name="day"/> in China, in UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();
}
