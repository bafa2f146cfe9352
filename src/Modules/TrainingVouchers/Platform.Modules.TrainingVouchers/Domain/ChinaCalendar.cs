namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>
/// Days in China Standard Time (UTC+8, no daylight saving): a voucher issued at 07:00 UTC on
/// 31 December belongs to the next calendar year's quota in Chengdu.
/// </summary>
internal static class ChinaCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider time) => DayOf(time.GetUtcNow());

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The first instant of <paramref name="day"/> in China, in UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();
}
