using Platform.BuildingBlocks.Security;

namespace Platform.Modules.SkillMasterStudios;

/// <summary>The module's permissions and the roles holding them (administrators hold every permission).</summary>
internal static class StudioPermissions
{
    public const string ReferenceRead = "skill_master_studios.reference.read";
    public const string ReferenceWrite = "skill_master_studios.reference.write";
    public const string MastersRead = "skill_master_studios.masters.read";
    public const string MastersWrite = "skill_master_studios.masters.write";
    public const string ApplicationsRead = "skill_master_studios.applications.read";
    public const string ApplicationsWrite = "skill_master_studios.applications.write";
    public const string ApplicationsRecommend = "skill_master_studios.applications.recommend";
    public const string ApplicationsScore = "skill_master_studios.applications.score";
    public const string ApplicationsDecide = "skill_master_studios.applications.decide";
    public const string StudiosRead = "skill_master_studios.studios.read";
    public const string StudiosRevoke = "skill_master_studios.studios.revoke";
    public const string FundingManage = "skill_master_studios.funding.manage";
    public const string ReportsSubmit = "skill_master_studios.reports.submit";
    public const string ReportsAssess = "skill_master_studios.reports.assess";
    public const string StatisticsRead = "skill_master_studios.statistics.read";

    public static PermissionGrant[] Grants { get; } =
    [
        new(ReferenceRead, "Read studio program rules and funding standards.", Roles.All.ToArray()),
        new(ReferenceWrite, "Set studio program rules and funding standards for a region."),
        new(MastersRead, "Read and search master craftsmen.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
        new(MastersWrite, "Register and update master craftsmen.", Roles.Operator, Roles.Integrator),
        new(ApplicationsRead, "Read and search studio applications and check their eligibility.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
        new(ApplicationsWrite, "Create, submit and withdraw studio applications for a host organisation.", Roles.Operator, Roles.Integrator),
        new(ApplicationsRecommend, "Recommend (or decline to recommend) an application as the city bureau.", Roles.Operator),
        new(ApplicationsScore, "Score an application as an expert.", Roles.Reviewer),
        new(ApplicationsDecide, "Approve or reject an application.", Roles.Reviewer),
        new(StudiosRead, "Read and search studios, their accreditations, funding and reports.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
        new(StudiosRevoke, "Revoke a studio's accreditation.", Roles.Reviewer),
        new(FundingManage, "Record the payment of funding tranches.", Roles.Operator, Roles.Reviewer),
        new(ReportsSubmit, "Submit a studio's annual report.", Roles.Operator, Roles.Integrator),
        new(ReportsAssess, "Assess annual reports.", Roles.Reviewer),
        new(StatisticsRead, "Read the program's statistics and the overdue reports.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
    ];
}
