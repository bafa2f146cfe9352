using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.ReferenceData;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>One condition of the start-up subsidy, with why it passed or failed.</summary>
/// <param name="Code">A stable code: once_per_person, business_of_founder, business_operating, months_of_operation, founder_social_insurance, standard_in_force.</param>
/// <param name="Passed">Whether it holds.</param>
/// <param name="Reason">Why, in Chinese and English.</param>
internal sealed record SubsidyCondition(string Code, bool Passed, LocalizedText Reason);

/// <summary>The conditions of the one-time start-up subsidy (*default*: once per person, 12 months of operation, the founder insured), each explained.</summary>
internal static class SubsidyEligibility
{
    public static IReadOnlyList<SubsidyCondition> Check(
        Entrepreneur founder, Business business, bool alreadyGranted, IEnumerable<StartupSubsidyStandard> standards, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(founder);
        ArgumentNullException.ThrowIfNull(business);
        static LocalizedText T(string zh, string en) => new(zh, en);
        var standard = RegionalRules.InForce(standards, business.RegionCode, day);
        var months = standard?.MinMonthsOperating ?? 12;
        var operatingSince = business.RegisteredOn.AddMonths(months);
        var insured = founder.SocialInsuranceSince is { } since && since <= day;
        return
        [
            new("once_per_person", !alreadyGranted, alreadyGranted
                ? T("此人已申请或领取过一次性创业补贴（每人限一次）。", "This person has already applied for or received the subsidy (once per person).")
                : T("此人未领取过一次性创业补贴。", "This person has not received the subsidy before.")),
            new("business_of_founder", business.EntrepreneurId == founder.Id, business.EntrepreneurId == founder.Id
                ? T("创业实体由申请人创办。", "The business was founded by the applicant.")
                : T("该创业实体不是申请人创办的。", "The business was not founded by the applicant.")),
            new("business_operating", business.Status == BusinessStatus.Operating, business.Status == BusinessStatus.Operating
                ? T("创业实体正常经营。", "The business is operating.")
                : T($"创业实体已于 {business.ClosedOn:yyyy-MM-dd} 关闭。", $"The business closed on {business.ClosedOn:yyyy-MM-dd}.")),
            new("months_of_operation", operatingSince <= day, operatingSince <= day
                ? T($"自 {business.RegisteredOn:yyyy-MM-dd} 登记，已经营满 {months} 个月。", $"Registered on {business.RegisteredOn:yyyy-MM-dd}: operating for {months} months or more.")
                : T($"自 {business.RegisteredOn:yyyy-MM-dd} 登记，{operatingSince:yyyy-MM-dd} 起才满 {months} 个月。", $"Registered on {business.RegisteredOn:yyyy-MM-dd}: {months} months are reached on {operatingSince:yyyy-MM-dd}.")),
            new("founder_social_insurance", insured || standard is { RequiresSocialInsurance: false }, insured
                ? T($"创业者自 {founder.SocialInsuranceSince:yyyy-MM-dd} 起缴纳社会保险。", $"The founder pays social insurance since {founder.SocialInsuranceSince:yyyy-MM-dd}.")
                : standard is { RequiresSocialInsurance: false }
                    ? T("本地标准不要求创业者缴纳社会保险。", "The local standard does not require the founder's social insurance.")
                    : T("创业者未缴纳社会保险。", "The founder does not pay social insurance.")),
            new("standard_in_force", standard is not null, standard is not null
                ? T($"适用 {standard.RegionCode} 自 {standard.EffectiveFrom:yyyy-MM-dd} 起的标准：{standard.Amount:0.00} 元。", $"The standard of {standard.RegionCode} from {standard.EffectiveFrom:yyyy-MM-dd} applies: {standard.Amount:0.00} yuan.")
                : T($"{business.RegionCode} 在 {day:yyyy-MM-dd} 没有生效的补贴标准。", $"No subsidy standard is in force for {business.RegionCode} on {day:yyyy-MM-dd}.")),
        ];
    }
}
