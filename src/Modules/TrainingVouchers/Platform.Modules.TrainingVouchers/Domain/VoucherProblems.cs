using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;

namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>
/// The stable problem codes of the module. Each rule of the domain guide has its own, so an operator
/// (or an integrator's code) can tell exactly which rule refused a request.
/// </summary>
internal static class VoucherProblems
{
    // Eligibility (422 unless noted).
    public const string NotWorkingAge = "vouchers.not_working_age";
    public const string NoEligibleGroup = "vouchers.no_eligible_group";
    public const string YearlyQuotaExceeded = "vouchers.yearly_quota_exceeded";
    public const string AlreadySubsidised = "vouchers.already_subsidised";
    public const string OpenVoucherExists = "vouchers.open_voucher_exists"; // 409
    public const string OccupationNotOffered = "vouchers.occupation_not_offered";
    public const string NoStandardInRegion = "vouchers.no_standard_in_region";
    public const string NoProgramRules = "vouchers.no_program_rules";
    public const string RegionOutsideCaller = "vouchers.region_outside_caller"; // 403
    public const string ConcurrentIssue = "vouchers.concurrent_issue"; // 409

    // Lifecycle.
    public const string VoucherNotFound = "vouchers.voucher_not_found"; // 404
    public const string InvalidTransition = "vouchers.invalid_transition"; // 409
    public const string Expired = "vouchers.expired";
    public const string HolderMismatch = "vouchers.holder_mismatch";
    public const string NotIssuingRegion = "vouchers.not_issuing_region"; // 403

    // Institutions.
    public const string InstitutionNotFound = "vouchers.institution_not_found"; // 404 on lookups, 422 in requests
    public const string InstitutionNotInGoodStanding = "vouchers.institution_not_in_good_standing";
    public const string InstitutionNotLicensed = "vouchers.institution_not_licensed";
    public const string InstitutionMismatch = "vouchers.institution_mismatch"; // 403
    public const string InstitutionExists = "vouchers.institution_exists"; // 409
    public const string CrossProvinceDisabled = "vouchers.cross_province_disabled";

    // Attendance and completion.
    public const string AttendanceOverlap = "vouchers.attendance_overlap";
    public const string AttendanceOutsideCourse = "vouchers.attendance_outside_course";
    public const string AttendanceBelowThreshold = "vouchers.attendance_below_threshold";
    public const string CertificateUsed = "vouchers.certificate_used"; // 409

    // Settlement and payment.
    public const string NothingToSettle = "vouchers.nothing_to_settle";
    public const string SamePersonCannotApprove = "vouchers.same_person_cannot_approve"; // 403
    public const string ClaimNotApproved = "vouchers.claim_not_approved"; // 409
    public const string ClaimAlreadyBatched = "vouchers.claim_already_batched"; // 409
    public const string BatchTotalsMismatch = "vouchers.batch_totals_mismatch";
    public const string BatchNotFound = "vouchers.payment_batch_not_found"; // 404
    public const string BatchMixesRegions = "vouchers.batch_outside_region";

    // Reference data.
    public const string OccupationNotFound = "vouchers.occupation_not_found";
    public const string StandardOverlaps = "vouchers.standard_overlaps"; // 409
    public const string RulesOverlap = "vouchers.rules_overlap"; // 409

    public static DomainException Refuse(int status, string code, string chinese, string english) =>
        new(status, code, new LocalizedText(chinese, english));

    public static DomainException Unprocessable(string code, string chinese, string english) => Refuse(422, code, chinese, english);

    public static DomainException Conflict(string code, string chinese, string english) => Refuse(409, code, chinese, english);

    public static DomainException NotFound(Guid voucherId) =>
        Refuse(404, VoucherNotFound, $"未找到培训券 {voucherId}。", $"Voucher {voucherId} was not found.");
}
