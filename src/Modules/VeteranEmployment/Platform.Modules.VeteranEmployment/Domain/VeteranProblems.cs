using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;

namespace Platform.Modules.VeteranEmployment.Domain;

/// <summary>The stable problem codes of the module.</summary>
internal static class VeteranProblems
{
    public const string VeteranExists = "veterans.veteran_exists"; // 409
    public const string VeteranNotFound = "veterans.veteran_not_found"; // 404
    public const string RegionOutsideCaller = "veterans.region_outside_caller"; // 403
    public const string TransferToSameRegion = "veterans.transfer_to_same_region";
    public const string DischargeAfterRegistration = "veterans.discharged_in_future";
    public const string EffectiveBeforeDischarge = "veterans.status_before_discharge";
    public const string CorrectedEntryNotFound = "veterans.corrected_entry_not_found";
    public const string PostingNotFound = "veterans.posting_not_found"; // 404
    public const string PostingClosed = "veterans.posting_closed"; // 409
    public const string PostingFull = "veterans.posting_full"; // 409
    public const string AlreadyApplied = "veterans.already_applied"; // 409
    public const string ApplicationNotFound = "veterans.job_application_not_found"; // 404
    public const string InvalidTransition = "veterans.invalid_transition"; // 409
    public const string NotSelfEmployedSoldier = "veterans.not_self_employed_soldier";
    public const string StandardOverlaps = "veterans.incentive_standard_overlaps"; // 409
    public const string ImportTooLarge = "veterans.import_too_large";
    public const string ImportHeader = "veterans.import_header";
    public const string ImportMalformed = "veterans.import_malformed";

    public static DomainException Refuse(int status, string code, string chinese, string english) =>
        new(status, code, new LocalizedText(chinese, english));

    public static DomainException Unprocessable(string code, string chinese, string english) => Refuse(422, code, chinese, english);

    public static DomainException Conflict(string code, string chinese, string english) => Refuse(409, code, chinese, english);

    public static DomainException VeteranMissing(Guid id) => Refuse(404, VeteranNotFound, $"未找到退役军人 {id}。", $"Veteran {id} was not found.");
}
