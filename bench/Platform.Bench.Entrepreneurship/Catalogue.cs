using System.Globalization;
using Platform.Bench.Vouchers;
using Platform.BuildingBlocks.Identity;

namespace Platform.Bench.Entrepreneurship;

/// <summary>
/// Where founders come home to: every county of Sichuan and Chongqing in the embedded catalogue, grouped by
/// city (Chongqing: the municipality); Chongqing takes 22 %, Chengdu 16 % and Leshan 12 % (its bureau reports
/// more than 22,000 returnee founders), the other Sichuan cities share the rest evenly, and within a city the
/// counties follow a mild Zipf law (a shuffled order, weight 1/rank^0.6).
/// </summary>
internal sealed class EntrepreneurRegions
{
    private static readonly Dictionary<string, double> Heavier = new(StringComparer.Ordinal) { ["500000"] = 0.22, ["510100"] = 0.16, ["511100"] = 0.12 };

    private readonly WeightedTable<(string City, WeightedTable<string> Counties)> table;
    private readonly Dictionary<string, string[]> countiesOfCity;

    public EntrepreneurRegions(RegionCatalog catalog, int seed)
    {
        var shuffle = new Random(seed);
        var cities = catalog.All
            .Where(r => r.Level == RegionLevel.County && r.ParentCode is not null)
            .GroupBy(r => r.ParentCode!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (City: g.Key, Counties: g.Select(r => r.Code).OrderBy(_ => shuffle.Next()).ToArray()))
            .ToArray();
        var lighter = (1 - Heavier.Values.Sum()) / Math.Max(1, cities.Count(c => !Heavier.ContainsKey(c.City)));
        countiesOfCity = cities.ToDictionary(c => c.City, c => c.Counties, StringComparer.Ordinal);
        Counties = cities.SelectMany(c => c.Counties).ToArray();
        Names = catalog.All.ToDictionary(r => r.Code, r => r.NameEn ?? r.Name, StringComparer.Ordinal);
        table = new WeightedTable<(string, WeightedTable<string>)>(cities.Select(c =>
            ((c.City, new WeightedTable<string>(c.Counties.Select((code, rank) => (code, Math.Pow(rank + 1, -0.6))))), Heavier.GetValueOrDefault(c.City, lighter))));
    }

    public IReadOnlyList<string> Counties { get; }

    /// <summary>English (else Chinese) names by code, for the report.</summary>
    public IReadOnlyDictionary<string, string> Names { get; }

    public string Draw(Random random) => table.Draw(random).Counties.Draw(random);

    /// <summary>Another county of the same city (or the county itself when it is the only one).</summary>
    public string Neighbour(string county, Random random)
    {
        var counties = countiesOfCity[CityOf(county)];
        return counties[random.Next(counties.Length)];
    }

    /// <summary>The city (prefecture, or the Chongqing municipality) a county belongs to.</summary>
    public static string CityOf(string county) => county.StartsWith("50", StringComparison.Ordinal) ? "500000" : string.Concat(county.AsSpan(0, 4), "00");

    /// <summary>The province of a code: 510000 or 500000.</summary>
    public static string ProvinceOf(string code) => string.Concat(code.AsSpan(0, 2), "0000");
}

/// <summary>A lending bank: unified social credit code, name, the province it lends in, a short form for contract numbers.</summary>
internal sealed record Bank(string Code, string Name, string Province, string Short);

/// <summary>
/// The banks: the benchmark bank (a fixed credit code, <c>91510000MA6CBENCH</c> plus its check character for a
/// Sichuan region, <c>91500000MA6CBENCH…</c> for Chongqing), which holds the running loans of the claim, and
/// five more banks per province with codes drawn from the seed; and a guarantee fund per city.
/// </summary>
internal sealed class BankCatalog
{
    private static readonly (string Name, string Short)[] SichuanBanks =
        [("中国农业银行四川省分行", "ABC-SC"), ("中国邮政储蓄银行四川省分行", "PSBC-SC"), ("乐山市商业银行", "LSCCB"), ("成都农村商业银行", "CDRCB"), ("中国建设银行四川省分行", "CCB-SC")];

    private static readonly (string Name, string Short)[] ChongqingBanks =
        [("重庆农村商业银行", "CQRCB"), ("中国农业银行重庆市分行", "ABC-CQ"), ("重庆银行", "BCQ"), ("中国邮政储蓄银行重庆分行", "PSBC-CQ"), ("重庆三峡银行", "CQTGB")];

    private readonly Dictionary<string, string> funds = new(StringComparer.Ordinal);
    private readonly Random random;

    public BankCatalog(string benchmarkRegion, int seed)
    {
        random = new Random(seed);
        var province = EntrepreneurRegions.ProvinceOf(benchmarkRegion);
        Benchmark = new Bank(
            CreditCodes.Complete(string.Concat("91", province, "MA6CBENCH")),
            province == "510000" ? "四川农商联合银行（基准测试）" : "重庆农村商业银行（基准测试）",
            province,
            "BENCH");
        var others = SichuanBanks.Select(b => new Bank(CreditCodes.Random(random, "91", "510000"), b.Name, "510000", b.Short))
            .Concat(ChongqingBanks.Select(b => new Bank(CreditCodes.Random(random, "91", "500000"), b.Name, "500000", b.Short)))
            .ToArray();
        Others = others.GroupBy(b => b.Province, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        All = [Benchmark, .. others];
    }

    public Bank Benchmark { get; }

    /// <summary>Every bank; index 0 is the benchmark bank.</summary>
    public IReadOnlyList<Bank> All { get; }

    /// <summary>The other banks of each province.</summary>
    public IReadOnlyDictionary<string, Bank[]> Others { get; }

    /// <summary>The index in <see cref="All"/> of a random bank of <paramref name="province"/> other than the benchmark bank.</summary>
    public int OtherOf(string province, Random draw)
    {
        var bank = Others[province][draw.Next(Others[province].Length)];
        return All.Select((b, i) => (b, i)).First(p => ReferenceEquals(p.b, bank)).i;
    }

    /// <summary>The guarantee fund of a county's city (a public institution's credit code, 12…).</summary>
    public string FundOf(string county)
    {
        var city = EntrepreneurRegions.CityOf(county);
        if (!funds.TryGetValue(city, out var code))
        {
            code = funds[city] = CreditCodes.Random(random, "12", city);
        }

        return code;
    }
}

/// <summary>Valid identity numbers and credit codes.</summary>
internal static class CreditCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>A GB 32100 code: registration authority and type, region, nine random characters, the check character.</summary>
    public static string Random(Random random, string kind, string region)
    {
        Span<char> body = stackalloc char[17];
        kind.CopyTo(body);
        region.CopyTo(body[2..]);
        for (var i = 8; i < 17; i++)
        {
            body[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return Complete(new string(body));
    }

    /// <summary>Seventeen characters of a GB 32100 code with the check character added.</summary>
    public static string Complete(string body)
    {
        var sum = 0;
        var weight = 1;
        for (var i = 0; i < 17; i++, weight = weight * 3 % 31)
        {
            sum += Alphabet.IndexOf(body[i], StringComparison.Ordinal) * weight;
        }

        return body + Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>A GB 11643 identity number: birthplace, birth day, sequence, and the ISO 7064 MOD 11-2 check character.</summary>
    public static string ResidentId(Random random, string birthplace, DateOnly birth)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{birthplace}{birth:yyyyMMdd}{random.Next(1000):D3}");
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (body[i] - '0') * ((1 << (17 - i)) % 11);
        }

        return body + "10X98765432"[sum % 11];
    }
}
