using Platform.BuildingBlocks.Concurrency;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>
/// An electronic training voucher: the aggregate every operation of the lifecycle changes. It belongs to
/// the issuing region; once enrolled at an institution of another region it is also served there
/// (<see cref="IServedRegionScoped"/>), so that institution's region sees it.
/// </summary>
internal sealed class Voucher : IServedRegionScoped, IVersioned
{
    public Guid Id { get; set; }

    /// <summary>The holder's identity number, encrypted, with its blind index (a person may hold several vouchers).</summary>
    public EncryptedPersonalData Holder { get; set; } = null!;

    public DateOnly HolderBirthDate { get; set; }

    public TraineeGroups Groups { get; set; }

    /// <summary>The evidence of each claimed group, as the operator recorded it (JSON: group → evidence).</summary>
    public string GroupEvidence { get; set; } = "{}";

    public string OccupationCode { get; set; } = "";

    public SkillLevel Level { get; set; }

    public string RegionCode { get; set; } = "";

    public string? ServingRegionCode { get; set; }

    /// <summary>Fixed at issue from the standard in force; never changes afterwards.</summary>
    public decimal FaceValue { get; set; }

    public VoucherStatus Status { get; set; }

    public DateOnly IssuedOn { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public string IssuedBy { get; set; } = "";

    public DateOnly ExpiresOn { get; set; }

    /// <summary>
    /// Holder, year and slot number while the voucher counts towards the yearly quota; a unique index,
    /// so two concurrent issues cannot both take the last slot. Cleared when the voucher stops counting.
    /// </summary>
    public string? QuotaSlot { get; set; }

    /// <summary>
    /// Holder, occupation and level while the voucher is open; a unique index, so a person cannot hold two
    /// open vouchers for the same occupation and level even when two operators issue at once.
    /// </summary>
    public string? OpenSlot { get; set; }

    public string? InstitutionCode { get; set; }

    public DateTimeOffset? EnrolledAt { get; set; }

    public DateOnly? CourseStartsOn { get; set; }

    public DateOnly? CourseEndsOn { get; set; }

    /// <summary>The course's scheduled hours; the attendance rate is measured against them.</summary>
    public int ScheduledHours { get; set; }

    public int AttendedMinutes { get; set; }

    public DateOnly? CompletedOn { get; set; }

    public bool? Passed { get; set; }

    /// <summary>Unique across all vouchers (a certificate number used twice is refused).</summary>
    public string? CertificateNumber { get; set; }

    public Guid? CurrentClaimId { get; set; }

    /// <summary>The subsidy of the current claim, in yuan; null while nothing is claimed.</summary>
    public decimal? SubsidyAmount { get; set; }

    public DateOnly? PaidOn { get; set; }

    public string? ClosingReason { get; set; }

    public string? ClosedBy { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public int Version { get; set; }

    /// <summary>The attendance rate in percent of scheduled hours, to two decimals.</summary>
    public decimal AttendanceRatePercent => ScheduledHours <= 0
        ? 0m
        : Math.Round(AttendedMinutes * 100m / (ScheduledHours * 60m), 2, MidpointRounding.ToZero);

    public static string QuotaSlotFor(string holderBlindIndex, int year, int slot) => $"{holderBlindIndex}|{year}|{slot}";

    public static string OpenSlotFor(string holderBlindIndex, string occupationCode, SkillLevel level) => $"{holderBlindIndex}|{occupationCode}|{level}";

    /// <summary>Moves to the status <paramref name="action"/> leads to, or refuses with 409.</summary>
    public void Apply(VoucherAction action)
    {
        Status = VoucherStateMachine.Next(Status, action);
        if (!Status.IsOpen())
        {
            OpenSlot = null;
        }

        if (!Status.CountsTowardsQuota())
        {
            QuotaSlot = null;
        }
    }

    /// <summary>Closes the voucher by a side exit (cancelled, revoked, expired) with who and why.</summary>
    public void Close(VoucherAction action, string reason, string by, DateTimeOffset at)
    {
        Apply(action);
        ClosingReason = reason;
        ClosedBy = by;
        ClosedAt = at;
    }
}
