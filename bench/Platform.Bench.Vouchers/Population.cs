using System.Globalization;
using System.Text.Json;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.Bench.Vouchers;

/// <summary>A city of the data and its counties (Chongqing: the municipality and its districts and counties).</summary>
internal sealed record City(string Code, string Name, double Weight, IReadOnlyList<string> Counties, WeightedTable<string> CountyTable);

/// <summary>
/// Where the vouchers are issued: the counties of Leshan (5111xx), Mianyang (5107xx), Nanchong (5113xx),
/// Chengdu (5101xx) and Chongqing (5001xx, 5002xx), from the embedded region catalogue.
/// </summary>
internal sealed class RegionPlan
{
    private static readonly (string Code, string Name, double Weight, string[] Prefixes)[] CityRows =
    [
        ("511100", "Leshan", 0.14, ["5111"]),
        ("510700", "Mianyang", 0.12, ["5107"]),
        ("511300", "Nanchong", 0.14, ["5113"]),
        ("510100", "Chengdu", 0.30, ["5101"]),
        ("500000", "Chongqing", 0.30, ["5001", "5002"]),
    ];

    private readonly Dictionary<string, int> cityOfCounty = new(StringComparer.Ordinal);

    public RegionPlan(RegionCatalog catalog, int seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var random = new Random(seed);
        var cities = new List<City>();
        foreach (var (code, name, weight, prefixes) in CityRows)
        {
            var counties = catalog.All
                .Where(r => r.Level == RegionLevel.County && prefixes.Any(p => r.Code.StartsWith(p, StringComparison.Ordinal)))
                .Select(r => r.Code)
                .ToArray();
            if (counties.Length == 0)
            {
                throw new Platform.Bench.BenchFailureException($"The region catalogue has no county of {name} ({code}).");
            }

            // Some districts are busier than others: a mild Zipf law over a shuffled order.
            var order = counties.OrderBy(_ => random.Next()).ToArray();
            var table = new WeightedTable<string>(order.Select((c, rank) => (c, 1.0 / Math.Pow(rank + 1, 0.6))));
            cities.Add(new City(code, name, weight, counties, table));
            foreach (var county in counties)
            {
                cityOfCounty[county] = cities.Count - 1;
            }
        }

        Cities = cities;
        CityTable = new WeightedTable<City>(cities.Select(c => (c, c.Weight)));
        Counties = cities.SelectMany(c => c.Counties).ToArray();
        AllCounties = catalog.All.Where(r => r.Level == RegionLevel.County).Select(r => r.Code).ToArray();
    }

    public IReadOnlyList<City> Cities { get; }

    public WeightedTable<City> CityTable { get; }

    /// <summary>Every county of the five cities.</summary>
    public IReadOnlyList<string> Counties { get; }

    /// <summary>Every county of Sichuan and Chongqing in the catalogue: where migrants' identity numbers were registered.</summary>
    public IReadOnlyList<string> AllCounties { get; }

    public City CityOf(string county) => Cities[cityOfCounty[county]];
}

/// <summary>GB 11643 resident identity numbers: region, birth date, sequence and the check character.</summary>
internal static class IdentityNumbers
{
    private const string CheckCharacters = "10X98765432";

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    public static string Make(string regionCode, DateOnly birthDate, int sequence)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{regionCode}{birthDate:yyyyMMdd}{sequence:D3}");
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return first17 + CheckCharacters[sum % 11];
    }
}

/// <summary>
/// The holders: a deterministic function of the seed, so a reused folder regenerates the same people
/// (and the search benchmark can look up holders that exist). Identity numbers are valid and unique,
/// registered in a county of the catalogue; birth dates keep every holder within working age over
/// 2021–2026; about 30 % are migrant workers.
/// </summary>
internal sealed class Population
{
    private static readonly (TraineeGroup Group, double Share, string Evidence)[] GroupRows =
    [
        (TraineeGroup.MigrantWorkers, 0.30, "外出务工证明 WG"),
        (TraineeGroup.RuralLabour, 0.28, "农村劳动力登记 NL"),
        (TraineeGroup.CollegeGraduates, 0.12, "毕业证书 BY"),
        (TraineeGroup.RegisteredUnemployed, 0.12, "失业登记证 SY"),
        (TraineeGroup.PovertyAlleviatedLabour, 0.08, "脱贫人口信息系统 TP"),
        (TraineeGroup.Returnees, 0.07, "返乡入乡创业登记 FX"),
        (TraineeGroup.EmploymentDifficulty, 0.05, "就业困难人员认定 KN"),
        (TraineeGroup.Veterans, 0.03, "退役军人优待证 TY"),
        (TraineeGroup.PeopleWithDisabilities, 0.02, "残疾人证 CJ"),
    ];

    private static readonly DateOnly EarliestBirth = new(1968, 1, 1);
    private static readonly DateOnly LatestBirth = new(2002, 12, 31);

    private Population(int count)
    {
        IdNumbers = new string[count];
        BirthDates = new DateOnly[count];
        HomeCounties = new string[count];
        Groups = new TraineeGroups[count];
        Evidence = new string[count];
        BlindIndexes = new string[count];
    }

    public string[] IdNumbers { get; }

    public DateOnly[] BirthDates { get; }

    public string[] HomeCounties { get; }

    public TraineeGroups[] Groups { get; }

    /// <summary>The group evidence JSON as issuing stores it (group name → evidence).</summary>
    public string[] Evidence { get; }

    public string[] BlindIndexes { get; }

    public int Count => IdNumbers.Length;

    public static Population Create(int count, int seed, RegionPlan regions, IPersonalDataProtector protector)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(protector);
        var random = new Random(seed);
        var people = new Population(count);
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        var birthSpan = LatestBirth.DayNumber - EarliestBirth.DayNumber + 1;
        for (var p = 0; p < count; p++)
        {
            var city = regions.CityTable.Draw(random);
            var home = city.CountyTable.Draw(random);
            var registered = random.NextDouble() < 0.75 ? home : regions.AllCounties[random.Next(regions.AllCounties.Count)];
            string id;
            DateOnly birth;
            do
            {
                birth = DateOnly.FromDayNumber(EarliestBirth.DayNumber + random.Next(birthSpan));
                id = IdentityNumbers.Make(registered, birth, random.Next(1000));
            }
            while (!seen.Add(id));

            var groups = TraineeGroups.None;
            var evidence = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (group, share, text) in GroupRows)
            {
                if (random.NextDouble() < share)
                {
                    groups |= group.Flag();
                    evidence[group.ToString()] = string.Create(CultureInfo.InvariantCulture, $"{text}{random.Next(100_000, 1_000_000)}");
                }
            }

            if (groups == TraineeGroups.None)
            {
                var group = random.NextDouble() < 0.5 ? TraineeGroup.RegisteredUnemployed : TraineeGroup.RuralLabour;
                groups = group.Flag();
                evidence[group.ToString()] = string.Create(CultureInfo.InvariantCulture, $"{GroupRows.First(g => g.Group == group).Evidence}{random.Next(100_000, 1_000_000)}");
            }

            people.IdNumbers[p] = id;
            people.BirthDates[p] = birth;
            people.HomeCounties[p] = home;
            people.Groups[p] = groups;

            // Ordered as TraineeGroupSets.Each, as a request listing the groups in that order would store them.
            people.Evidence[p] = JsonSerializer.Serialize(evidence.OrderBy(e => Enum.Parse<TraineeGroup>(e.Key)).ToDictionary(e => e.Key, e => e.Value));
            people.BlindIndexes[p] = protector.BlindIndex(PersonalDataKind.ResidentId, id);
        }

        return people;
    }
}
