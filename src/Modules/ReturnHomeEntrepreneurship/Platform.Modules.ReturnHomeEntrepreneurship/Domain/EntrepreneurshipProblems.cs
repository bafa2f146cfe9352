using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>The stable problem codes of the module.</summary>
internal static class EntrepreneurshipProblems
{
    public const string RegionOutsideCaller = "entrepreneurship.region_outside_caller"; // 403
    public const string EntrepreneurExists = "entrepreneurship.entrepreneur_exists"; // 409
    public const string EntrepreneurNotFound = "entrepreneurship.entrepreneur_not_found"; // 404
    public const string BusinessExists = "entrepreneurship.business_exists"; // 409
    public const string BusinessNotFound = "entrepreneurship.business_not_found"; // 404
    public const string BusinessClosed = "entrepreneurship.business_closed"; // 409
    public const string EmployeeExists = "entrepreneurship.employee_exists"; // 409
    public const string EmployeeNotFound = "entrepreneurship.employee_not_found"; // 404
    public const string RevenueReported = "entrepreneurship.revenue_already_reported"; // 409
    public const string ParkNotFound = "entrepreneurship.park_not_found"; // 404
    public const string ParkFull = "entrepreneurship.park_full"; // 409
    public const string AlreadyTenant = "entrepreneurship.already_a_tenant"; // 409
    public const string NotTenant = "entrepreneurship.not_a_tenant"; // 409
    public const string CapacityBelowTenants = "entrepreneurship.capacity_below_tenants"; // 409
    public const string SubsidyNotFound = "entrepreneurship.subsidy_not_found"; // 404
    public const string SubsidyNotEligible = "entrepreneurship.subsidy_not_eligible"; // 422
    public const string SubsidyOncePerPerson = "entrepreneurship.subsidy_once_per_person"; // 409
    public const string MakerCannotCheck = "entrepreneurship.maker_cannot_check"; // 403
    public const string PaymentReferenceUsed = "entrepreneurship.payment_reference_used"; // 409
    public const string InvalidTransition = "entrepreneurship.invalid_transition"; // 409
    public const string LoanNotFound = "entrepreneurship.loan_not_found"; // 404
    public const string NoRuleInForce = "entrepreneurship.no_rule_in_force"; // 422
    public const string NoPrimeRate = "entrepreneurship.no_prime_rate"; // 422
    public const string AmountAboveCap = "entrepreneurship.amount_above_cap"; // 422
    public const string TermTooLong = "entrepreneurship.term_too_long"; // 422
    public const string RateAboveCap = "entrepreneurship.rate_above_cap"; // 422
    public const string LoanInProgress = "entrepreneurship.loan_in_progress"; // 409
    public const string PreviousLoanNotOnTime = "entrepreneurship.previous_loan_not_on_time"; // 422
    public const string TooManyLoans = "entrepreneurship.too_many_loans"; // 422
    public const string EnterpriseNeedsBusiness = "entrepreneurship.enterprise_loan_needs_enterprise"; // 422
    public const string RepaymentTooLarge = "entrepreneurship.repayment_exceeds_outstanding"; // 422
    public const string RepaymentReferenceUsed = "entrepreneurship.repayment_reference_used"; // 409
    public const string NotOverdueLongEnough = "entrepreneurship.not_overdue"; // 409
    public const string ClaimExists = "entrepreneurship.claim_exists"; // 409
    public const string ClaimNotFound = "entrepreneurship.claim_not_found"; // 404
    public const string MonthNotOver = "entrepreneurship.month_not_over"; // 422
    public const string RuleOverlaps = "entrepreneurship.rule_overlaps"; // 409
    public const string MentorNotFound = "entrepreneurship.mentor_not_found"; // 404
    public const string ProjectNotFound = "entrepreneurship.project_not_found"; // 404

    public static DomainException Refuse(int status, string code, string chinese, string english) =>
        new(status, code, new LocalizedText(chinese, english));

    public static DomainException Unprocessable(string code, string chinese, string english) => Refuse(422, code, chinese, english);

    public static DomainException Conflict(string code, string chinese, string english) => Refuse(409, code, chinese, english);

    public static DomainException NotFound(string code, string what, string english, Guid id) => Refuse(404, code, $"未找到{what} {id}。", $"{english} {id} was not found.");
}
