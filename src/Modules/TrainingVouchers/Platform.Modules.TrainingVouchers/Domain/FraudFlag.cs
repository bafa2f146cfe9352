using Platform.BuildingBlocks.Security;

namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>
/// A suspicion recorded for a reviewer: a session reported for a holder who was, at the same time, in a
/// session at another institution. The session is refused; the flag stays for investigation.
/// </summary>
internal sealed class FraudFlag : IServedRegionScoped
{
    public Guid Id { get; set; }

    public Guid VoucherId { get; set; }

    public string RegionCode { get; set; } = "";

    public string? ServingRegionCode { get; set; }

    public string InstitutionCode { get; set; } = "";

    /// <summary>The voucher whose recorded session the reported one overlaps.</summary>
    public Guid OtherVoucherId { get; set; }

    public string OtherInstitutionCode { get; set; } = "";

    public DateTimeOffset ReportedStartsAt { get; set; }

    public DateTimeOffset ReportedEndsAt { get; set; }

    public DateTimeOffset FlaggedAt { get; set; }

    public string ReportedBy { get; set; } = "";
}
