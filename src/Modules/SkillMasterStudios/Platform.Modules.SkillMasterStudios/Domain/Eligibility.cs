using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;

namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>The rules an application is checked against, in the order they are explained.</summary>
internal enum StudioEligibilityRule
{
    ProgramRules,
    MasterQualification,
    MasterFree,
    NoOtherOpenApplication,
    HostOrganisation,
    StudioStanding,
    LevelLadder,
    RenewalWindow,
    RenewalAssessment,
    FundingStandard,
}

/// <summary>The studio an upgrade or renewal is for, as eligibility needs to know it.</summary>
internal sealed record StudioFacts(Guid Id, StudioStatus Status, StudioLevel Level, DateOnly TermEndsOn, Guid LeadMasterId, string HostCode);

/// <summary>
/// What eligibility looks at, gathered by the caller: the application, its lead master, the studio it
/// is for, the master's other studio and open applications, the last assessment, the rules and the
/// funding standard in force on <paramref name="Day"/>.
/// </summary>
internal sealed record EligibilityFacts(
    ApplicationKind Kind,
    StudioLevel Level,
    string RegionCode,
    string HostCode,
    QualificationLevel MasterLevel,
    Guid? OtherActiveStudioOfMaster,
    Guid? OtherOpenApplication,
    StudioFacts? Studio,
    AssessmentGrade? LastGrade,
    StudioRules? Rules,
    FundingStandard? Standard,
    DateOnly Day);

/// <summary>One rule's verdict, with the code a refusal by it carries and the reason in words.</summary>
internal sealed record RuleOutcome(StudioEligibilityRule Rule, bool Passed, string Code, int Status, LocalizedText Detail);

/// <summary>Every rule's verdict.</summary>
internal sealed record EligibilityVerdict(IReadOnlyList<RuleOutcome> Outcomes)
{
    public bool Eligible => Outcomes.All(o => o.Passed);

    /// <summary>The refusal of the first failed rule, as submitting and approving answer it.</summary>
    public DomainException? Refusal()
    {
        var failed = Outcomes.FirstOrDefault(o => !o.Passed);
        return failed is null ? null : new DomainException(failed.Status, failed.Code, failed.Detail);
    }
}

/// <summary>
/// Decides whether an application may go ahead, from facts the caller gathered (no database). Every
/// rule is evaluated and explained, passed or not; submitting and approving refuse with the first
/// failed rule's code.
/// </summary>
internal static class EligibilityEvaluator
{
    public static EligibilityVerdict Evaluate(EligibilityFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new EligibilityVerdict(
        [
            Rules(facts),
            MasterQualification(facts),
            MasterFree(facts),
            NoOtherOpenApplication(facts),
            Host(facts),
            StudioStanding(facts),
            Ladder(facts),
            RenewalWindow(facts),
            RenewalAssessment(facts),
            Funding(facts),
        ]);
    }

    private static RuleOutcome Pass(StudioEligibilityRule rule, string code, int status, string chinese, string english) =>
        new(rule, true, code, status, new LocalizedText(chinese, english));

    private static RuleOutcome Fail(StudioEligibilityRule rule, string code, int status, string chinese, string english) =>
        new(rule, false, code, status, new LocalizedText(chinese, english));

    private static RuleOutcome Rules(EligibilityFacts f) => f.Rules is null
        ? Fail(StudioEligibilityRule.ProgramRules, StudioProblems.NoProgramRules, 422, $"地区 {f.RegionCode} 在 {f.Day:yyyy-MM-dd} 没有生效的工作室管理规则。", $"Region {f.RegionCode} has no studio rules in force on {f.Day:yyyy-MM-dd}.")
        : Pass(StudioEligibilityRule.ProgramRules, StudioProblems.NoProgramRules, 422, $"适用 {f.Rules.RegionCode} 自 {f.Rules.EffectiveFrom:yyyy-MM-dd} 起的规则。", $"The rules of {f.Rules.RegionCode} from {f.Rules.EffectiveFrom:yyyy-MM-dd} apply.");

    private static RuleOutcome MasterQualification(EligibilityFacts f) => f.MasterLevel >= QualificationLevel.Level2
        ? Pass(StudioEligibilityRule.MasterQualification, StudioProblems.MasterNotQualified, 422, $"领办人职业技能等级为{f.MasterLevel.ChineseName()}，符合技师及以上要求。", $"The lead master holds {f.MasterLevel}, at least technician (Level2).")
        : Fail(StudioEligibilityRule.MasterQualification, StudioProblems.MasterNotQualified, 422, $"领办人职业技能等级为{f.MasterLevel.ChineseName()}，须具备技师（二级）或高级技师（一级）资格。", $"The lead master holds {f.MasterLevel}; leading a studio needs technician (Level2) or senior technician (Level1).");

    private static RuleOutcome MasterFree(EligibilityFacts f) => f.OtherActiveStudioOfMaster is { } other
        ? Fail(StudioEligibilityRule.MasterFree, StudioProblems.MasterLeadsActiveStudio, 409, $"领办人已领办有效的工作室 {other}，每人最多领办一个。", $"The lead master already leads active studio {other}; a master leads at most one.")
        : Pass(StudioEligibilityRule.MasterFree, StudioProblems.MasterLeadsActiveStudio, 409, "领办人未领办其他有效工作室。", "The lead master leads no other active studio.");

    private static RuleOutcome NoOtherOpenApplication(EligibilityFacts f) => f.OtherOpenApplication is { } other
        ? Fail(StudioEligibilityRule.NoOtherOpenApplication, StudioProblems.OpenApplicationExists, 409, $"同一领办人或工作室已有未办结的申请 {other}。", $"Application {other} for the same master or studio is still open.")
        : Pass(StudioEligibilityRule.NoOtherOpenApplication, StudioProblems.OpenApplicationExists, 409, "没有其他未办结的申请。", "No other application for the same master or studio is open.");

    private static RuleOutcome Host(EligibilityFacts f)
    {
        if (!UnifiedSocialCreditCode.TryParse(f.HostCode, out var code))
        {
            return Fail(StudioEligibilityRule.HostOrganisation, StudioProblems.HostInvalid, 422, $"依托单位统一社会信用代码 {f.HostCode} 无效。", $"The host's unified social credit code {f.HostCode} is not valid.");
        }

        var division = code.RegionCode;
        if (!division.AsSpan(0, 2).SequenceEqual(f.RegionCode.AsSpan(0, 2)))
        {
            return Fail(StudioEligibilityRule.HostOrganisation, StudioProblems.HostInvalid, 422, $"依托单位登记地 {division} 不在工作室所在省（市）{f.RegionCode[..2]}。", $"The host is registered in {division}, outside the studio's province {f.RegionCode[..2]}.");
        }

        if (f.Studio is { } studio && !string.Equals(studio.HostCode, f.HostCode, StringComparison.Ordinal))
        {
            return Fail(StudioEligibilityRule.HostOrganisation, StudioProblems.HostInvalid, 422, $"升级或续期须由原依托单位 {studio.HostCode} 申请。", $"An upgrade or renewal is applied for by the studio's host {studio.HostCode}.");
        }

        return Pass(StudioEligibilityRule.HostOrganisation, StudioProblems.HostInvalid, 422, $"依托单位代码有效，登记地 {division}。", $"The host's code is valid, registered in {division}.");
    }

    private static RuleOutcome StudioStanding(EligibilityFacts f)
    {
        const StudioEligibilityRule rule = StudioEligibilityRule.StudioStanding;
        if (f.Kind == ApplicationKind.New)
        {
            return Pass(rule, StudioProblems.StudioNotActive, 422, "新建工作室，无需已有认定。", "A new studio needs no existing accreditation.");
        }

        return f.Studio switch
        {
            null => Fail(rule, StudioProblems.StudioNotActive, 422, "升级或续期须指明已认定的工作室。", "An upgrade or renewal names an accredited studio."),
            { Status: StudioStatus.Revoked } => Fail(rule, StudioProblems.StudioNotActive, 422, "工作室已被撤销，不能升级或续期。", "The studio was revoked; it cannot be upgraded or renewed."),
            { Status: StudioStatus.Expired } when f.Kind == ApplicationKind.Upgrade => Fail(rule, StudioProblems.StudioNotActive, 422, "工作室认定已到期，请先续期再申请升级。", "The studio's term has ended; renew it before applying for a higher level."),
            _ => Pass(rule, StudioProblems.StudioNotActive, 422, $"工作室现为{f.Studio.Level.ChineseName()}，状态 {f.Studio.Status}。", $"The studio is {f.Studio.Level}, {f.Studio.Status}."),
        };
    }

    private static RuleOutcome Ladder(EligibilityFacts f)
    {
        const StudioEligibilityRule rule = StudioEligibilityRule.LevelLadder;
        var ladder = f.Rules?.LadderRequired ?? true;
        var current = f.Studio?.Level;
        return f.Kind switch
        {
            ApplicationKind.New when ladder && f.Level != StudioLevel.Municipal =>
                Fail(rule, StudioProblems.LevelLadder, 422, $"逐级申报：新建工作室只能申报市级，申报{f.Level.ChineseName()}须已获{f.Level.Below()!.Value.ChineseName()}认定。", $"Levels are climbed in order: a new studio applies at municipal level; {f.Level} needs a current {f.Level.Below()} accreditation."),
            ApplicationKind.Upgrade when current is null || f.Level <= current =>
                Fail(rule, StudioProblems.LevelLadder, 422, "升级须申报高于现有认定的级别。", "An upgrade applies for a level above the current one."),
            ApplicationKind.Upgrade when ladder && f.Level != current + 1 =>
                Fail(rule, StudioProblems.LevelLadder, 422, $"逐级申报：{current!.Value.ChineseName()}工作室只能申报{(current + 1)!.Value.ChineseName()}。", $"Levels are climbed in order: a {current} studio applies for {current + 1}."),
            ApplicationKind.Renewal when current is null || f.Level != current =>
                Fail(rule, StudioProblems.LevelLadder, 422, "续期须申报现有认定级别。", "A renewal applies for the current level."),
            _ => Pass(rule, StudioProblems.LevelLadder, 422, ladder ? $"申报{f.Level.ChineseName()}符合逐级申报要求。" : "本地区未要求逐级申报。", ladder ? $"Applying for {f.Level} follows the level ladder." : "The region does not require the level ladder."),
        };
    }

    private static RuleOutcome RenewalWindow(EligibilityFacts f)
    {
        const StudioEligibilityRule rule = StudioEligibilityRule.RenewalWindow;
        if (f.Kind != ApplicationKind.Renewal || f.Studio is null)
        {
            return Pass(rule, StudioProblems.RenewalOutsideWindow, 422, "不是续期申请。", "Not a renewal.");
        }

        var window = f.Rules?.RenewalWindowDays ?? 180;
        var opens = f.Studio.TermEndsOn.AddDays(-window);
        var closes = f.Studio.TermEndsOn.AddDays(window);
        return f.Day >= opens && f.Day <= closes
            ? Pass(rule, StudioProblems.RenewalOutsideWindow, 422, $"认定期 {f.Studio.TermEndsOn:yyyy-MM-dd} 届满，在续期受理期内。", $"The term ends on {f.Studio.TermEndsOn:yyyy-MM-dd}; renewal is open.")
            : Fail(rule, StudioProblems.RenewalOutsideWindow, 422, $"续期受理期为 {opens:yyyy-MM-dd} 至 {closes:yyyy-MM-dd}（认定期届满前后 {window} 天）。", $"Renewal is accepted from {opens:yyyy-MM-dd} to {closes:yyyy-MM-dd} ({window} days around the end of the term).");
    }

    private static RuleOutcome RenewalAssessment(EligibilityFacts f)
    {
        const StudioEligibilityRule rule = StudioEligibilityRule.RenewalAssessment;
        if (f.Kind != ApplicationKind.Renewal)
        {
            return Pass(rule, StudioProblems.RenewalNeedsQualifiedYear, 422, "不是续期申请。", "Not a renewal.");
        }

        return f.LastGrade is AssessmentGrade.Qualified or AssessmentGrade.Excellent
            ? Pass(rule, StudioProblems.RenewalNeedsQualifiedYear, 422, $"最近一次年度考核为 {f.LastGrade}。", $"The last yearly assessment was {f.LastGrade}.")
            : Fail(rule, StudioProblems.RenewalNeedsQualifiedYear, 422, f.LastGrade is null ? "续期须有合格及以上的年度考核，工作室尚无考核结果。" : "续期须最近一次年度考核合格及以上，最近一次为不合格。", f.LastGrade is null ? "Renewal needs a qualified last assessment; the studio has none." : "Renewal needs a qualified last assessment; the last one was unqualified.");
    }

    private static RuleOutcome Funding(EligibilityFacts f) => f.Standard is null
        ? Fail(StudioEligibilityRule.FundingStandard, StudioProblems.NoFundingStandard, 422, $"地区 {f.RegionCode} 在 {f.Day:yyyy-MM-dd} 没有{f.Level.ChineseName()}工作室的资助标准。", $"Region {f.RegionCode} has no funding standard for {f.Level} studios on {f.Day:yyyy-MM-dd}.")
        : Pass(StudioEligibilityRule.FundingStandard, StudioProblems.NoFundingStandard, 422, $"资助标准 {f.Standard.Amount:0.00} 元（{f.Standard.RegionCode}）。", $"Funding standard {f.Standard.Amount:0.00} yuan ({f.Standard.RegionCode}).");
}
