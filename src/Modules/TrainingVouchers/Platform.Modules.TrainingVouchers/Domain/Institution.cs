using Platform.BuildingBlocks.Concurrency;

namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>An approved training institution (定点培训机构), identified by its unified social credit code.</summary>
internal sealed class Institution : IVersioned
{
    public string CreditCode { get; set; } = "";

    public string Name { get; set; } = "";

    public string RegionCode { get; set; } = "";

    public InstitutionStatus Status { get; set; } = InstitutionStatus.Approved;

    /// <summary>Why the institution was suspended or revoked.</summary>
    public string? StatusReason { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    public bool IsSample { get; set; }

    public List<InstitutionLicence> Licences { get; set; } = [];

    public int Version { get; set; }

    /// <summary>True when the institution may train <paramref name="occupationCode"/> at <paramref name="level"/> on <paramref name="day"/>.</summary>
    public bool IsLicensedFor(string occupationCode, SkillLevel level, DateOnly day) =>
        Licences.Any(l => l.OccupationCode == occupationCode && l.Level == level && l.ValidFrom <= day && (l.ValidTo is null || day <= l.ValidTo));
}

internal enum InstitutionStatus
{
    Approved,
    Suspended,
    Revoked,
}

/// <summary>An occupation and level an institution is licensed to train, for a period.</summary>
internal sealed class InstitutionLicence
{
    public Guid Id { get; set; }

    public string InstitutionCode { get; set; } = "";

    public string OccupationCode { get; set; } = "";

    public SkillLevel Level { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }
}
