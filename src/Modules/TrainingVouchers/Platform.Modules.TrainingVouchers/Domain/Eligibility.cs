using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;

namespace Platform.Modules.TrainingVouchers.Domain;

/// <summary>The rules an application for a voucher is checked against, in the order they are explained.</summary>
internal enum EligibilityRule
{
    OccupationOffered,
    RegionStandard,
    WorkingAge,
    EligibleGroup,
    YearlyQuota,
    NotAlreadySubsidised,
    NoOpenVoucher,
}

/// <summary>A voucher the applicant already holds, as far as eligibility needs to know it (from any region).</summary>
internal sealed record HeldVoucher(string OccupationCode, SkillLevel Level, VoucherStatus Status, DateOnly IssuedOn, bool? Passed, string? QuotaSlot);

/// <summary>What is asked: this person, in these groups, for this training, in this region, on this day.</summary>
internal sealed record EligibilityQuestion(DateOnly BirthDate, TraineeGroups Groups, string OccupationCode, SkillLevel Level, string RegionCode, DateOnly Day);

/// <summary>One rule's verdict, with the code a refusal by it carries and the reason in words.</summary>
internal sealed record RuleOutcome(EligibilityRule Rule, bool Passed, string Code, int Status, LocalizedText Detail);

/// <summary>Every rule's verdict, the face value the voucher would have, and the rules in force used.</summary>
internal sealed record EligibilityVerdict(IReadOnlyList<RuleOutcome> Outcomes, decimal? FaceValue, ProgramRules? Rules)
{
    public bool Eligible => Outcomes.All(o => o.Passed);

    /// <summary>The refusal of the first failed rule, as issuing answers it.</summary>
    public DomainException? Refusal()
    {
        var failed = Outcomes.FirstOrDefault(o => !o.Passed);
        return failed is null ? null : new DomainException(failed.Status, failed.Code, failed.Detail);
    }
}

/// <summary>
/// Decides eligibility from facts the caller gathered (no database): every rule is evaluated, passed or
/// not, so an operator can tell the applicant each reason at once. Issuing uses the same verdict and
/// refuses with the first failed rule's code.
/// </summary>
internal static class EligibilityEvaluator
{
    public static EligibilityVerdict Evaluate(
        EligibilityQuestion question,
        Occupation? occupation,
        ProgramRules? rules,
        SubsidyStandard? standard,
        IReadOnlyCollection<HeldVoucher> held)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(held);
        var outcomes = new List<RuleOutcome>
        {
            OccupationOffered(question, occupation),
            RegionStandard(question, rules, standard),
        };

        var minimumAge = rules?.MinimumAge ?? 16;
        var maximumAge = rules?.MaximumAge ?? 60;
        var age = AgeOn(question.BirthDate, question.Day);
        outcomes.Add(age >= minimumAge && age <= maximumAge
            ? Pass(EligibilityRule.WorkingAge, VoucherProblems.NotWorkingAge, $"年龄 {age} 岁，在 {minimumAge}–{maximumAge} 岁劳动年龄内。", $"Aged {age}, within the working age of {minimumAge}–{maximumAge}.")
            : Fail(EligibilityRule.WorkingAge, VoucherProblems.NotWorkingAge, 422, $"年龄 {age} 岁，不在 {minimumAge}–{maximumAge} 岁劳动年龄内。", $"Aged {age}, outside the working age of {minimumAge}–{maximumAge}."));

        var eligibleGroups = rules?.EligibleGroups ?? TraineeGroupSets.All;
        var matching = question.Groups & eligibleGroups;
        outcomes.Add(matching != TraineeGroups.None
            ? Pass(EligibilityRule.EligibleGroup, VoucherProblems.NoEligibleGroup, $"属于补贴对象群体：{string.Join("、", matching.Members().Select(g => g.ChineseName()))}。", $"Belongs to an eligible group: {string.Join(", ", matching.Names())}.")
            : Fail(EligibilityRule.EligibleGroup, VoucherProblems.NoEligibleGroup, 422, "不属于任何补贴对象群体。", $"Belongs to none of the eligible groups ({string.Join(", ", eligibleGroups.Names())})."));

        var quota = rules?.YearlyQuota ?? 3;
        var usedThisYear = held.Count(v => v.Status.CountsTowardsQuota() && v.IssuedOn.Year == question.Day.Year);
        outcomes.Add(usedThisYear < quota
            ? Pass(EligibilityRule.YearlyQuota, VoucherProblems.YearlyQuotaExceeded, $"{question.Day.Year} 年已使用 {usedThisYear}/{quota} 次补贴培训。", $"{usedThisYear} of {quota} subsidised trainings used in {question.Day.Year}.")
            : Fail(EligibilityRule.YearlyQuota, VoucherProblems.YearlyQuotaExceeded, 422, $"{question.Day.Year} 年已使用 {usedThisYear}/{quota} 次补贴培训，达到年度上限。", $"All {quota} subsidised trainings of {question.Day.Year} are used ({usedThisYear})."));

        var subsidised = held.FirstOrDefault(v =>
            v.OccupationCode == question.OccupationCode && v.Passed == true && VoucherStatuses.Completed.Contains(v.Status)
            && SkillLevels.IsSameOrHigher(v.Level, question.Level));
        outcomes.Add(subsidised is null
            ? Pass(EligibilityRule.NotAlreadySubsidised, VoucherProblems.AlreadySubsidised, "未曾就该职业的同级或更高等级享受过培训补贴。", "Not yet subsidised for this occupation at this or a higher level.")
            : Fail(EligibilityRule.NotAlreadySubsidised, VoucherProblems.AlreadySubsidised, 422, $"已就职业 {question.OccupationCode} 的 {subsidised.Level} 享受过培训补贴，不能再就 {question.Level} 享受补贴。", $"Already subsidised for occupation {question.OccupationCode} at {subsidised.Level}; {question.Level} cannot be subsidised again."));

        var open = held.FirstOrDefault(v => v.OccupationCode == question.OccupationCode && v.Level == question.Level && v.Status.IsOpen());
        outcomes.Add(open is null
            ? Pass(EligibilityRule.NoOpenVoucher, VoucherProblems.OpenVoucherExists, "没有同一职业同一等级的未结培训券。", "No open voucher for this occupation and level.")
            : Fail(EligibilityRule.NoOpenVoucher, VoucherProblems.OpenVoucherExists, 409, $"已持有职业 {question.OccupationCode} {question.Level} 的未结培训券（{open.Status}）。", $"Already holds an open voucher for occupation {question.OccupationCode} at {question.Level} ({open.Status})."));

        return new EligibilityVerdict(outcomes, standard?.FaceValue, rules);
    }

    /// <summary>Completed years of age on <paramref name="day"/>; a person born on 29 February turns a year older on 1 March in common years.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        if (day.Month < birthDate.Month || (day.Month == birthDate.Month && day.Day < birthDate.Day))
        {
            age--;
        }

        return age;
    }

    private static RuleOutcome OccupationOffered(EligibilityQuestion question, Occupation? occupation)
    {
        if (occupation is null)
        {
            return Fail(EligibilityRule.OccupationOffered, VoucherProblems.OccupationNotOffered, 422, $"职业目录中没有职业 {question.OccupationCode}。", $"Occupation {question.OccupationCode} is not in the catalogue.");
        }

        return occupation.Offers(question.Level, question.Day)
            ? Pass(EligibilityRule.OccupationOffered, VoucherProblems.OccupationNotOffered, $"职业 {occupation.Name} 提供 {question.Level.ChineseName()} 培训。", $"{occupation.NameEn} is offered at {question.Level}.")
            : Fail(EligibilityRule.OccupationOffered, VoucherProblems.OccupationNotOffered, 422, $"职业 {occupation.Name} 在 {question.Day:yyyy-MM-dd} 不提供 {question.Level.ChineseName()} 培训。", $"{occupation.NameEn} is not offered at {question.Level} on {question.Day:yyyy-MM-dd}.");
    }

    private static RuleOutcome RegionStandard(EligibilityQuestion question, ProgramRules? rules, SubsidyStandard? standard)
    {
        if (rules is null)
        {
            return Fail(EligibilityRule.RegionStandard, VoucherProblems.NoProgramRules, 422, $"地区 {question.RegionCode} 在 {question.Day:yyyy-MM-dd} 没有生效的培训券政策。", $"Region {question.RegionCode} has no voucher program rules in force on {question.Day:yyyy-MM-dd}.");
        }

        return standard is null
            ? Fail(EligibilityRule.RegionStandard, VoucherProblems.NoStandardInRegion, 422, $"地区 {question.RegionCode} 在 {question.Day:yyyy-MM-dd} 没有职业 {question.OccupationCode} {question.Level} 的补贴标准。", $"Region {question.RegionCode} has no subsidy standard for {question.OccupationCode} at {question.Level} on {question.Day:yyyy-MM-dd}.")
            : Pass(EligibilityRule.RegionStandard, VoucherProblems.NoStandardInRegion, $"适用地区 {standard.RegionCode} 的补贴标准 {standard.FaceValue:0.00} 元。", $"The standard of region {standard.RegionCode} applies: {standard.FaceValue:0.00} yuan.");
    }

    private static RuleOutcome Pass(EligibilityRule rule, string code, string chinese, string english) => new(rule, true, code, 200, new LocalizedText(chinese, english));

    private static RuleOutcome Fail(EligibilityRule rule, string code, int status, string chinese, string english) => new(rule, false, code, status, new LocalizedText(chinese, english));
}
