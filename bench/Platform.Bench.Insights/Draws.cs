using System.Globalization;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Time;

namespace Platform.Bench.Insights;

/// <summary>
/// Keyed random draws (SplitMix64): the facts of entity <c>i</c> of a stream are a function of (seed, stream, i), so a
/// pass over one event kind can derive the voucher, veteran or founder another kind's event belongs to without keeping it.
/// </summary>
internal struct Dice
{
    private ulong state;

    public Dice(int seed, int stream, long index) =>
        state = Mix(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ Mix((ulong)(uint)stream + 0x632BE59BD9B4E019UL) ^ Mix((ulong)index ^ 0xD1B54A32D192ED03UL));

    public ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double Unit() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Below(int n) => (int)(((Next() >> 33) * (ulong)n) >> 31);

    /// <summary>Uniform in [0, n) for large n.</summary>
    public long Below(long n) => (long)(Unit() * n);

    /// <summary>Uniform in [low, high].</summary>
    public int Between(int low, int high) => low + Below(high - low + 1);

    public bool Chance(double p) => Unit() < p;

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Draws items by weight with a <see cref="Dice"/>: a cumulative table and a binary search.</summary>
internal sealed class Weighted<T>
{
    private readonly T[] items;
    private readonly double[] cumulative;

    public Weighted(IEnumerable<(T Item, double Weight)> weighted)
    {
        var list = weighted.Where(w => w.Weight > 0).ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A weighted table needs at least one item with a positive weight.", nameof(weighted));
        }

        items = list.Select(w => w.Item).ToArray();
        cumulative = new double[list.Length];
        var sum = 0.0;
        for (var i = 0; i < list.Length; i++)
        {
            sum += list[i].Weight;
            cumulative[i] = sum;
        }
    }

    public T Draw(ref Dice dice)
    {
        var index = Array.BinarySearch(cumulative, dice.Unit() * cumulative[^1]);
        return items[Math.Min(index < 0 ? ~index : index, items.Length - 1)];
    }
}

/// <summary>
/// The days events fall on, from <see cref="First"/> to <see cref="Today"/>: more each year (2022 lower, the pandemic),
/// fewer in February (Spring Festival) and October (National Day), a fifth as many on weekends.
/// </summary>
internal sealed class EventCalendar
{
    private static readonly Dictionary<int, double> YearWeight = new() { [2021] = 0.9, [2022] = 0.85, [2023] = 1.0, [2024] = 1.05, [2025] = 1.1, [2026] = 1.15 };

    private static readonly double[] MonthWeight = [0.9, 0.6, 1.1, 1.1, 1.05, 1.05, 1.0, 0.95, 1.05, 0.85, 1.1, 1.1];

    private readonly Weighted<DateOnly> days;

    public EventCalendar(DateOnly first, DateOnly today)
    {
        if (today < first)
        {
            throw new BenchFailureException($"Today ({today:yyyy-MM-dd}) is before the first day of the data ({first:yyyy-MM-dd}).");
        }

        First = first;
        Today = today;
        days = new Weighted<DateOnly>(Enumerable.Range(0, today.DayNumber - first.DayNumber + 1).Select(offset =>
        {
            var day = first.AddDays(offset);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            return (day, YearWeight.GetValueOrDefault(day.Year, 1.15) * MonthWeight[day.Month - 1] * (weekend ? 0.2 : 1.0));
        }));
    }

    public DateOnly First { get; }

    public DateOnly Today { get; }

    public DateOnly Draw(ref Dice dice) => days.Draw(ref dice);

    /// <summary><paramref name="lag"/> days after <paramref name="start"/>, folded back into the days up to today.</summary>
    public DateOnly After(DateOnly start, int lag)
    {
        var room = Today.DayNumber - start.DayNumber;
        return room <= 0 ? start : start.AddDays(lag <= room ? lag : lag % (room + 1));
    }

    /// <summary>An instant on <paramref name="day"/> in office hours (China time), as UTC.</summary>
    public static DateTimeOffset During(DateOnly day, ref Dice dice) =>
        ChinaCalendar.StartOf(day).AddHours(8.5).AddSeconds(dice.Below(9 * 3600));
}

/// <summary>
/// Where the events happen: every county of Sichuan and Chongqing in the embedded catalogue, cities weighted by their
/// resident population (2020 census, millions; Chongqing as one), counties within a city by a mild Zipf law over a
/// shuffled order (weight 1/rank^0.6).
/// </summary>
internal sealed class Geography
{
    private static readonly Dictionary<string, double> Population = new(StringComparer.Ordinal)
    {
        ["500000"] = 32.1,
        ["510100"] = 20.9,
        ["511300"] = 5.6,
        ["511700"] = 5.4,
        ["510700"] = 4.9,
        ["513400"] = 4.9,
        ["511500"] = 4.6,
        ["510500"] = 4.3,
        ["510600"] = 3.5,
        ["511600"] = 3.3,
        ["511100"] = 3.2,
        ["511000"] = 3.1,
        ["511400"] = 3.0,
        ["510900"] = 2.8,
        ["511900"] = 2.7,
        ["510300"] = 2.5,
        ["510800"] = 2.3,
        ["512000"] = 2.3,
        ["511800"] = 1.4,
        ["510400"] = 1.2,
        ["513300"] = 1.1,
        ["513200"] = 0.8,
    };

    private readonly Weighted<Weighted<string>> cities;
    private readonly Dictionary<string, string[]> countiesOfCity;

    public Geography(RegionCatalog catalog, int seed)
    {
        var shuffle = new Dice(seed, 900, 0);
        var grouped = catalog.All
            .Where(r => r.Level == RegionLevel.County && r.ParentCode is not null)
            .GroupBy(r => CityOf(r.Code), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (City: g.Key, Counties: g.Select(r => r.Code).OrderBy(_ => shuffle.Next()).ToArray()))
            .ToArray();
        countiesOfCity = grouped.ToDictionary(g => g.City, g => g.Counties, StringComparer.Ordinal);
        Counties = grouped.SelectMany(g => g.Counties).ToArray();
        Names = catalog.All.ToDictionary(r => r.Code, r => r.NameEn ?? r.Name, StringComparer.Ordinal);
        ChineseNames = catalog.All.ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
        cities = new Weighted<Weighted<string>>(grouped.Select(g =>
            (new Weighted<string>(g.Counties.Select((code, rank) => (code, Math.Pow(rank + 1, -0.6)))), Population.GetValueOrDefault(g.City, 1.0))));
    }

    public IReadOnlyList<string> Counties { get; }

    /// <summary>English (else Chinese) names by code, for the report.</summary>
    public IReadOnlyDictionary<string, string> Names { get; }

    public IReadOnlyDictionary<string, string> ChineseNames { get; }

    public string Draw(ref Dice dice) => cities.Draw(ref dice).Draw(ref dice);

    /// <summary>Another county of the same city (or the county itself when it is the only one).</summary>
    public string Neighbour(string county, ref Dice dice)
    {
        var counties = countiesOfCity[CityOf(county)];
        return counties[dice.Below(counties.Length)];
    }

    /// <summary>The city a county belongs to as the catalogue has it (Chongqing's districts and counties: the municipality).</summary>
    public static string CityOf(string county) => county.StartsWith("50", StringComparison.Ordinal) ? "500000" : string.Concat(county.AsSpan(0, 4), "00");

    public static string ProvinceOf(string code) => string.Concat(code.AsSpan(0, 2), "0000");
}

/// <summary>
/// The people of the events: person <c>p</c> has a valid, unique resident identity number (GB 11643: a county of the
/// catalogue, a birth day 1960–2003, a sequence, the check character) and its blind index under the host's key, as the
/// producing modules publish it.
/// </summary>
internal sealed class People(IPersonalDataProtector protector, IReadOnlyList<string> counties)
{
    private static readonly DateOnly Born = new(1960, 1, 1);

    public string IdentityNumber(long person)
    {
        var county = counties[(int)(person % counties.Count)];
        var rest = person / counties.Count;
        var birth = Born.AddDays((int)(rest % 16_000));
        var sequence = (rest / 16_000) % 1000;
        var body = string.Create(CultureInfo.InvariantCulture, $"{county}{birth:yyyyMMdd}{sequence:D3}");
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * ((1 << (17 - i)) % 11);
        }

        return body + "10X98765432"[sum % 11];
    }

    public string BlindIndex(long person) => protector.BlindIndex(PersonalDataKind.ResidentId, IdentityNumber(person));
}
