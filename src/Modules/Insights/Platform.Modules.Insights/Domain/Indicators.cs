using Platform.BuildingBlocks.Concurrency;

namespace Platform.Modules.Insights.Domain;

/// <summary>How an indicator turns matching events into a number.</summary>
internal enum IndicatorMeasure
{
    /// <summary>Each matching event counts 1.</summary>
    Count,

    /// <summary>The events' amounts are added (yuan, or a signed change such as jobs created).</summary>
    Sum,

    /// <summary>Each person counts once, on the day of their earliest matching event (e.g. returnee founders).</summary>
    DistinctPerson,
}

/// <summary>Whether a target counts the period's events alone or adds them to a baseline reached before it.</summary>
internal enum TargetKind
{
    /// <summary>The events of the period (e.g. trainings over 2021–2025).</summary>
    PeriodTotal,

    /// <summary>The baseline (reached by the year before the period) plus the events of the period (e.g. founders cumulative).</summary>
    Cumulative,
}

/// <summary>
/// What is measured: a name in both languages, a unit, and which module's event counts towards it and how
/// (event name, measure, a filter on the event's attributes). Changing the definition raises the version and
/// rebuilds the indicator's counters from the events kept.
/// </summary>
internal sealed class Indicator : IVersioned
{
    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>The unit in Chinese as the documents write it: 人次, 人, 个, 元.</summary>
    public string Unit { get; set; } = "";

    /// <summary>The integration event counted, e.g. <c>training_vouchers.training_completed.v1</c>; none when the platform does not record it.</summary>
    public string? EventName { get; set; }

    public IndicatorMeasure Measure { get; set; }

    /// <summary>Conditions on the event's attributes (<see cref="FactFilter"/>), e.g. <c>groups~migrant_workers</c>.</summary>
    public string Filter { get; set; } = "";

    public string Description { get; set; } = "";

    public bool IsSeeded { get; set; }

    public DateTimeOffset DefinedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A numeric target for an indicator, a region and a period of whole years, with its source document.</summary>
internal sealed class Target : IVersioned
{
    public Guid Id { get; set; }

    public string IndicatorCode { get; set; } = "";

    public string RegionCode { get; set; } = "";

    public int FromYear { get; set; }

    public int ToYear { get; set; }

    public TargetKind Kind { get; set; }

    public decimal Value { get; set; }

    /// <summary>The level reached before the period (cumulative targets), e.g. 19,000 founders by 2020.</summary>
    public decimal Baseline { get; set; }

    /// <summary>The document, e.g. <c>seed 001 乐山市“十四五”就业促进规划</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>The words of the document the figure comes from.</summary>
    public string Quote { get; set; } = "";

    public bool IsSeeded { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";

    public int Version { get; set; }
}

/// <summary>
/// One integration event as kept for counting: the day it counts on, the region (county or as published),
/// the person it concerns (blind index), an amount, and its attributes. Unique per event, so a redelivered
/// event counts once.
/// </summary>
internal sealed class CountedEvent
{
    public Guid EventId { get; set; }

    public string EventName { get; set; } = "";

    public DateOnly Day { get; set; }

    public string RegionCode { get; set; } = "";

    public string? PersonBlindIndex { get; set; }

    public decimal Amount { get; set; }

    /// <summary><c>key=value</c> pairs separated by <c>;</c>; a list's values joined by <c>|</c>.</summary>
    public string Attributes { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>An indicator's value on a day in a region (a county, its city and its province each have one).</summary>
internal sealed class Counter
{
    public string IndicatorCode { get; set; } = "";

    public string RegionCode { get; set; } = "";

    public DateOnly Day { get; set; }

    public decimal Value { get; set; }
}
