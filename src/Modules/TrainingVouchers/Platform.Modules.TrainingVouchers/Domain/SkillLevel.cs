namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>
/// The levels of the national vocational skill system: special ability (专项职业能力) stands apart;
/// level 5 (初级) is the lowest of the ladder and level 1 (高级技师) the highest.
/// </summary>
internal enum SkillLevel
{
    SpecialAbility,
    Level5,
    Level4,
    Level3,
    Level2,
    Level1,
}

internal static class SkillLevels
{
    public static string ChineseName(this SkillLevel level) => level switch
    {
        SkillLevel.SpecialAbility => "专项职业能力",
        SkillLevel.Level5 => "五级/初级工",
        SkillLevel.Level4 => "四级/中级工",
        SkillLevel.Level3 => "三级/高级工",
        SkillLevel.Level2 => "二级/技师",
        SkillLevel.Level1 => "一级/高级技师",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>
    /// True when <paramref name="held"/> is the same level as <paramref name="wanted"/> or higher on the
    /// ladder. Special ability is off the ladder: it only matches itself.
    /// </summary>
    public static bool IsSameOrHigher(SkillLevel held, SkillLevel wanted) =>
        held == SkillLevel.SpecialAbility || wanted == SkillLevel.SpecialAbility
            ? held == wanted
            : held >= wanted;

    /// <summary>Levels stored as one comma-separated column: <c>Level5,Level4</c>.</summary>
    public static string Join(IEnumerable<SkillLevel> levels) => string.Join(',', levels.Distinct().Order());

    public static IReadOnlyList<SkillLevel> Split(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Enum.Parse<SkillLevel>)
            .ToArray();
}
