namespace Platform.Bench.Vouchers;

/// <summary>Latency figures of a set of timings, in milliseconds (nearest-rank percentiles).</summary>
internal sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static LatencySummary Empty { get; } = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public static LatencySummary Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1], sorted.Average());
    }

    public static double Percentile(double[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Min(sorted.Length - 1, Math.Ceiling(quantile * sorted.Length) - 1);
        return sorted[Math.Max(0, index)];
    }
}

/// <summary>Draws items by weight: a cumulative table and a binary search.</summary>
internal sealed class WeightedTable<T>
{
    private readonly T[] items;
    private readonly double[] cumulative;

    public WeightedTable(IEnumerable<(T Item, double Weight)> weighted)
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

    public IReadOnlyList<T> Items => items;

    public T Draw(Random random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        if (index < 0)
        {
            index = ~index;
        }

        return items[Math.Min(index, items.Length - 1)];
    }
}
