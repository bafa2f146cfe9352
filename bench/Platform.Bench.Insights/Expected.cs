using System.Text.Json;

namespace Platform.Bench.Insights;

/// <summary>
/// What the progress must show, tallied by the generator from the attributes it chose, independently of the module's
/// filters and counters: per indicator, region (county, city, province) and year, the count, sum or first appearances
/// of the seeded indicators' definitions as the bench reads them (e.g. migrant worker trainings: trainings whose
/// holder's groups include MigrantWorkers; returnee founders: each founder once, where and when their first business
/// was registered).
/// </summary>
internal sealed class Expected
{
    private const string FileName = "expected.json";

    private readonly Dictionary<(string Indicator, string Region, int Year), decimal> values = [];

    public void Add(string indicator, string county, DateOnly day, decimal value)
    {
        var city = Geography.CityOf(county);
        var province = Geography.ProvinceOf(county);
        Bump((indicator, county, day.Year), value);
        if (city != county)
        {
            Bump((indicator, city, day.Year), value);
        }

        if (province != city)
        {
            Bump((indicator, province, day.Year), value);
        }
    }

    /// <summary>The indicator's total in <paramref name="region"/> (a county, a city, a province) over the years given.</summary>
    public decimal Sum(string indicator, string region, int fromYear, int toYear)
    {
        var sum = 0m;
        for (var year = fromYear; year <= toYear; year++)
        {
            sum += values.GetValueOrDefault((indicator, region, year));
        }

        return sum;
    }

    public void Save(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(values.Select(v => new Entry(v.Key.Indicator, v.Key.Region, v.Key.Year, v.Value)).ToArray()));

    public static Expected Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var expected = new Expected();
        if (File.Exists(path))
        {
            foreach (var entry in JsonSerializer.Deserialize<Entry[]>(File.ReadAllText(path)) ?? [])
            {
                expected.values[(entry.Indicator, entry.Region, entry.Year)] = entry.Value;
            }
        }

        return expected;
    }

    private void Bump((string, string, int) key, decimal value) => values[key] = values.GetValueOrDefault(key) + value;

    private sealed record Entry(string Indicator, string Region, int Year, decimal Value);
}
