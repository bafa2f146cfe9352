namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>The accreditation levels, climbed in order.</summary>
internal enum StudioLevel
{
    /// <summary>市级: accredited by a city bureau (in Chongqing, the municipality's own level).</summary>
    Municipal,

    /// <summary>省级: accredited by the provincial department.</summary>
    Provincial,

    /// <summary>国家级: accredited by the Ministry of Human Resources and Social Security.</summary>
    National,
}

/// <summary>
/// The levels of the national vocational skill system: level 5 (初级) is the lowest and level 1
/// (高级技师) the highest. A master holds level 2 (技师) or level 1; apprentices reach any level.
/// </summary>
internal enum QualificationLevel
{
    Level5,
    Level4,
    Level3,
    Level2,
    Level1,
}

/// <summary>The occupation field of a studio, for statistics.</summary>
internal enum CraftField
{
    AdvancedManufacturing,
    ElectronicInformation,
    EnergyChemicals,
    Construction,
    Transport,
    Agriculture,
    TraditionalCrafts,
    FoodCatering,
    HealthCare,
    ModernServices,
}

internal static class StudioLevels
{
    public static string ChineseName(this StudioLevel level) => level switch
    {
        StudioLevel.Municipal => "市级",
        StudioLevel.Provincial => "省级",
        StudioLevel.National => "国家级",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static string ChineseName(this QualificationLevel level) => level switch
    {
        QualificationLevel.Level5 => "五级/初级工",
        QualificationLevel.Level4 => "四级/中级工",
        QualificationLevel.Level3 => "三级/高级工",
        QualificationLevel.Level2 => "二级/技师",
        QualificationLevel.Level1 => "一级/高级技师",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>The level below on the ladder; null for municipal.</summary>
    public static StudioLevel? Below(this StudioLevel level) => level == StudioLevel.Municipal ? null : level - 1;
}
