using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>A return-home entrepreneurship park or an incubation base, with the businesses it can host at once.</summary>
internal sealed class Park : IRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public ParkKind Kind { get; set; }

    public ParkLevel Level { get; set; }

    public string RegionCode { get; set; } = "";

    public string Operator { get; set; } = "";

    public int Capacity { get; set; }

    /// <summary>Businesses hosted now (kept with each admission and departure; the version settles races for the last place).</summary>
    public int Tenants { get; set; }

    public DateOnly RecognisedOn { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A business's stay in a park.</summary>
internal sealed class Tenancy
{
    public Guid Id { get; set; }

    public Guid ParkId { get; set; }

    public Guid BusinessId { get; set; }

    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }

    /// <summary>The business while it is a tenant, null after it left: one open stay per business (unique).</summary>
    public Guid? OpenSlot { get; set; }
}
