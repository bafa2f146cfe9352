using Platform.Bench.Vouchers;
using Platform.BuildingBlocks.Identity;
using Platform.Modules.SkillMasterStudios.Domain;

namespace Platform.Bench.Studios;

/// <summary>A prefecture-level city (Chongqing: the municipality) and its counties, drawn with a mild Zipf law.</summary>
internal sealed record StudioCity(string Code, string Name, double Weight, IReadOnlyList<string> Counties, WeightedTable<string> CountyTable)
{
    /// <summary>The county drawn most often: the "a county" of the statistics.</summary>
    public string BusiestCounty => CountyTable.Items[0];
}

/// <summary>
/// Where studios are: every county of Sichuan and Chongqing in the embedded catalogue, Chengdu, Chongqing
/// and Leshan weighted up (a quarter, a fifth and an eighth of the studios), the other Sichuan cities sharing the rest.
/// </summary>
internal sealed class StudioRegions
{
    private static readonly Dictionary<string, double> Favoured = new(StringComparer.Ordinal)
    {
        ["510100"] = 0.25,
        ["500000"] = 0.20,
        ["511100"] = 0.12,
    };

    private readonly Dictionary<string, StudioCity> cityOfCounty = new(StringComparer.Ordinal);

    public StudioRegions(RegionCatalog catalog, int seed)
    {
        var random = new Random(seed);
        var parents = catalog.All.Where(r => r.Level != RegionLevel.County).ToDictionary(r => r.Code, StringComparer.Ordinal);
        var groups = catalog.All
            .Where(r => r.Level == RegionLevel.County && r.ParentCode is not null)
            .GroupBy(r => r.ParentCode!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToArray();
        var others = groups.Count(g => !Favoured.ContainsKey(g.Key));
        var otherWeight = (1 - Favoured.Values.Sum()) / Math.Max(1, others);
        var cities = new List<StudioCity>();
        foreach (var group in groups)
        {
            var order = group.Select(r => r.Code).OrderBy(_ => random.Next()).ToArray();
            var table = new WeightedTable<string>(order.Select((code, rank) => (code, 1.0 / Math.Pow(rank + 1, 0.6))));
            var name = parents.TryGetValue(group.Key, out var parent) ? parent.NameEn ?? parent.Name : group.Key;
            var city = new StudioCity(group.Key, name, Favoured.GetValueOrDefault(group.Key, otherWeight), order, table);
            cities.Add(city);
            foreach (var county in order)
            {
                cityOfCounty[county] = city;
            }
        }

        Cities = cities;
        CityTable = new WeightedTable<StudioCity>(cities.Select(c => (c, c.Weight)));
    }

    public IReadOnlyList<StudioCity> Cities { get; }

    public WeightedTable<StudioCity> CityTable { get; }

    public StudioCity City(string code) => Cities.First(c => c.Code == code);

    public StudioCity CityOf(string county) => cityOfCounty[county];

    public string DrawCounty(Random random) => CityTable.Draw(random).CountyTable.Draw(random);
}

/// <summary>Occupations of each field (codes of the national occupational classification) and how common the fields are.</summary>
internal static class Crafts
{
    public static readonly IReadOnlyDictionary<CraftField, string[]> Occupations = new Dictionary<CraftField, string[]>
    {
        [CraftField.AdvancedManufacturing] = ["6-18-01-01", "6-18-01-02", "6-18-02-04", "6-20-03-01"],
        [CraftField.ElectronicInformation] = ["6-25-04-01", "4-04-05-01", "6-25-02-03"],
        [CraftField.EnergyChemicals] = ["6-11-01-01", "6-28-01-14", "6-07-01-02"],
        [CraftField.Construction] = ["6-29-01-01", "6-29-01-04", "6-29-03-01"],
        [CraftField.Transport] = ["6-31-01-03", "4-02-04-01", "6-31-03-01"],
        [CraftField.Agriculture] = ["5-01-02-01", "5-03-01-01", "5-05-01-02"],
        [CraftField.TraditionalCrafts] = ["6-08-04-05", "6-09-03-01", "6-10-02-03", "6-12-01-02"],
        [CraftField.FoodCatering] = ["4-03-02-01", "4-03-02-05", "6-02-06-01"],
        [CraftField.HealthCare] = ["4-14-01-01", "4-10-01-05", "4-14-02-02"],
        [CraftField.ModernServices] = ["4-10-03-02", "4-07-05-01", "4-10-01-06"],
    };

    public static readonly WeightedTable<CraftField> Fields = new(
    [
        (CraftField.AdvancedManufacturing, 20), (CraftField.ElectronicInformation, 10), (CraftField.EnergyChemicals, 8), (CraftField.Construction, 10),
        (CraftField.Transport, 10), (CraftField.Agriculture, 10), (CraftField.TraditionalCrafts, 10), (CraftField.FoodCatering, 8),
        (CraftField.HealthCare, 7), (CraftField.ModernServices, 7),
    ]);

    public static IEnumerable<string> AllOccupations => Occupations.Values.SelectMany(o => o);
}

/// <summary>One studio's history as the planner decided it, before any row exists.</summary>
internal sealed class PlannedStudio
{
    public required string County { get; init; }

    public required CraftField Field { get; init; }

    public required string Occupation { get; init; }

    public required StudioStatus Status { get; init; }

    /// <summary>The level of each accreditation, oldest first (1–3 consecutive three-year terms).</summary>
    public required StudioLevel[] Levels { get; init; }

    public required DateOnly AccreditedOn { get; init; }

    /// <summary>The day a revoked studio was revoked; <see cref="DateOnly.MinValue"/> otherwise.</summary>
    public DateOnly RevokedOn { get; init; }

    public StudioLevel Level => Levels[^1];

    public DateOnly TermStarts(int term) => AccreditedOn.AddYears(3 * term);

    public DateOnly TermEndsOn => TermStarts(Levels.Length).AddDays(-1);

    /// <summary>The level during <paramref name="year"/>: that of the last term started by its end.</summary>
    public StudioLevel LevelIn(int year)
    {
        var level = Levels[0];
        for (var term = 0; term < Levels.Length && TermStarts(term).Year <= year; term++)
        {
            level = Levels[term];
        }

        return level;
    }

    /// <summary>The years it reports on: from its first year to the last one over, within its terms, not the year it was revoked.</summary>
    public (int First, int Last) ReportYears(int lastYearOver)
    {
        var end = Status switch
        {
            StudioStatus.Revoked => RevokedOn.Year - 1,
            StudioStatus.Expired => TermEndsOn.Year,
            _ => lastYearOver,
        };
        return (AccreditedOn.Year, Math.Min(end, lastYearOver));
    }
}

/// <summary>The planned data: studios, the annual reports (one per studio and year, some missing), apprentices per report.</summary>
internal sealed class StudioPlanner(StudioRegions regions, int seed, DateOnly today)
{
    /// <summary>Funding standards exist from 2011 for national studios and from 2019 for the others (the seeded samples), and approval needs one.</summary>
    private static readonly DateOnly NationalFrom = new(2011, 1, 1);
    private static readonly DateOnly OthersFrom = new(2019, 1, 1);

    private readonly Random random = new(seed);

    public PlannedStudio[] Studios { get; private set; } = [];

    /// <summary>Per report, in studio order: the studio's index, the year, and the apprentices listed.</summary>
    public List<(int Studio, int Year, int Apprentices)> Reports { get; } = [];

    /// <summary>Per studio, the index of its first report in <see cref="Reports"/> (one more entry at the end).</summary>
    public int[] FirstReport { get; private set; } = [];

    public int MissingReports { get; private set; }

    public void Plan(int studios, int apprentices)
    {
        Studios = new PlannedStudio[studios];
        FirstReport = new int[studios + 1];
        var lastYearOver = today.Year - 1;
        for (var i = 0; i < studios; i++)
        {
            var studio = Studios[i] = NextStudio();
            FirstReport[i] = Reports.Count;
            var (first, last) = studio.ReportYears(lastYearOver);
            for (var year = first; year <= last; year++)
            {
                // About one report in twenty was never sent; one in twelve of last year's is still missing.
                if (random.NextDouble() < (year == lastYearOver ? 0.08 : 0.05))
                {
                    MissingReports++;
                    continue;
                }

                Reports.Add((i, year, 0));
            }
        }

        FirstReport[studios] = Reports.Count;
        if (Reports.Count == 0 && apprentices > 0)
        {
            throw new BenchFailureException("No annual report to list apprentices in: generate more studios.");
        }

        // Apprentices spread over the reports at random, more in higher-level studios.
        var counts = new int[Reports.Count];
        var table = new WeightedTable<int>(Enumerable.Range(0, Reports.Count).Select(r =>
            (r, Studios[Reports[r].Studio].LevelIn(Reports[r].Year) switch { StudioLevel.National => 2.5, StudioLevel.Provincial => 1.6, _ => 1.0 })));
        for (var a = 0; a < apprentices; a++)
        {
            counts[table.Draw(random)]++;
        }

        for (var r = 0; r < counts.Length; r++)
        {
            Reports[r] = Reports[r] with { Apprentices = counts[r] };
        }
    }

    private PlannedStudio NextStudio()
    {
        var county = regions.DrawCounty(random);
        var field = Crafts.Fields.Draw(random);
        var occupations = Crafts.Occupations[field];
        var roll = random.NextDouble();
        var level = roll < 0.80 ? StudioLevel.Municipal : roll < 0.95 ? StudioLevel.Provincial : StudioLevel.National;
        roll = random.NextDouble();
        var status = roll < 0.90 ? StudioStatus.Active : roll < 0.97 ? StudioStatus.Expired : StudioStatus.Revoked;
        roll = random.NextDouble();
        var terms = roll < 0.55 ? 1 : roll < 0.85 ? 2 : 3;

        // Levels climb one step at a time (or are renewed) up to the current one.
        var levels = new StudioLevel[terms];
        levels[^1] = level;
        for (var t = terms - 2; t >= 0; t--)
        {
            levels[t] = levels[t + 1] > StudioLevel.Municipal && random.NextDouble() < 0.5 ? levels[t + 1] - 1 : levels[t + 1];
        }

        // The last term's start: active studios are within it today, expired ones ended it, revoked ones left it early.
        DateOnly lastStart;
        var revokedOn = DateOnly.MinValue;
        switch (status)
        {
            case StudioStatus.Active:
                lastStart = today.AddDays(-random.Next(3 * 365));
                break;
            case StudioStatus.Expired:
                lastStart = today.AddDays(-1 - random.Next(3 * 365)).AddYears(-3);
                break;
            default:
                lastStart = today.AddDays(-200 - random.Next(3 * 365));
                var span = Math.Min(3 * 365, today.DayNumber - 1 - lastStart.DayNumber);
                revokedOn = lastStart.AddDays(Math.Min(span, 150 + random.Next(Math.Max(1, span - 150))));
                break;
        }

        var accreditedOn = lastStart.AddYears(-3 * (terms - 1));
        while (accreditedOn < (levels[0] == StudioLevel.National ? NationalFrom : OthersFrom) && levels.Length > 1)
        {
            levels = levels[1..];
            accreditedOn = accreditedOn.AddYears(3);
        }

        if (accreditedOn < (levels[0] == StudioLevel.National ? NationalFrom : OthersFrom))
        {
            // An expired studio with a single term that ended before standards existed: move it to the last three years.
            accreditedOn = OthersFrom.AddDays(random.Next(365));
        }

        return new PlannedStudio
        {
            County = county,
            Field = field,
            Occupation = occupations[random.Next(occupations.Length)],
            Status = status,
            Levels = levels,
            AccreditedOn = accreditedOn,
            RevokedOn = revokedOn,
        };
    }
}
