namespace Platform.Modules.VeteranEmployment.Domain;

/// <summary>
/// One dated line of a veteran's employment ledger (就业台账). The ledger is append-only: a correction is
/// a new entry (for the same or an earlier day) recorded later, and the status on a day is the entry with
/// the latest effective day on or before it, the latest recorded among those.
/// </summary>
internal sealed class LedgerEntry
{
    public Guid Id { get; set; }

    public Guid VeteranId { get; set; }

    public DateOnly EffectiveOn { get; set; }

    public EmploymentStatus Status { get; set; }

    /// <summary>The employer's unified social credit code (employed).</summary>
    public string? EmployerCode { get; set; }

    public string? Position { get; set; }

    /// <summary>The business (self-employed): its name.</summary>
    public string? BusinessName { get; set; }

    /// <summary>The business's unified social credit code, when registered.</summary>
    public string? BusinessCode { get; set; }

    /// <summary>The term of the labour contract in months (employed).</summary>
    public int? ContractMonths { get; set; }

    /// <summary>Whether social insurance is paid (employed).</summary>
    public bool SocialInsurance { get; set; }

    public LedgerSource Source { get; set; }

    /// <summary>The entry this one corrects, if it is a correction.</summary>
    public Guid? CorrectsEntryId { get; set; }

    public string Note { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}

/// <summary>Reading a ledger: the status on a day, and the spells of one status.</summary>
internal static class Ledger
{
    /// <summary>The entry in force on <paramref name="day"/>: latest effective day on or before it, latest recorded among those.</summary>
    public static LedgerEntry? InForceOn(IEnumerable<LedgerEntry> entries, DateOnly day) =>
        entries.Where(e => e.EffectiveOn <= day)
            .OrderByDescending(e => e.EffectiveOn).ThenByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id)
            .FirstOrDefault();

    /// <summary>
    /// The ledger as periods: for each effective day the entry in force (the latest recorded of that
    /// day), from that day to the day before the next effective day (open-ended for the last).
    /// </summary>
    public static IReadOnlyList<(LedgerEntry Entry, DateOnly From, DateOnly? To)> Spells(IEnumerable<LedgerEntry> entries)
    {
        var days = entries.GroupBy(e => e.EffectiveOn)
            .Select(g => g.OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id).First())
            .OrderBy(e => e.EffectiveOn)
            .ToArray();
        var spells = new List<(LedgerEntry, DateOnly, DateOnly?)>(days.Length);
        for (var i = 0; i < days.Length; i++)
        {
            spells.Add((days[i], days[i].EffectiveOn, i + 1 < days.Length ? days[i + 1].EffectiveOn.AddDays(-1) : null));
        }

        return spells;
    }
}
