namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>An occupation of the catalogue (国家职业分类) and the levels training is offered at.</summary>
internal sealed class Occupation
{
    /// <summary>The catalogue code, such as <c>6-25-04-08</c>, or a local code for a special ability.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>The industry field, for statistics and the seeds' plan areas.</summary>
    public OccupationField Field { get; set; }

    /// <summary>Comma-separated <see cref="SkillLevel"/> names (see <see cref="SkillLevels.Join"/>).</summary>
    public string Levels { get; set; } = "";

    public DateOnly EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }

    /// <summary>True for the starter set seeded as sample data; a bureau replaces it with its own catalogue.</summary>
    public bool IsSample { get; set; }

    public IReadOnlyList<SkillLevel> LevelList => SkillLevels.Split(Levels);

    public bool Offers(SkillLevel level, DateOnly day) =>
        EffectiveFrom <= day && (EffectiveTo is null || day <= EffectiveTo) && LevelList.Contains(level);
}

/// <summary>Industry fields named in the seeds' plans.</summary>
internal enum OccupationField
{
    PhotovoltaicElectronics,
    TourismCatering,
    DomesticElderlyCare,
    Construction,
    EcommerceLivestream,
    Agriculture,
    Manufacturing,
    Services,
}
