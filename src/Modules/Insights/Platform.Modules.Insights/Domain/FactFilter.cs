namespace Platform.Modules.Insights.Domain;

/// <summary>
/// Conditions on an event's attributes, joined by <c>;</c> (all must hold): <c>key=a|b</c> (the attribute
/// is one of the values), <c>key~a|b</c> (the attribute's list contains one of them), <c>key!=a|b</c> (none of
/// them). An empty filter matches every event.
/// </summary>
internal sealed class FactFilter
{
    private readonly (string Key, string Op, string[] Values)[] conditions;

    private FactFilter((string Key, string Op, string[] Values)[] conditions) => this.conditions = conditions;

    public static FactFilter Parse(string? text)
    {
        if (!TryParse(text, out var filter, out var error))
        {
            throw new FormatException(error);
        }

        return filter;
    }

    public static bool TryParse(string? text, out FactFilter filter, out string? error)
    {
        var list = new List<(string, string, string[])>();
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // The operator is the first one in the condition, so a value may hold the others' characters.
            var at = part.IndexOfAny(['!', '~', '=']);
            var op = at < 0 ? null : part[at] == '~' ? "~" : part[at] == '=' ? "=" : part.AsSpan(at).StartsWith("!=", StringComparison.Ordinal) ? "!=" : null;
            if (op is null || at <= 0 || at + op.Length >= part.Length)
            {
                filter = new FactFilter([]);
                error = $"'{part}' is not key=value, key~value or key!=value.";
                return false;
            }

            list.Add((part[..at].Trim(), op, part[(at + op.Length)..].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }

        filter = new FactFilter([.. list]);
        error = null;
        return true;
    }

    public bool Matches(string attributes)
    {
        if (conditions.Length == 0)
        {
            return true;
        }

        var values = EventAttributes.Parse(attributes);
        foreach (var (key, op, wanted) in conditions)
        {
            var value = values.GetValueOrDefault(key, "");
            var held = value.Split('|', StringSplitOptions.RemoveEmptyEntries);
            var ok = op switch
            {
                "=" => wanted.Contains(value, StringComparer.OrdinalIgnoreCase),
                "~" => held.Any(h => wanted.Contains(h, StringComparer.OrdinalIgnoreCase)),
                _ => !held.Any(h => wanted.Contains(h, StringComparer.OrdinalIgnoreCase)),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Writing and reading the <c>key=value;…</c> attributes of a counted event.</summary>
internal static class EventAttributes
{
    public static string Write(params (string Key, object? Value)[] pairs) =>
        string.Join(';', pairs.Where(p => p.Value is not null).Select(p => $"{p.Key}={Text(p.Value!)}"));

    public static Dictionary<string, string> Parse(string attributes)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (attributes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at > 0)
            {
                result[pair[..at]] = pair[(at + 1)..];
            }
        }

        return result;
    }

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IEnumerable<string> list => string.Join('|', list.Select(Clean)),
        _ => Clean(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Clean(string value) => value.Replace(";", ",", StringComparison.Ordinal).Replace("|", "/", StringComparison.Ordinal).Replace("=", "-", StringComparison.Ordinal);
}
