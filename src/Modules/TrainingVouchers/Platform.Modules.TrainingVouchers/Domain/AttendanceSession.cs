using Platform.BuildingBlocks.Security;

namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>One supervised training session of a voucher holder.</summary>
internal sealed class AttendanceSession : IServedRegionScoped
{
    public Guid Id { get; set; }

    public Guid VoucherId { get; set; }

    /// <summary>The holder's blind index, so sessions of one person at two institutions can be compared.</summary>
    public string HolderBlindIndex { get; set; } = "";

    public string InstitutionCode { get; set; } = "";

    public string RegionCode { get; set; } = "";

    public string? ServingRegionCode { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public int Minutes { get; set; }

    public AttendanceMethod Method { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";
}

/// <summary>How presence was verified.</summary>
internal enum AttendanceMethod
{
    FaceCheck,
    Location,
    Online,
}
