using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Platform.BuildingBlocks.Identity;

/// <summary>
/// The platform's administrative division reference data, loaded from a CSV with the columns
/// <c>code,name,name_en,level,parent</c>. Immutable once loaded, so one instance may be shared.
/// </summary>
public sealed class RegionCatalog
{
    private const string EmbeddedResourceName = "Platform.BuildingBlocks.Identity.regions.csv";

    private static readonly string[] ExpectedHeader = ["code", "name", "name_en", "level", "parent"];

    private static readonly Lazy<RegionCatalog> Embedded = new(ReadEmbedded);

    private readonly Dictionary<string, Region> byCode;
    private readonly Dictionary<string, Region[]> childrenByParent;

    private RegionCatalog(Dictionary<string, Region> byCode)
    {
        this.byCode = byCode;
        All = [.. byCode.Values.OrderBy(r => r.Code, StringComparer.Ordinal)];
        childrenByParent = All
            .Where(r => r.ParentCode is not null)
            .GroupBy(r => r.ParentCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Every region, ordered by code.</summary>
    public IReadOnlyList<Region> All { get; }

    /// <summary>The region data embedded in this assembly (loaded once and shared).</summary>
    public static RegionCatalog LoadEmbedded() => Embedded.Value;

    /// <summary>Loads and validates region data from CSV.</summary>
    /// <exception cref="InvalidDataException">The data is malformed; the message names the line.</exception>
    public static RegionCatalog Load(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);

        var header = csv.ReadLine() ?? throw new InvalidDataException("Region data is empty: line 1 must be the header.");
        var headerFields = Split(header.TrimStart('\uFEFF'));
        if (!headerFields.SequenceEqual(ExpectedHeader, StringComparer.OrdinalIgnoreCase))
        {
            throw Error(1, $"header must be '{string.Join(',', ExpectedHeader)}'");
        }

        var byCode = new Dictionary<string, Region>(StringComparer.Ordinal);
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var region = ParseRow(Split(line), lineNumber);
            if (!byCode.TryAdd(region.Code, region))
            {
                throw Error(lineNumber, $"duplicate code {region.Code} (first on line {lineOf[region.Code]})");
            }

            lineOf[region.Code] = lineNumber;
        }

        foreach (var region in byCode.Values)
        {
            if (region.ParentCode is null)
            {
                continue;
            }

            if (!byCode.TryGetValue(region.ParentCode, out var parent))
            {
                throw Error(lineOf[region.Code], $"parent {region.ParentCode} of {region.Code} does not exist");
            }

            if (parent.Level >= region.Level)
            {
                throw Error(lineOf[region.Code], $"parent {parent.Code} of {region.Code} is not at a higher level");
            }
        }

        return new RegionCatalog(byCode);
    }

    /// <summary>Finds a region by code.</summary>
    public bool TryGet(string code, [MaybeNullWhen(false)] out Region region) =>
        byCode.TryGetValue(code, out region);

    /// <summary>The region with this code, or null.</summary>
    public Region? Find(string code) => byCode.GetValueOrDefault(code);

    /// <summary>The direct children of a region, ordered by code; empty when there are none or the code is unknown.</summary>
    public IReadOnlyList<Region> ChildrenOf(string parentCode) =>
        childrenByParent.TryGetValue(parentCode, out var children) ? children : [];

    /// <summary>
    /// The region one level below <paramref name="region"/> that contains <paramref name="code"/>: for a
    /// province the city (or, in Chongqing, the district directly under the municipality), for a city the
    /// county, for a county the county itself. Statistics break a region down into these rows, so each row
    /// is a code the catalog knows. Unknown codes are answered as they are.
    /// </summary>
    public string BreakdownOf(string code, string region)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(region);
        var current = code;
        while (byCode.TryGetValue(current, out var known) && known.ParentCode is { } parent && parent != region && !string.Equals(current, region, StringComparison.Ordinal))
        {
            current = parent;
        }

        return current;
    }

    /// <summary>Whether the catalog holds this code.</summary>
    public bool Contains(string code) => byCode.ContainsKey(code);

    /// <summary>As <see cref="RegionCode.IsWithin"/>, but false when either code is not in the catalog.</summary>
    public bool IsWithin(string code, string region) =>
        Contains(code) && Contains(region) && RegionCode.IsWithin(code, region);

    private static RegionCatalog ReadEmbedded()
    {
        using var stream = typeof(RegionCatalog).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {EmbeddedResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Load(reader);
    }

    private static string[] Split(string line) =>
        line.Split(',', StringSplitOptions.TrimEntries);

    private static Region ParseRow(string[] fields, int lineNumber)
    {
        if (fields.Length != ExpectedHeader.Length)
        {
            throw Error(lineNumber, $"expected {ExpectedHeader.Length} fields but found {fields.Length}");
        }

        var code = fields[0];
        if (!RegionCode.IsWellFormed(code))
        {
            throw Error(lineNumber, $"'{code}' is not a six-digit administrative division code");
        }

        var name = fields[1];
        if (name.Length == 0)
        {
            throw Error(lineNumber, $"region {code} has no name");
        }

        var level = ParseLevel(fields[3], lineNumber);
        if (level != RegionCode.LevelOf(code))
        {
            throw Error(lineNumber, $"level '{fields[3]}' does not match code {code}");
        }

        var parent = fields[4].Length == 0 ? null : fields[4];
        if (level == RegionLevel.Province)
        {
            if (parent is not null)
            {
                throw Error(lineNumber, $"province {code} must not have a parent");
            }
        }
        else if (parent is null)
        {
            throw Error(lineNumber, $"region {code} must have a parent");
        }
        else if (!RegionCode.IsWellFormed(parent))
        {
            throw Error(lineNumber, $"parent '{parent}' is not a six-digit administrative division code");
        }
        else if (!RegionCode.IsWithin(code, parent))
        {
            throw Error(lineNumber, $"region {code} is not within its parent {parent}");
        }

        return new Region(code, name, fields[2].Length == 0 ? null : fields[2], level, parent);
    }

    private static RegionLevel ParseLevel(string level, int lineNumber) =>
        level.ToUpperInvariant() switch
        {
            "PROVINCE" => RegionLevel.Province,
            "PREFECTURE" => RegionLevel.Prefecture,
            "COUNTY" => RegionLevel.County,
            _ => throw Error(lineNumber, $"unknown level '{level}'"),
        };

    private static InvalidDataException Error(int lineNumber, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Region data line {lineNumber}: {message}."));
}
