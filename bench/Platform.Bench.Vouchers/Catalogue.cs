using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.ReferenceData;
using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Bench.Vouchers;

/// <summary>An occupation and level training is offered at, with how popular it is.</summary>
internal sealed record Training(int Index, string OccupationCode, SkillLevel Level, double Weight, bool Licensed);

/// <summary>
/// The reference data the host seeded (occupations, standards, program rules, institutions with their
/// licences), read back from the database, and the choices the generator makes among it.
/// </summary>
internal sealed class Catalogue
{
    // How often an occupation is trained, relative to 2 (elderly care, electricians, cooks and livestream sellers lead).
    private static readonly Dictionary<string, double> OccupationWeights = new(StringComparer.Ordinal)
    {
        ["4-10-01-05"] = 10,
        ["4-10-01-06"] = 8,
        ["6-31-01-03"] = 9,
        ["4-03-02-01"] = 8,
        ["4-01-02-07"] = 7,
        ["6-18-02-04"] = 6,
        ["4-12-01-01"] = 5,
        ["4-10-01-02"] = 5,
        ["4-03-02-02"] = 4,
        ["4-03-02-05"] = 4,
        ["6-24-04-04"] = 4,
        ["4-10-03-02"] = 4,
        ["Z-50-001"] = 4,
        ["4-10-01-03"] = 3,
        ["6-25-04-01"] = 3,
        ["4-01-02-02"] = 3,
        ["Z-51-002"] = 3,
        ["6-29-01-01"] = 3,
        ["6-29-01-04"] = 3,
        ["4-03-02-07"] = 2,
        ["5-05-01-02"] = 1,
        ["4-08-05-01"] = 1,
        ["Z-50-002"] = 1,
        ["Z-51-001"] = 1,
    };

    private static readonly Dictionary<SkillLevel, double> LevelWeights = new()
    {
        [SkillLevel.SpecialAbility] = 1.0,
        [SkillLevel.Level5] = 0.55,
        [SkillLevel.Level4] = 0.27,
        [SkillLevel.Level3] = 0.12,
        [SkillLevel.Level2] = 0.04,
        [SkillLevel.Level1] = 0.02,
    };

    private readonly Dictionary<(int Training, string County), SubsidyStandard?> standardCache = new();
    private readonly Dictionary<string, ProgramRules?> rulesCache = new(StringComparer.Ordinal);
    private readonly List<int>[] licensedAt;

    private Catalogue(
        IReadOnlyList<Occupation> occupations, IReadOnlyList<SubsidyStandard> standards, IReadOnlyList<ProgramRules> rules, IReadOnlyList<Institution> institutions)
    {
        Occupations = occupations;
        Standards = standards;
        Rules = rules;
        Institutions = institutions;
        var trainings = new List<Training>();
        foreach (var occupation in occupations.OrderBy(o => o.Code, StringComparer.Ordinal))
        {
            var levels = occupation.LevelList;
            var levelSum = levels.Sum(l => LevelWeights[l]);
            foreach (var level in levels)
            {
                var licensed = institutions.Any(i => i.Licences.Any(l => l.OccupationCode == occupation.Code && l.Level == level));
                var weight = OccupationWeights.GetValueOrDefault(occupation.Code, 2.0) * LevelWeights[level] / levelSum;
                trainings.Add(new Training(trainings.Count, occupation.Code, level, weight, licensed));
            }
        }

        Trainings = trainings;
        AllTrainings = new WeightedTable<Training>(trainings.Select(t => (t, t.Weight)));
        LicensedTrainings = new WeightedTable<Training>(trainings.Where(t => t.Licensed).Select(t => (t, t.Weight)));
        licensedAt = trainings
            .Select(t => institutions
                .Select((institution, index) => (institution, index))
                .Where(x => x.institution.Licences.Any(l => l.OccupationCode == t.OccupationCode && l.Level == t.Level))
                .Select(x => x.index)
                .ToList())
            .ToArray();
    }

    public IReadOnlyList<Occupation> Occupations { get; }

    public IReadOnlyList<SubsidyStandard> Standards { get; }

    public IReadOnlyList<ProgramRules> Rules { get; }

    public IReadOnlyList<Institution> Institutions { get; }

    public IReadOnlyList<Training> Trainings { get; }

    /// <summary>Every occupation and level of the catalogue (each has a provincial standard in both provinces).</summary>
    public WeightedTable<Training> AllTrainings { get; }

    /// <summary>Those some institution is licensed for: what operators mostly issue, since only those can be used.</summary>
    public WeightedTable<Training> LicensedTrainings { get; }

    public static async Task<Catalogue> LoadAsync(TrainingVouchersDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var occupations = await db.Occupations.AsNoTracking().ToListAsync(cancellationToken);
        var standards = await db.SubsidyStandards.AsNoTracking().ToListAsync(cancellationToken);
        var rules = await db.ProgramRules.AsNoTracking().ToListAsync(cancellationToken);
        var institutions = await db.Institutions.AsNoTracking().Include(i => i.Licences).OrderBy(i => i.CreditCode).ToListAsync(cancellationToken);
        if (occupations.Count == 0 || standards.Count == 0 || rules.Count == 0 || institutions.Count == 0)
        {
            throw new Platform.Bench.BenchFailureException(
                $"The seeded reference data is missing ({occupations.Count} occupations, {standards.Count} standards, {rules.Count} program rules, {institutions.Count} institutions): did the setup start seed the database?");
        }

        return new Catalogue(occupations, standards, rules, institutions);
    }

    public Training DrawTraining(Random random) =>
        random.NextDouble() < 0.85 ? LicensedTrainings.Draw(random) : AllTrainings.Draw(random);

    /// <summary>The standard in force in <paramref name="county"/> on <paramref name="day"/>, as issuing picks it.</summary>
    public SubsidyStandard? StandardFor(Training training, string county, DateOnly day)
    {
        if (standardCache.TryGetValue((training.Index, county), out var cached) && (cached is null || RegionalRules.IsValidOn(cached, day)))
        {
            return cached;
        }

        var found = RegionalRules.InForce(Standards.Where(s => s.OccupationCode == training.OccupationCode && s.Level == training.Level), county, day);
        standardCache[(training.Index, county)] = found;
        return found;
    }

    public ProgramRules RulesFor(string county, DateOnly day)
    {
        if (!rulesCache.TryGetValue(county, out var rules) || rules is null || !RegionalRules.IsValidOn(rules, day))
        {
            rules = RegionalRules.InForce(Rules, county, day);
            rulesCache[county] = rules;
        }

        return rules ?? throw new Platform.Bench.BenchFailureException($"No program rules in force for {county} on {day:yyyy-MM-dd}.");
    }

    /// <summary>
    /// An institution licensed for the training and in good standing on <paramref name="day"/>: mostly one of
    /// the holder's city, sometimes elsewhere in the province, rarely across the provincial border; -1 when none.
    /// </summary>
    public int PickInstitution(Training training, string county, string cityCode, DateOnly day, Random random)
    {
        var candidates = licensedAt[training.Index];
        if (candidates.Count == 0)
        {
            return -1;
        }

        Span<double> weights = stackalloc double[candidates.Count];
        var total = 0.0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var institution = Institutions[candidates[i]];
            var approved = institution.Status == InstitutionStatus.Approved
                || ChinaCalendar.DayOf(institution.StatusChangedAt) > day;
            var sameCity = cityCode == "500000"
                ? institution.RegionCode.StartsWith("50", StringComparison.Ordinal)
                : institution.RegionCode.AsSpan(0, 4).SequenceEqual(cityCode.AsSpan(0, 4));
            var sameProvince = institution.RegionCode.AsSpan(0, 2).SequenceEqual(county.AsSpan(0, 2));
            weights[i] = !approved ? 0 : sameCity ? 12 : sameProvince ? 3 : 1;
            total += weights[i];
        }

        if (total <= 0)
        {
            return -1;
        }

        var target = random.NextDouble() * total;
        for (var i = 0; i < candidates.Count; i++)
        {
            target -= weights[i];
            if (target < 0 && weights[i] > 0)
            {
                return candidates[i];
            }
        }

        for (var i = candidates.Count - 1; i >= 0; i--)
        {
            if (weights[i] > 0)
            {
                return candidates[i];
            }
        }

        return -1;
    }
}
