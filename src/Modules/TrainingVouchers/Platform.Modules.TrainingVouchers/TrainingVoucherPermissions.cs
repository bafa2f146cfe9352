using Platform.BuildingBlocks.Security;

namespace Platform.Modules.TrainingVouchers;

/// <summary>The module's permissions and the roles holding them.</summary>
internal static class TrainingVoucherPermissions
{
    public const string ReferenceRead = "training_vouchers.reference.read";
    public const string ReferenceWrite = "training_vouchers.reference.write";
    public const string InstitutionsManage = "training_vouchers.institutions.manage";
    public const string VouchersRead = "training_vouchers.vouchers.read";
    public const string VouchersIssue = "training_vouchers.vouchers.issue";
    public const string VouchersCancel = "training_vouchers.vouchers.cancel";
    public const string VouchersRevoke = "training_vouchers.vouchers.revoke";
    public const string TrainingRecord = "training_vouchers.training.record";
    public const string SettlementClaim = "training_vouchers.settlement.claim";
    public const string SettlementDecide = "training_vouchers.settlement.decide";
    public const string PaymentsManage = "training_vouchers.payments.manage";
    public const string StatisticsRead = "training_vouchers.statistics.read";

    public static PermissionGrant[] Grants { get; } =
    [
        new(ReferenceRead, "Read occupations, subsidy standards, program rules and institutions.", Roles.All.ToArray()),
        new(ReferenceWrite, "Set subsidy standards and program rules for a region."),
        new(InstitutionsManage, "Register training institutions, their licences and status.", Roles.Reviewer),
        new(VouchersRead, "Read and search vouchers (institutions see only their own).", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.TrainingInstitution, Roles.Integrator),
        new(VouchersIssue, "Check eligibility and issue vouchers.", Roles.Operator, Roles.Integrator),
        new(VouchersCancel, "Cancel an unused voucher at the holder's request.", Roles.Operator),
        new(VouchersRevoke, "Revoke a voucher for fraud.", Roles.Reviewer),
        new(TrainingRecord, "Enrol holders, record attendance and assessment results.", Roles.TrainingInstitution),
        new(SettlementClaim, "Claim the subsidy of a completed voucher.", Roles.TrainingInstitution),
        new(SettlementDecide, "Approve or reject subsidy claims.", Roles.Reviewer),
        new(PaymentsManage, "Prepare and confirm payment batches.", Roles.Operator, Roles.Reviewer),
        new(StatisticsRead, "Read the program's statistics.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
    ];
}
