using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>
/// A master craftsman: a person (one record per person, found by the identity number's blind index)
/// with a high skill qualification in an occupation, honours and an employer.
/// </summary>
internal sealed class Master : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public EncryptedPersonalData Person { get; set; } = null!;

    /// <summary>The master's name as it appears on honours and accreditation documents.</summary>
    public string Name { get; set; } = "";

    public DateOnly BirthDate { get; set; }

    public string OccupationCode { get; set; } = "";

    public QualificationLevel QualificationLevel { get; set; }

    /// <summary>Honours, one per line (中华技能大奖, 全国技术能手, a provincial champion title …).</summary>
    public string Honours { get; set; } = "";

    /// <summary>The employer's unified social credit code.</summary>
    public string EmployerCode { get; set; } = "";

    public string RegionCode { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }

    public string RegisteredBy { get; set; } = "";

    public DateTimeOffset? UpdatedAt { get; set; }

    public int Version { get; set; }

    public IReadOnlyList<string> HonourList => Honours.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static string JoinHonours(IEnumerable<string> honours) => string.Join('\n', honours.Select(h => h.Trim()).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal));

    /// <summary>True when the qualification allows leading a studio: technician (level 2) or senior technician (level 1).</summary>
    public bool IsQualifiedToLead => QualificationLevel >= QualificationLevel.Level2;
}
