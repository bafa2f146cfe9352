using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.Modules.TrainingVouchers.Features.Shared;

/// <summary>A training voucher. Its version is also its ETag; send it as <c>If-Match</c> with a change.</summary>
/// <param name="Id">The voucher number.</param>
/// <param name="HolderIdNumber">The holder's identity number, masked unless the caller may read personal data (each unmasked read is audited).</param>
/// <param name="Groups">The groups the holder belongs to.</param>
/// <param name="OccupationCode">The occupation trained.</param>
/// <param name="Level">The skill level trained for.</param>
/// <param name="RegionCode">The issuing region (GB/T 2260); it pays the subsidy.</param>
/// <param name="ServingRegionCode">The region of the institution the holder enrolled at, when enrolled.</param>
/// <param name="FaceValue">The subsidy the voucher is worth, in yuan, fixed at issue.</param>
/// <param name="Status">Where the voucher is in its life.</param>
/// <param name="IssuedOn">The day of issue (China Standard Time).</param>
/// <param name="ExpiresOn">The last day the holder can enrol with it.</param>
/// <param name="InstitutionCode">The institution enrolled at (unified social credit code).</param>
/// <param name="CourseStartsOn">First day of the course.</param>
/// <param name="CourseEndsOn">Last day of the course.</param>
/// <param name="ScheduledHours">The course's scheduled hours.</param>
/// <param name="AttendedMinutes">Minutes of supervised attendance recorded.</param>
/// <param name="AttendanceRatePercent">Attended share of scheduled hours, in percent.</param>
/// <param name="CompletedOn">Day of the assessment.</param>
/// <param name="Passed">Whether the holder passed the assessment.</param>
/// <param name="CertificateNumber">The certificate number, when passed.</param>
/// <param name="SubsidyAmount">The subsidy claimed for the voucher, in yuan.</param>
/// <param name="ClaimId">The current settlement claim.</param>
/// <param name="PaidOn">The day the subsidy was paid.</param>
/// <param name="ClosingReason">Why the voucher was cancelled, revoked or expired.</param>
/// <param name="ClosedAt">When it was closed.</param>
/// <param name="Version">The version (ETag) of this state.</param>
internal sealed record VoucherResponse(
    Guid Id,
    string HolderIdNumber,
    IReadOnlyList<TraineeGroup> Groups,
    string OccupationCode,
    SkillLevel Level,
    string RegionCode,
    string? ServingRegionCode,
    decimal FaceValue,
    VoucherStatus Status,
    DateOnly IssuedOn,
    DateOnly ExpiresOn,
    string? InstitutionCode,
    DateOnly? CourseStartsOn,
    DateOnly? CourseEndsOn,
    int ScheduledHours,
    int AttendedMinutes,
    decimal AttendanceRatePercent,
    DateOnly? CompletedOn,
    bool? Passed,
    string? CertificateNumber,
    decimal? SubsidyAmount,
    Guid? ClaimId,
    DateOnly? PaidOn,
    string? ClosingReason,
    DateTimeOffset? ClosedAt,
    int Version)
{
    public static VoucherResponse From(Voucher v, string holderIdNumber) => new(
        v.Id, holderIdNumber, v.Groups.Members(), v.OccupationCode, v.Level, v.RegionCode, v.ServingRegionCode, v.FaceValue, v.Status,
        v.IssuedOn, v.ExpiresOn, v.InstitutionCode, v.CourseStartsOn, v.CourseEndsOn, v.ScheduledHours, v.AttendedMinutes,
        v.AttendanceRatePercent, v.CompletedOn, v.Passed, v.CertificateNumber, v.SubsidyAmount, v.CurrentClaimId, v.PaidOn,
        v.ClosingReason, v.ClosedAt, v.Version);
}
