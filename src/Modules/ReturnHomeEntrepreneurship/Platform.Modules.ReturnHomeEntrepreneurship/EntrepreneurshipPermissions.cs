using Platform.BuildingBlocks.Security;

namespace Platform.Modules.ReturnHomeEntrepreneurship;

/// <summary>The module's permissions and the roles holding them (administrators hold every permission).</summary>
internal static class EntrepreneurshipPermissions
{
    public const string ReferenceRead = "return_home_entrepreneurship.reference.read";
    public const string ReferenceWrite = "return_home_entrepreneurship.reference.write";
    public const string FoundersRead = "return_home_entrepreneurship.founders.read";
    public const string FoundersWrite = "return_home_entrepreneurship.founders.write";
    public const string ParksWrite = "return_home_entrepreneurship.parks.write";
    public const string SubsidiesApply = "return_home_entrepreneurship.subsidies.apply";
    public const string SubsidiesDecide = "return_home_entrepreneurship.subsidies.decide";
    public const string SubsidiesPay = "return_home_entrepreneurship.subsidies.pay";
    public const string LoansRead = "return_home_entrepreneurship.loans.read";
    public const string LoansApply = "return_home_entrepreneurship.loans.apply";
    public const string LoansGuarantee = "return_home_entrepreneurship.loans.guarantee";
    public const string LoansBank = "return_home_entrepreneurship.loans.bank";
    public const string ClaimsWrite = "return_home_entrepreneurship.claims.write";
    public const string MentorsRead = "return_home_entrepreneurship.mentors.read";
    public const string MentorsWrite = "return_home_entrepreneurship.mentors.write";
    public const string StatisticsRead = "return_home_entrepreneurship.statistics.read";

    public static PermissionGrant[] Grants { get; } =
    [
        new(ReferenceRead, "Read subsidy standards, loan rules and prime rates.", Roles.All.ToArray()),
        new(ReferenceWrite, "Set a region's subsidy standards and loan rules, publish prime rates."),
        new(FoundersRead, "Read and search founders, businesses, employees, parks.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
        new(FoundersWrite, "Register founders and businesses, keep employee lists and revenue.", Roles.Operator, Roles.Integrator),
        new(ParksWrite, "Register parks and incubators, admit and release tenants.", Roles.Operator),
        new(SubsidiesApply, "Apply for start-up subsidies (the maker).", Roles.Operator),
        new(SubsidiesDecide, "Approve or reject start-up subsidies (the checker).", Roles.Reviewer),
        new(SubsidiesPay, "Record the payment of approved start-up subsidies.", Roles.Operator),
        new(LoansRead, "Read loans, schedules and interest subsidies.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
        new(LoansApply, "Apply for guaranteed loans on a founder's behalf, withdraw them.", Roles.Operator),
        new(LoansGuarantee, "Decide guarantees, declare compensation (the guarantee fund).", Roles.Reviewer),
        new(LoansBank, "Approve, disburse, record repayments, declare default (the bank).", Roles.Integrator),
        new(ClaimsWrite, "Make a bank's monthly interest-subsidy claim.", Roles.Integrator, Roles.Operator),
        new(MentorsRead, "Read mentors, projects and matches.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
        new(MentorsWrite, "Keep the mentor pool and project library, record mentoring sessions.", Roles.Operator),
        new(StatisticsRead, "Read the program's statistics.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
    ];
}
