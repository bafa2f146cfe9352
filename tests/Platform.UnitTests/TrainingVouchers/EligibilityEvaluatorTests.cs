using System.Globalization;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.UnitTests.TrainingVouchers;

public sealed class EligibilityEvaluatorTests
{
    private const string Electrician = "6-31-01-03";
    private const string ElderlyCarer = "4-10-01-05";
    private const string Leshan = "511100";

    private static readonly DateOnly Day = new(2026, 6, 15);

    private EligibilityQuestion question = new(new DateOnly(1990, 5, 10), TraineeGroups.MigrantWorkers, Electrician, SkillLevel.Level4, Leshan, Day);

    private Occupation? occupation = new()
    {
        Code = Electrician,
        Name = "电工",
        NameEn = "Electrician",
        Field = OccupationField.Construction,
        Levels = SkillLevels.Join([SkillLevel.SpecialAbility, SkillLevel.Level5, SkillLevel.Level4, SkillLevel.Level3]),
        EffectiveFrom = new DateOnly(2020, 1, 1),
        IsSample = true,
    };

    private ProgramRules? rules = new()
    {
        Id = Guid.NewGuid(),
        RegionCode = "510000",
        EffectiveFrom = new DateOnly(2021, 1, 1),
        IsSample = true,
    };

    private SubsidyStandard? standard = new()
    {
        Id = Guid.NewGuid(),
        OccupationCode = Electrician,
        Level = SkillLevel.Level4,
        RegionCode = Leshan,
        EffectiveFrom = new DateOnly(2026, 1, 1),
        Amount = 1500m,
        ShortageUpliftPercent = 30m,
        IsSample = true,
    };

    private readonly List<HeldVoucher> held = [];

    [Fact]
    public void Every_rule_passes_for_a_plain_eligible_applicant()
    {
        var verdict = Evaluate();

        Assert.True(verdict.Eligible);
        Assert.Null(verdict.Refusal());
        Assert.Equal(1950.00m, verdict.FaceValue);
        Assert.Same(rules, verdict.Rules);
        Assert.Equal(
            [
                EligibilityRule.OccupationOffered,
                EligibilityRule.RegionStandard,
                EligibilityRule.WorkingAge,
                EligibilityRule.EligibleGroup,
                EligibilityRule.YearlyQuota,
                EligibilityRule.NotAlreadySubsidised,
                EligibilityRule.NoOpenVoucher,
            ],
            verdict.Outcomes.Select(o => o.Rule));
        Assert.Equal(
            [
                "vouchers.occupation_not_offered",
                "vouchers.no_standard_in_region",
                "vouchers.not_working_age",
                "vouchers.no_eligible_group",
                "vouchers.yearly_quota_exceeded",
                "vouchers.already_subsidised",
                "vouchers.open_voucher_exists",
            ],
            verdict.Outcomes.Select(o => o.Code));
        Assert.All(verdict.Outcomes, o =>
        {
            Assert.True(o.Passed);
            Assert.Equal(200, o.Status);
            Assert.False(string.IsNullOrWhiteSpace(o.Detail.Chinese));
            Assert.False(string.IsNullOrWhiteSpace(o.Detail.English));
        });
    }

    [Fact]
    public void An_occupation_missing_from_the_catalogue_is_not_offered()
    {
        occupation = null;

        AssertOnlyFailure(Evaluate(), EligibilityRule.OccupationOffered, "vouchers.occupation_not_offered", 422);
    }

    [Fact]
    public void A_level_the_occupation_does_not_offer_is_refused()
    {
        question = question with { Level = SkillLevel.Level2 };

        AssertOnlyFailure(Evaluate(), EligibilityRule.OccupationOffered, "vouchers.occupation_not_offered", 422);
    }

    [Theory]
    [InlineData(2026, 6, 16, null)]
    [InlineData(2020, 1, 1, "2026-06-14")]
    public void An_occupation_not_in_force_on_the_day_is_not_offered(int fromYear, int fromMonth, int fromDay, string? effectiveTo)
    {
        occupation!.EffectiveFrom = new DateOnly(fromYear, fromMonth, fromDay);
        occupation.EffectiveTo = effectiveTo is null ? null : DateOnly.ParseExact(effectiveTo, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        AssertOnlyFailure(Evaluate(), EligibilityRule.OccupationOffered, "vouchers.occupation_not_offered", 422);
    }

    [Fact]
    public void An_occupation_is_still_offered_on_the_last_day_it_is_in_force()
    {
        occupation!.EffectiveTo = Day;

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void A_region_without_program_rules_in_force_is_refused()
    {
        rules = null;

        var verdict = Evaluate();

        AssertOnlyFailure(verdict, EligibilityRule.RegionStandard, "vouchers.no_program_rules", 422);
        Assert.Null(verdict.Rules);
    }

    [Fact]
    public void Missing_program_rules_are_reported_before_a_missing_standard()
    {
        rules = null;
        standard = null;

        AssertOnlyFailure(Evaluate(), EligibilityRule.RegionStandard, "vouchers.no_program_rules", 422);
    }

    [Fact]
    public void A_region_without_a_subsidy_standard_for_the_occupation_and_level_is_refused()
    {
        standard = null;

        var verdict = Evaluate();

        AssertOnlyFailure(verdict, EligibilityRule.RegionStandard, "vouchers.no_standard_in_region", 422);
        Assert.Null(verdict.FaceValue);
    }

    [Theory]
    [InlineData(2010, 6, 16, 15, false)]
    [InlineData(2010, 6, 15, 16, true)]
    [InlineData(1966, 6, 15, 60, true)]
    [InlineData(1965, 6, 16, 60, true)]
    [InlineData(1965, 6, 15, 61, false)]
    public void The_default_working_age_is_16_to_60_inclusive_and_a_birthday_counts_on_the_day_itself(int year, int month, int day, int age, bool eligible)
    {
        question = question with { BirthDate = new DateOnly(year, month, day) };

        Assert.Equal(age, EligibilityEvaluator.AgeOn(question.BirthDate, Day));
        AssertWorkingAge(Evaluate(), eligible);
    }

    [Theory]
    [InlineData(2010, 6, 16, false)]
    [InlineData(2010, 6, 15, true)]
    [InlineData(1965, 6, 16, true)]
    [InlineData(1965, 6, 15, false)]
    public void Without_program_rules_the_working_age_is_still_16_to_60(int year, int month, int day, bool eligible)
    {
        rules = null;
        question = question with { BirthDate = new DateOnly(year, month, day) };

        var working = Assert.Single(Evaluate().Outcomes, o => o.Rule == EligibilityRule.WorkingAge);

        Assert.Equal(eligible, working.Passed);
    }

    [Theory]
    [InlineData(1970, 6, 15, false)]
    [InlineData(1970, 6, 16, true)]
    [InlineData(1971, 6, 15, true)]
    public void A_regions_maximum_age_of_55_refuses_a_56_year_old(int year, int month, int day, bool eligible)
    {
        rules!.MaximumAge = 55;
        question = question with { BirthDate = new DateOnly(year, month, day) };

        AssertWorkingAge(Evaluate(), eligible);
    }

    [Fact]
    public void A_regions_minimum_age_of_18_refuses_a_17_year_old()
    {
        rules!.MinimumAge = 18;
        question = question with { BirthDate = new DateOnly(2008, 6, 16) };

        AssertWorkingAge(Evaluate(), eligible: false);
    }

    [Theory]
    [InlineData(1990, 6, 15, 2026, 6, 15, 36)]
    [InlineData(1990, 6, 15, 2026, 6, 14, 35)]
    [InlineData(1990, 12, 31, 2027, 1, 1, 36)]
    [InlineData(2008, 2, 29, 2026, 2, 28, 17)]
    [InlineData(2008, 2, 29, 2026, 3, 1, 18)]
    [InlineData(2008, 2, 29, 2028, 2, 28, 19)]
    [InlineData(2008, 2, 29, 2028, 2, 29, 20)]
    [InlineData(2008, 2, 29, 2028, 3, 1, 20)]
    [InlineData(2008, 3, 1, 2026, 2, 28, 17)]
    [InlineData(2008, 3, 1, 2026, 3, 1, 18)]
    public void AgeOn_counts_completed_years_and_29_february_birthdays_fall_on_1_march_in_common_years(int birthYear, int birthMonth, int birthDay, int year, int month, int day, int expected)
    {
        Assert.Equal(expected, EligibilityEvaluator.AgeOn(new DateOnly(birthYear, birthMonth, birthDay), new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData(2025, 2, 28, true)]
    [InlineData(2025, 3, 1, false)]
    public void Someone_born_on_29_february_turns_61_on_1_march_of_a_common_year(int year, int month, int day, bool eligible)
    {
        question = question with { BirthDate = new DateOnly(1964, 2, 29), Day = new DateOnly(year, month, day) };

        AssertWorkingAge(Evaluate(), eligible);
    }

    [Fact]
    public void An_applicant_in_no_group_is_refused()
    {
        question = question with { Groups = TraineeGroups.None };

        AssertOnlyFailure(Evaluate(), EligibilityRule.EligibleGroup, "vouchers.no_eligible_group", 422);
    }

    [Fact]
    public void An_applicant_only_in_groups_the_regions_rules_leave_out_is_refused()
    {
        rules!.EligibleGroups = TraineeGroups.MigrantWorkers | TraineeGroups.RuralLabour;
        question = question with { Groups = TraineeGroups.Veterans | TraineeGroups.CollegeGraduates };

        AssertOnlyFailure(Evaluate(), EligibilityRule.EligibleGroup, "vouchers.no_eligible_group", 422);
    }

    [Fact]
    public void One_group_within_the_regions_rules_is_enough()
    {
        rules!.EligibleGroups = TraineeGroups.MigrantWorkers | TraineeGroups.RuralLabour;
        question = question with { Groups = TraineeGroups.Veterans | TraineeGroups.RuralLabour };

        var verdict = Evaluate();

        Assert.True(verdict.Eligible);
        var group = Assert.Single(verdict.Outcomes, o => o.Rule == EligibilityRule.EligibleGroup);
        Assert.Contains("RuralLabour", group.Detail.English, StringComparison.Ordinal);
        Assert.DoesNotContain("Veterans", group.Detail.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(VoucherStatus.Issued))]
    [InlineData(nameof(VoucherStatus.Enrolled))]
    [InlineData(nameof(VoucherStatus.Completed))]
    [InlineData(nameof(VoucherStatus.SettlementClaimed))]
    [InlineData(nameof(VoucherStatus.SettlementApproved))]
    [InlineData(nameof(VoucherStatus.Paid))]
    public void Issuing_a_fourth_voucher_in_one_year_is_refused(string status)
    {
        var counting = Enum.Parse<VoucherStatus>(status);
        held.Add(Held(counting, "1-01-01-01", issuedOn: new DateOnly(2026, 1, 1)));
        held.Add(Held(counting, "1-01-01-02", issuedOn: new DateOnly(2026, 3, 10)));
        held.Add(Held(counting, "1-01-01-03", issuedOn: Day));

        AssertOnlyFailure(Evaluate(), EligibilityRule.YearlyQuota, "vouchers.yearly_quota_exceeded", 422);
    }

    [Fact]
    public void Expired_cancelled_and_revoked_vouchers_do_not_count_towards_the_quota()
    {
        held.Add(Held(VoucherStatus.Paid, "1-01-01-01", passed: true));
        held.Add(Held(VoucherStatus.Enrolled, "1-01-01-02"));
        held.Add(Held(VoucherStatus.Expired, "1-01-01-03"));
        held.Add(Held(VoucherStatus.Cancelled, "1-01-01-04"));
        held.Add(Held(VoucherStatus.Revoked, "1-01-01-05"));

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void Last_years_vouchers_do_not_count_towards_this_years_quota()
    {
        held.Add(Held(VoucherStatus.Paid, "1-01-01-01", passed: true, issuedOn: new DateOnly(2025, 3, 1)));
        held.Add(Held(VoucherStatus.Completed, "1-01-01-02", passed: false, issuedOn: new DateOnly(2025, 7, 1)));
        held.Add(Held(VoucherStatus.Enrolled, "1-01-01-03", issuedOn: new DateOnly(2025, 12, 31)));

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void A_regional_quota_of_four_allows_a_fourth_voucher_but_not_a_fifth()
    {
        rules!.YearlyQuota = 4;
        held.Add(Held(VoucherStatus.Issued, "1-01-01-01"));
        held.Add(Held(VoucherStatus.Enrolled, "1-01-01-02"));
        held.Add(Held(VoucherStatus.Paid, "1-01-01-03", passed: true));

        Assert.True(Evaluate().Eligible);

        held.Add(Held(VoucherStatus.Completed, "1-01-01-04", passed: false));

        AssertOnlyFailure(Evaluate(), EligibilityRule.YearlyQuota, "vouchers.yearly_quota_exceeded", 422);
    }

    [Theory]
    [InlineData(nameof(VoucherStatus.Completed))]
    [InlineData(nameof(VoucherStatus.SettlementClaimed))]
    [InlineData(nameof(VoucherStatus.SettlementApproved))]
    [InlineData(nameof(VoucherStatus.Paid))]
    public void A_passed_training_at_the_same_level_of_the_same_occupation_is_never_subsidised_again(string status)
    {
        held.Add(Held(Enum.Parse<VoucherStatus>(status), Electrician, SkillLevel.Level4, passed: true, issuedOn: new DateOnly(2025, 4, 1)));

        AssertOnlyFailure(Evaluate(), EligibilityRule.NotAlreadySubsidised, "vouchers.already_subsidised", 422);
    }

    [Theory]
    [InlineData(nameof(SkillLevel.Level3))]
    [InlineData(nameof(SkillLevel.Level1))]
    public void Once_subsidised_at_a_higher_level_a_lower_level_of_the_same_occupation_is_refused(string heldLevel)
    {
        held.Add(Held(VoucherStatus.Paid, Electrician, Enum.Parse<SkillLevel>(heldLevel), passed: true));

        AssertOnlyFailure(Evaluate(), EligibilityRule.NotAlreadySubsidised, "vouchers.already_subsidised", 422);
    }

    [Fact]
    public void Having_been_subsidised_at_a_lower_level_does_not_stop_a_higher_one()
    {
        held.Add(Held(VoucherStatus.Paid, Electrician, SkillLevel.Level5, passed: true));

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void A_failed_training_at_the_same_level_does_not_count_as_subsidised()
    {
        held.Add(Held(VoucherStatus.Paid, Electrician, SkillLevel.Level4, passed: false));

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void A_passed_training_in_another_occupation_does_not_count_as_subsidised()
    {
        held.Add(Held(VoucherStatus.Paid, ElderlyCarer, SkillLevel.Level4, passed: true));

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void A_passed_special_ability_does_not_stop_level_5_of_the_same_occupation()
    {
        question = question with { Level = SkillLevel.Level5 };
        held.Add(Held(VoucherStatus.Paid, Electrician, SkillLevel.SpecialAbility, passed: true));

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void A_passed_level_5_does_not_stop_a_special_ability_of_the_same_occupation()
    {
        question = question with { Level = SkillLevel.SpecialAbility };
        held.Add(Held(VoucherStatus.Paid, Electrician, SkillLevel.Level5, passed: true));

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void A_passed_special_ability_is_not_subsidised_twice()
    {
        question = question with { Level = SkillLevel.SpecialAbility };
        held.Add(Held(VoucherStatus.Paid, Electrician, SkillLevel.SpecialAbility, passed: true));

        AssertOnlyFailure(Evaluate(), EligibilityRule.NotAlreadySubsidised, "vouchers.already_subsidised", 422);
    }

    [Theory]
    [InlineData(nameof(VoucherStatus.Issued))]
    [InlineData(nameof(VoucherStatus.Enrolled))]
    public void An_open_voucher_for_the_same_occupation_and_level_refuses_a_second_with_409(string status)
    {
        held.Add(Held(Enum.Parse<VoucherStatus>(status), Electrician, SkillLevel.Level4));

        AssertOnlyFailure(Evaluate(), EligibilityRule.NoOpenVoucher, "vouchers.open_voucher_exists", 409);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public void A_completed_voucher_for_the_same_occupation_and_level_is_no_longer_open(bool? passed)
    {
        held.Add(Held(VoucherStatus.Completed, Electrician, SkillLevel.Level4, passed: passed));

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void An_open_voucher_at_another_level_of_the_same_occupation_does_not_block()
    {
        held.Add(Held(VoucherStatus.Enrolled, Electrician, SkillLevel.Level5));

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void The_refusal_is_that_of_the_first_failed_rule()
    {
        question = question with { BirthDate = new DateOnly(2010, 6, 16) };
        held.Add(Held(VoucherStatus.Issued, "1-01-01-01"));
        held.Add(Held(VoucherStatus.Issued, "1-01-01-02"));
        held.Add(Held(VoucherStatus.Issued, Electrician, SkillLevel.Level4));

        var verdict = Evaluate();
        var refusal = verdict.Refusal();

        Assert.NotNull(refusal);
        Assert.Equal("vouchers.not_working_age", refusal.Code);
        Assert.Equal(422, refusal.Status);
        Assert.Equal(verdict.Outcomes.Single(o => o.Rule == EligibilityRule.WorkingAge).Detail, refusal.Detail);
    }

    [Fact]
    public void A_quota_refusal_comes_before_an_open_voucher_conflict()
    {
        held.Add(Held(VoucherStatus.Issued, "1-01-01-01"));
        held.Add(Held(VoucherStatus.Issued, "1-01-01-02"));
        held.Add(Held(VoucherStatus.Enrolled, Electrician, SkillLevel.Level4));

        var verdict = Evaluate();

        Assert.Equal(
            [EligibilityRule.YearlyQuota, EligibilityRule.NoOpenVoucher],
            verdict.Outcomes.Where(o => !o.Passed).Select(o => o.Rule));
        var refusal = verdict.Refusal();
        Assert.NotNull(refusal);
        Assert.Equal("vouchers.yearly_quota_exceeded", refusal.Code);
        Assert.Equal(422, refusal.Status);
    }

    [Fact]
    public void Every_failed_rule_is_reported_at_once()
    {
        occupation = null;
        rules = null;
        question = question with { BirthDate = new DateOnly(1950, 1, 1), Groups = TraineeGroups.None };
        held.Add(Held(VoucherStatus.Paid, Electrician, SkillLevel.Level4, passed: true));
        held.Add(Held(VoucherStatus.Issued, Electrician, SkillLevel.Level4));
        held.Add(Held(VoucherStatus.Enrolled, ElderlyCarer, SkillLevel.Level5));

        var verdict = Evaluate();

        Assert.False(verdict.Eligible);
        Assert.All(verdict.Outcomes, o => Assert.False(o.Passed));
        Assert.Equal(
            [
                ("vouchers.occupation_not_offered", 422),
                ("vouchers.no_program_rules", 422),
                ("vouchers.not_working_age", 422),
                ("vouchers.no_eligible_group", 422),
                ("vouchers.yearly_quota_exceeded", 422),
                ("vouchers.already_subsidised", 422),
                ("vouchers.open_voucher_exists", 409),
            ],
            verdict.Outcomes.Select(o => (o.Code, o.Status)));
        Assert.Equal("vouchers.occupation_not_offered", verdict.Refusal()?.Code);
    }

    [Fact]
    public void Several_failed_rules_show_while_the_others_still_pass()
    {
        standard = null;
        question = question with { Groups = TraineeGroups.None };
        held.Add(Held(VoucherStatus.Enrolled, Electrician, SkillLevel.Level4));

        var verdict = Evaluate();

        Assert.Equal(
            [EligibilityRule.RegionStandard, EligibilityRule.EligibleGroup, EligibilityRule.NoOpenVoucher],
            verdict.Outcomes.Where(o => !o.Passed).Select(o => o.Rule));
        Assert.Equal("vouchers.no_standard_in_region", verdict.Refusal()?.Code);
    }

    private static HeldVoucher Held(VoucherStatus status, string occupationCode, SkillLevel level = SkillLevel.Level4, bool? passed = null, DateOnly? issuedOn = null) =>
        new(occupationCode, level, status, issuedOn ?? new DateOnly(2026, 2, 1), passed, null);

    private static void AssertOnlyFailure(EligibilityVerdict verdict, EligibilityRule rule, string code, int status)
    {
        Assert.False(verdict.Eligible);
        Assert.Equal(7, verdict.Outcomes.Count);
        var failed = Assert.Single(verdict.Outcomes, o => !o.Passed);
        Assert.Equal(rule, failed.Rule);
        Assert.Equal(code, failed.Code);
        Assert.Equal(status, failed.Status);

        var refusal = verdict.Refusal();
        Assert.NotNull(refusal);
        Assert.Equal(code, refusal.Code);
        Assert.Equal(status, refusal.Status);
        Assert.Equal(failed.Detail, refusal.Detail);
    }

    private static void AssertWorkingAge(EligibilityVerdict verdict, bool eligible)
    {
        if (eligible)
        {
            Assert.True(verdict.Eligible);
        }
        else
        {
            AssertOnlyFailure(verdict, EligibilityRule.WorkingAge, "vouchers.not_working_age", 422);
        }
    }

    private EligibilityVerdict Evaluate() => EligibilityEvaluator.Evaluate(question, occupation, rules, standard, held);
}
