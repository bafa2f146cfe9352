using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;

namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>The stable problem codes of the module, one per rule, so a caller can tell which rule refused.</summary>
internal static class StudioProblems
{
    // Eligibility (422 unless noted).
    public const string MasterNotQualified = "studios.master_not_qualified";
    public const string MasterLeadsActiveStudio = "studios.master_leads_active_studio"; // 409
    public const string LevelLadder = "studios.level_ladder";
    public const string HostInvalid = "studios.host_invalid";
    public const string OpenApplicationExists = "studios.open_application_exists"; // 409
    public const string RenewalNeedsQualifiedYear = "studios.renewal_needs_qualified_year";
    public const string RenewalOutsideWindow = "studios.renewal_outside_window";
    public const string StudioNotActive = "studios.studio_not_active";
    public const string NoProgramRules = "studios.no_program_rules";
    public const string NoFundingStandard = "studios.no_funding_standard";

    // Review and decision.
    public const string InvalidTransition = "studios.invalid_transition"; // 409
    public const string ExpertConflict = "studios.expert_conflict"; // 403
    public const string ExpertOrganisationUnknown = "studios.expert_organisation_unknown"; // 403
    public const string AlreadyScored = "studios.already_scored"; // 409
    public const string NotEnoughExperts = "studios.not_enough_experts";
    public const string ScoreBelowMinimum = "studios.score_below_minimum";
    public const string SamePersonCannotDecide = "studios.same_person_cannot_decide"; // 403
    public const string DecisionLevelTooLow = "studios.decision_level_too_low"; // 403
    public const string RegionOutsideCaller = "studios.region_outside_caller"; // 403
    public const string ConcurrentAccreditation = "studios.concurrent_accreditation"; // 409

    // Records.
    public const string MasterExists = "studios.master_exists"; // 409
    public const string MasterNotFound = "studios.master_not_found"; // 404 on lookups, 422 when a request names an unknown master
    public const string ApplicationNotFound = "studios.application_not_found"; // 404
    public const string StudioNotFound = "studios.studio_not_found"; // 404 on lookups, 422 when an application names an unknown studio
    public const string AccreditationNotFound = "studios.accreditation_not_found"; // 404
    public const string ReportNotFound = "studios.report_not_found"; // 404

    // Funding.
    public const string TrancheExceedsGrant = "studios.tranche_exceeds_grant";
    public const string TrancheReferenceUsed = "studios.tranche_reference_used"; // 409
    public const string TrancheBeforeAccreditation = "studios.tranche_before_accreditation";

    // Yearly duties.
    public const string ReportExists = "studios.report_exists"; // 409
    public const string ReportYearOutsideTerm = "studios.report_year_outside_term";
    public const string ReportYearNotOver = "studios.report_year_not_over";
    public const string ApprenticeListedTwice = "studios.apprentice_listed_twice";
    public const string ReportAlreadyAssessed = "studios.report_already_assessed"; // 409

    // Reference data.
    public const string RulesOverlap = "studios.rules_overlap"; // 409
    public const string StandardOverlaps = "studios.funding_standard_overlaps"; // 409

    public static DomainException Refuse(int status, string code, string chinese, string english) =>
        new(status, code, new LocalizedText(chinese, english));

    public static DomainException Unprocessable(string code, string chinese, string english) => Refuse(422, code, chinese, english);

    public static DomainException Conflict(string code, string chinese, string english) => Refuse(409, code, chinese, english);

    public static DomainException NotFound(string code, string what, string whatEn, Guid id) =>
        Refuse(404, code, $"未找到{what} {id}。", $"{whatEn} {id} was not found.");
}
