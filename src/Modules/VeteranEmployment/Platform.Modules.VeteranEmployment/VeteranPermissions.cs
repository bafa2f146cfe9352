using Platform.BuildingBlocks.Security;

namespace Platform.Modules.VeteranEmployment;

/// <summary>The module's permissions and the roles holding them (administrators hold every permission).</summary>
internal static class VeteranPermissions
{
    public const string ReferenceRead = "veteran_employment.reference.read";
    public const string ReferenceWrite = "veteran_employment.reference.write";
    public const string VeteransRead = "veteran_employment.veterans.read";
    public const string VeteransWrite = "veteran_employment.veterans.write";
    public const string VeteransTransfer = "veteran_employment.veterans.transfer";
    public const string LedgerWrite = "veteran_employment.ledger.write";
    public const string JobsRead = "veteran_employment.jobs.read";
    public const string JobsWrite = "veteran_employment.jobs.write";
    public const string IncentivesRead = "veteran_employment.incentives.read";
    public const string StatisticsRead = "veteran_employment.statistics.read";

    public static PermissionGrant[] Grants { get; } =
    [
        new(ReferenceRead, "Read incentive standards.", Roles.All.ToArray()),
        new(ReferenceWrite, "Set a province's incentive standards."),
        new(VeteransRead, "Read and search veterans, their ledgers, needs and training.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
        new(VeteransWrite, "Register and update veterans and record their training needs.", Roles.Operator, Roles.Integrator),
        new(VeteransTransfer, "Transfer a veteran to another region.", Roles.Operator),
        new(LedgerWrite, "Record employment statuses, import ledger updates, place veterans.", Roles.Operator, Roles.Integrator),
        new(JobsRead, "Read job postings and matches.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
        new(JobsWrite, "Publish and close job postings, record applications.", Roles.Operator, Roles.Integrator),
        new(IncentivesRead, "Calculate hiring and self-employment incentives.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
        new(StatisticsRead, "Read the program's statistics and training-need summaries.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
    ];
}
