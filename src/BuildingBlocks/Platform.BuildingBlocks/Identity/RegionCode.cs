namespace Platform.BuildingBlocks.Identity;

/// <summary>Rules for six-digit GB/T 2260 administrative division codes.</summary>
public static class RegionCode
{
    private const int Length = 6;

    /// <summary>Six ASCII digits whose first two are not <c>00</c>.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: Length }
        && !code.AsSpan().ContainsAnyExceptInRange('0', '9')
        && !code.StartsWith("00", StringComparison.Ordinal);

    /// <summary>
    /// The non-zero prefix: trailing <c>00</c> pairs stripped
    /// (<c>510000</c> gives <c>51</c>, <c>510700</c> gives <c>5107</c>, <c>510703</c> stays whole).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not well formed.</exception>
    public static string Prefix(string code)
    {
        EnsureWellFormed(code);
        if (code.EndsWith("0000", StringComparison.Ordinal))
        {
            return code[..2];
        }

        return code.EndsWith("00", StringComparison.Ordinal) ? code[..4] : code;
    }

    /// <summary>
    /// Whether <paramref name="code"/> lies within <paramref name="region"/>: it starts with the region's
    /// non-zero prefix. A region is within itself. False when either code is not well formed.
    /// </summary>
    public static bool IsWithin(string code, string region) =>
        IsWellFormed(code) && IsWellFormed(region) && code.StartsWith(Prefix(region), StringComparison.Ordinal);

    /// <summary>Ending <c>0000</c> is a province, ending <c>00</c> a prefecture, anything else a county.</summary>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not well formed.</exception>
    public static RegionLevel LevelOf(string code) =>
        Prefix(code).Length switch
        {
            2 => RegionLevel.Province,
            4 => RegionLevel.Prefecture,
            _ => RegionLevel.County,
        };

    private static void EnsureWellFormed(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!IsWellFormed(code))
        {
            throw new ArgumentException("Not a six-digit administrative division code.", nameof(code));
        }
    }

    /// <summary>
    /// The codes within a region as a half-open range, so an index on the code serves the filter as a
    /// range scan: <c>511100</c> → [<c>5111</c>, <c>5112</c>).
    /// </summary>
    public static (string Low, string High) Range(string code)
    {
        var prefix = Prefix(code);
        var last = (char)(prefix[^1] + 1);
        return (prefix, string.Concat(prefix.AsSpan(0, prefix.Length - 1), new ReadOnlySpan<char>(in last)));
    }

    /// <summary>The division and the divisions containing it: <c>511102</c>, <c>511100</c>, <c>510000</c> (distinct).</summary>
    public static string[] SelfAndAncestors(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var city = string.Concat(code.AsSpan(0, 4), "00");
        var province = string.Concat(code.AsSpan(0, 2), "0000");
        return new[] { code, city, province }.Distinct().ToArray();
    }
}
