using Platform.Modules.SkillMasterStudios.Domain;

namespace Platform.UnitTests.SkillMasterStudios;

public sealed class EligibilityEvaluatorTests
{
    /// <summary>市中区, a county of Leshan.</summary>
    private const string LeshanCounty = "511102";

    private static readonly DateOnly Day = new(2026, 6, 15);
    private static readonly string Host = StudioCodes.Organisation(LeshanCounty);
    private static readonly Guid StudioId = Guid.Parse("0195a000-0000-7000-8000-000000000001");
    private static readonly Guid MasterId = Guid.Parse("0195a000-0000-7000-8000-000000000002");

    private static readonly StudioEligibilityRule[] RuleOrder =
    [
        StudioEligibilityRule.ProgramRules,
        StudioEligibilityRule.MasterQualification,
        StudioEligibilityRule.MasterFree,
        StudioEligibilityRule.NoOtherOpenApplication,
        StudioEligibilityRule.HostOrganisation,
        StudioEligibilityRule.StudioStanding,
        StudioEligibilityRule.LevelLadder,
        StudioEligibilityRule.RenewalWindow,
        StudioEligibilityRule.RenewalAssessment,
        StudioEligibilityRule.FundingStandard,
    ];

    private readonly StudioRules rules = new()
    {
        Id = Guid.NewGuid(),
        RegionCode = "510000",
        EffectiveFrom = new DateOnly(2019, 1, 1),
        IsSample = true,
    };

    private readonly FundingStandard standard = new()
    {
        Id = Guid.NewGuid(),
        Level = StudioLevel.Municipal,
        RegionCode = "511100",
        EffectiveFrom = new DateOnly(2019, 1, 1),
        Amount = 50_000m,
        IsSample = true,
    };

    private EligibilityFacts facts;

    public EligibilityEvaluatorTests()
    {
        facts = new EligibilityFacts(
            ApplicationKind.New, StudioLevel.Municipal, LeshanCounty, Host, QualificationLevel.Level2,
            OtherActiveStudioOfMaster: null, OtherOpenApplication: null, Studio: null, LastGrade: null, rules, standard, Day);
    }

    [Fact]
    public void Every_rule_passes_for_a_new_municipal_studio_led_by_a_technician()
    {
        var verdict = Evaluate();

        Assert.True(verdict.Eligible);
        Assert.Null(verdict.Refusal());
        Assert.Equal(RuleOrder, verdict.Outcomes.Select(o => o.Rule));
        Assert.Equal(Enum.GetValues<StudioEligibilityRule>(), verdict.Outcomes.Select(o => o.Rule));
        Assert.All(verdict.Outcomes, o =>
        {
            Assert.True(o.Passed, o.Rule.ToString());
            Assert.False(string.IsNullOrWhiteSpace(o.Detail.Chinese));
            Assert.False(string.IsNullOrWhiteSpace(o.Detail.English));
        });
    }

    [Fact]
    public void Every_outcome_carries_the_code_and_status_a_refusal_by_its_rule_would_have()
    {
        Assert.Equal(
            [
                ("studios.no_program_rules", 422),
                ("studios.master_not_qualified", 422),
                ("studios.master_leads_active_studio", 409),
                ("studios.open_application_exists", 409),
                ("studios.host_invalid", 422),
                ("studios.studio_not_active", 422),
                ("studios.level_ladder", 422),
                ("studios.renewal_outside_window", 422),
                ("studios.renewal_needs_qualified_year", 422),
                ("studios.no_funding_standard", 422),
            ],
            Evaluate().Outcomes.Select(o => (o.Code, o.Status)));
    }

    [Fact]
    public void A_region_without_rules_in_force_is_refused()
    {
        facts = facts with { Rules = null };

        AssertOnlyFailure(Evaluate(), StudioEligibilityRule.ProgramRules, "studios.no_program_rules", 422);
    }

    [Fact]
    public void Without_rules_the_ladder_still_applies_by_default()
    {
        facts = facts with { Rules = null, Level = StudioLevel.Provincial };

        var verdict = Evaluate();

        Assert.Equal([StudioEligibilityRule.ProgramRules, StudioEligibilityRule.LevelLadder], Failed(verdict));
        Assert.Equal("studios.no_program_rules", verdict.Refusal()?.Code);
    }

    [Theory]
    [InlineData(nameof(QualificationLevel.Level5), false)]
    [InlineData(nameof(QualificationLevel.Level4), false)]
    [InlineData(nameof(QualificationLevel.Level3), false)]
    [InlineData(nameof(QualificationLevel.Level2), true)]
    [InlineData(nameof(QualificationLevel.Level1), true)]
    public void The_master_must_be_at_least_a_technician(string level, bool eligible)
    {
        facts = facts with { MasterLevel = Enum.Parse<QualificationLevel>(level) };

        var verdict = Evaluate();

        if (eligible)
        {
            Assert.True(verdict.Eligible);
        }
        else
        {
            var failed = AssertOnlyFailure(verdict, StudioEligibilityRule.MasterQualification, "studios.master_not_qualified", 422);
            Assert.Contains(level, failed.Detail.English, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_master_leading_another_active_studio_is_refused_with_409()
    {
        var other = Guid.NewGuid();
        facts = facts with { OtherActiveStudioOfMaster = other };

        var failed = AssertOnlyFailure(Evaluate(), StudioEligibilityRule.MasterFree, "studios.master_leads_active_studio", 409);

        Assert.Contains(other.ToString(), failed.Detail.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_open_application_for_the_master_or_studio_is_refused_with_409()
    {
        var other = Guid.NewGuid();
        facts = facts with { OtherOpenApplication = other };

        var failed = AssertOnlyFailure(Evaluate(), StudioEligibilityRule.NoOtherOpenApplication, "studios.open_application_exists", 409);

        Assert.Contains(other.ToString(), failed.Detail.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("91511102MA0000001")]
    [InlineData("91511102MA00000010")]
    public void A_host_code_that_is_not_a_valid_credit_code_is_refused(string code)
    {
        // The last case has a wrong check character (the valid one is computed by StudioCodes).
        Assert.NotEqual(StudioCodes.Organisation(LeshanCounty), code);
        facts = facts with { HostCode = code };

        AssertOnlyFailure(Evaluate(), StudioEligibilityRule.HostOrganisation, "studios.host_invalid", 422);
    }

    [Theory]
    [InlineData("500107")]
    [InlineData("520102")]
    public void A_host_registered_in_another_province_is_refused(string division)
    {
        facts = facts with { HostCode = StudioCodes.Organisation(division) };

        var failed = AssertOnlyFailure(Evaluate(), StudioEligibilityRule.HostOrganisation, "studios.host_invalid", 422);

        Assert.Contains(division, failed.Detail.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("510104")]
    [InlineData("511100")]
    [InlineData("510000")]
    public void A_host_registered_elsewhere_in_the_same_province_is_accepted(string division)
    {
        facts = facts with { HostCode = StudioCodes.Organisation(division) };

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void A_Chongqing_studio_with_a_Chongqing_host_is_accepted_and_with_a_Sichuan_host_refused()
    {
        facts = facts with { RegionCode = "500107", HostCode = StudioCodes.Organisation("500103") };
        Assert.True(Evaluate().Eligible);

        facts = facts with { HostCode = Host };
        AssertOnlyFailure(Evaluate(), StudioEligibilityRule.HostOrganisation, "studios.host_invalid", 422);
    }

    [Theory]
    [InlineData(nameof(ApplicationKind.Upgrade))]
    [InlineData(nameof(ApplicationKind.Renewal))]
    public void An_upgrade_or_renewal_applied_for_by_another_host_than_the_studios_is_refused(string kind)
    {
        facts = Existing(Enum.Parse<ApplicationKind>(kind)) with { HostCode = StudioCodes.Organisation(LeshanCounty, serial: 2) };

        var failed = AssertOnlyFailure(Evaluate(), StudioEligibilityRule.HostOrganisation, "studios.host_invalid", 422);

        Assert.Contains(Host, failed.Detail.English, StringComparison.Ordinal);
    }

    [Fact]
    public void An_upgrade_by_the_studios_own_host_is_eligible()
    {
        facts = Existing(ApplicationKind.Upgrade);

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void A_renewal_by_the_studios_own_host_with_a_qualified_year_in_the_window_is_eligible()
    {
        facts = Existing(ApplicationKind.Renewal);

        Assert.True(Evaluate().Eligible);
    }

    [Theory]
    [InlineData(nameof(ApplicationKind.Upgrade))]
    [InlineData(nameof(ApplicationKind.Renewal))]
    public void A_revoked_studio_can_be_neither_upgraded_nor_renewed(string kind)
    {
        facts = Existing(Enum.Parse<ApplicationKind>(kind));
        facts = facts with { Studio = facts.Studio! with { Status = StudioStatus.Revoked } };

        AssertOnlyFailure(Evaluate(), StudioEligibilityRule.StudioStanding, "studios.studio_not_active", 422);
    }

    [Fact]
    public void An_expired_studio_must_be_renewed_before_it_is_upgraded()
    {
        facts = Existing(ApplicationKind.Upgrade);
        facts = facts with { Studio = facts.Studio! with { Status = StudioStatus.Expired } };

        AssertOnlyFailure(Evaluate(), StudioEligibilityRule.StudioStanding, "studios.studio_not_active", 422);
    }

    [Fact]
    public void An_expired_studio_may_be_renewed_within_the_window()
    {
        facts = Existing(ApplicationKind.Renewal);
        facts = facts with { Studio = facts.Studio! with { Status = StudioStatus.Expired, TermEndsOn = Day.AddDays(-10) } };

        Assert.True(Evaluate().Eligible);
    }

    [Theory]
    [InlineData(nameof(ApplicationKind.Upgrade))]
    [InlineData(nameof(ApplicationKind.Renewal))]
    public void An_upgrade_or_renewal_without_a_studio_is_refused(string kind)
    {
        facts = Existing(Enum.Parse<ApplicationKind>(kind)) with { Studio = null };

        var verdict = Evaluate();

        Assert.Contains(StudioEligibilityRule.StudioStanding, Failed(verdict));
        Assert.Contains(StudioEligibilityRule.LevelLadder, Failed(verdict));
        Assert.Equal("studios.studio_not_active", verdict.Refusal()?.Code);
    }

    [Theory]
    [InlineData(nameof(StudioLevel.Provincial))]
    [InlineData(nameof(StudioLevel.National))]
    public void A_new_studio_starts_at_municipal_level_while_the_ladder_is_required(string level)
    {
        facts = facts with { Level = Enum.Parse<StudioLevel>(level) };

        var failed = AssertOnlyFailure(Evaluate(), StudioEligibilityRule.LevelLadder, "studios.level_ladder", 422);

        Assert.Contains(Enum.Parse<StudioLevel>(level).Below()!.Value.ToString(), failed.Detail.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(StudioLevel.Municipal))]
    [InlineData(nameof(StudioLevel.Provincial))]
    [InlineData(nameof(StudioLevel.National))]
    public void Without_the_ladder_a_new_studio_may_apply_at_any_level(string level)
    {
        rules.LadderRequired = false;
        facts = facts with { Level = Enum.Parse<StudioLevel>(level) };

        var verdict = Evaluate();

        Assert.True(verdict.Eligible);
        var ladder = Assert.Single(verdict.Outcomes, o => o.Rule == StudioEligibilityRule.LevelLadder);
        Assert.Contains("does not require", ladder.Detail.English, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(StudioLevel.Municipal), nameof(StudioLevel.Provincial))]
    [InlineData(nameof(StudioLevel.Provincial), nameof(StudioLevel.National))]
    public void An_upgrade_by_one_level_follows_the_ladder(string current, string applied)
    {
        facts = Existing(ApplicationKind.Upgrade, Enum.Parse<StudioLevel>(current), Enum.Parse<StudioLevel>(applied));

        Assert.True(Evaluate().Eligible);
    }

    [Fact]
    public void An_upgrade_skipping_the_provincial_level_is_refused_while_the_ladder_is_required()
    {
        facts = Existing(ApplicationKind.Upgrade, StudioLevel.Municipal, StudioLevel.National);

        var failed = AssertOnlyFailure(Evaluate(), StudioEligibilityRule.LevelLadder, "studios.level_ladder", 422);

        Assert.Contains("Provincial", failed.Detail.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_ladder_an_upgrade_may_skip_a_level()
    {
        rules.LadderRequired = false;
        facts = Existing(ApplicationKind.Upgrade, StudioLevel.Municipal, StudioLevel.National);

        Assert.True(Evaluate().Eligible);
    }

    [Theory]
    [InlineData(nameof(StudioLevel.Municipal), nameof(StudioLevel.Municipal), true)]
    [InlineData(nameof(StudioLevel.Provincial), nameof(StudioLevel.Municipal), true)]
    [InlineData(nameof(StudioLevel.National), nameof(StudioLevel.Provincial), true)]
    [InlineData(nameof(StudioLevel.National), nameof(StudioLevel.National), false)]
    [InlineData(nameof(StudioLevel.Provincial), nameof(StudioLevel.Provincial), false)]
    public void An_upgrade_must_apply_above_the_current_level_with_or_without_the_ladder(string current, string applied, bool ladder)
    {
        rules.LadderRequired = ladder;
        facts = Existing(ApplicationKind.Upgrade, Enum.Parse<StudioLevel>(current), Enum.Parse<StudioLevel>(applied));

        AssertOnlyFailure(Evaluate(), StudioEligibilityRule.LevelLadder, "studios.level_ladder", 422);
    }

    [Theory]
    [InlineData(nameof(StudioLevel.Municipal), nameof(StudioLevel.Provincial))]
    [InlineData(nameof(StudioLevel.Provincial), nameof(StudioLevel.Municipal))]
    public void A_renewal_applies_for_the_current_level(string current, string applied)
    {
        rules.LadderRequired = false;
        facts = Existing(ApplicationKind.Renewal, Enum.Parse<StudioLevel>(current), Enum.Parse<StudioLevel>(applied));

        AssertOnlyFailure(Evaluate(), StudioEligibilityRule.LevelLadder, "studios.level_ladder", 422);
    }

    [Theory]
    [InlineData(180, true)]
    [InlineData(181, false)]
    [InlineData(0, true)]
    [InlineData(-180, true)]
    [InlineData(-181, false)]
    public void A_renewal_is_accepted_from_window_days_before_to_window_days_after_the_end_of_the_term(int daysUntilTermEnds, bool eligible)
    {
        facts = Existing(ApplicationKind.Renewal);
        facts = facts with { Studio = facts.Studio! with { TermEndsOn = Day.AddDays(daysUntilTermEnds) } };

        AssertRenewalWindow(eligible);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    [InlineData(-30, true)]
    [InlineData(-31, false)]
    public void A_regions_window_of_30_days_is_counted_the_same_way(int daysUntilTermEnds, bool eligible)
    {
        rules.RenewalWindowDays = 30;
        facts = Existing(ApplicationKind.Renewal);
        facts = facts with { Studio = facts.Studio! with { TermEndsOn = Day.AddDays(daysUntilTermEnds) } };

        AssertRenewalWindow(eligible);
    }

    [Fact]
    public void Without_rules_the_renewal_window_is_180_days()
    {
        facts = Existing(ApplicationKind.Renewal) with { Rules = null };
        facts = facts with { Studio = facts.Studio! with { TermEndsOn = Day.AddDays(180) } };
        Assert.True(Outcome(StudioEligibilityRule.RenewalWindow).Passed);

        facts = facts with { Studio = facts.Studio! with { TermEndsOn = Day.AddDays(181) } };
        Assert.False(Outcome(StudioEligibilityRule.RenewalWindow).Passed);
    }

    [Theory]
    [InlineData(nameof(ApplicationKind.New))]
    [InlineData(nameof(ApplicationKind.Upgrade))]
    public void The_renewal_rules_pass_for_other_kinds_whatever_the_term_and_grade(string kind)
    {
        facts = Existing(Enum.Parse<ApplicationKind>(kind), StudioLevel.Municipal, StudioLevel.Provincial);
        facts = facts with { LastGrade = AssessmentGrade.Unqualified, Studio = facts.Studio! with { TermEndsOn = Day.AddYears(2) } };
        if (facts.Kind == ApplicationKind.New)
        {
            facts = facts with { Studio = null, Level = StudioLevel.Municipal };
        }

        Assert.True(Outcome(StudioEligibilityRule.RenewalWindow).Passed);
        Assert.True(Outcome(StudioEligibilityRule.RenewalAssessment).Passed);
    }

    [Theory]
    [InlineData(nameof(AssessmentGrade.Qualified), true)]
    [InlineData(nameof(AssessmentGrade.Excellent), true)]
    [InlineData(nameof(AssessmentGrade.Unqualified), false)]
    [InlineData(null, false)]
    public void A_renewal_needs_a_qualified_or_excellent_last_assessment(string? grade, bool eligible)
    {
        facts = Existing(ApplicationKind.Renewal) with { LastGrade = grade is null ? null : Enum.Parse<AssessmentGrade>(grade) };

        var verdict = Evaluate();

        if (eligible)
        {
            Assert.True(verdict.Eligible);
        }
        else
        {
            var failed = AssertOnlyFailure(verdict, StudioEligibilityRule.RenewalAssessment, "studios.renewal_needs_qualified_year", 422);
            Assert.Contains(grade is null ? "has none" : "unqualified", failed.Detail.English, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_funding_standard_is_refused()
    {
        facts = facts with { Standard = null };

        var failed = AssertOnlyFailure(Evaluate(), StudioEligibilityRule.FundingStandard, "studios.no_funding_standard", 422);

        Assert.Contains(LeshanCounty, failed.Detail.English, StringComparison.Ordinal);
    }

    [Fact]
    public void The_funding_outcome_names_the_amount_of_the_standard()
    {
        Assert.Contains("50000.00", Outcome(StudioEligibilityRule.FundingStandard).Detail.English, StringComparison.Ordinal);
    }

    [Fact]
    public void The_refusal_is_that_of_the_first_failed_rule()
    {
        facts = facts with { MasterLevel = QualificationLevel.Level3, OtherActiveStudioOfMaster = Guid.NewGuid(), Standard = null };

        var verdict = Evaluate();
        var refusal = verdict.Refusal();

        Assert.Equal([StudioEligibilityRule.MasterQualification, StudioEligibilityRule.MasterFree, StudioEligibilityRule.FundingStandard], Failed(verdict));
        Assert.NotNull(refusal);
        Assert.Equal("studios.master_not_qualified", refusal.Code);
        Assert.Equal(422, refusal.Status);
        Assert.Equal(verdict.Outcomes.Single(o => o.Rule == StudioEligibilityRule.MasterQualification).Detail, refusal.Detail);
    }

    [Fact]
    public void A_409_rule_ahead_of_a_422_rule_gives_a_409_refusal()
    {
        facts = facts with { OtherOpenApplication = Guid.NewGuid(), HostCode = StudioCodes.Organisation("500107"), Standard = null };

        var verdict = Evaluate();
        var refusal = verdict.Refusal();

        Assert.Equal([StudioEligibilityRule.NoOtherOpenApplication, StudioEligibilityRule.HostOrganisation, StudioEligibilityRule.FundingStandard], Failed(verdict));
        Assert.NotNull(refusal);
        Assert.Equal(("studios.open_application_exists", 409), (refusal.Code, refusal.Status));
    }

    [Fact]
    public void Every_failed_rule_is_reported_at_once_in_order()
    {
        facts = new EligibilityFacts(
            ApplicationKind.Renewal, StudioLevel.Provincial, LeshanCounty, StudioCodes.Organisation("500107"), QualificationLevel.Level3,
            Guid.NewGuid(), Guid.NewGuid(), new StudioFacts(StudioId, StudioStatus.Revoked, StudioLevel.Municipal, Day.AddYears(2), MasterId, Host),
            AssessmentGrade.Unqualified, Rules: null, Standard: null, Day);

        var verdict = Evaluate();

        Assert.False(verdict.Eligible);
        Assert.All(verdict.Outcomes, o => Assert.False(o.Passed, o.Rule.ToString()));
        Assert.Equal(RuleOrder, Failed(verdict));
        Assert.Equal("studios.no_program_rules", verdict.Refusal()?.Code);
    }

    [Fact]
    public void Evaluating_without_facts_throws()
    {
        Assert.Throws<ArgumentNullException>(() => EligibilityEvaluator.Evaluate(null!));
    }

    private EligibilityVerdict Evaluate() => EligibilityEvaluator.Evaluate(facts);

    private RuleOutcome Outcome(StudioEligibilityRule rule) => Assert.Single(Evaluate().Outcomes, o => o.Rule == rule);

    /// <summary>
    /// An application for the existing studio (hosted by <see cref="Host"/>, led by <see cref="MasterId"/>,
    /// active, its term ending 60 days after <see cref="Day"/>, last graded qualified).
    /// </summary>
    private EligibilityFacts Existing(ApplicationKind kind, StudioLevel current = StudioLevel.Municipal, StudioLevel? applied = null) =>
        facts with
        {
            Kind = kind,
            Level = applied ?? (kind == ApplicationKind.Upgrade ? current + 1 : current),
            Studio = new StudioFacts(StudioId, StudioStatus.Active, current, Day.AddDays(60), MasterId, Host),
            LastGrade = AssessmentGrade.Qualified,
        };

    private void AssertRenewalWindow(bool eligible)
    {
        var verdict = Evaluate();
        if (eligible)
        {
            Assert.True(verdict.Eligible);
        }
        else
        {
            AssertOnlyFailure(verdict, StudioEligibilityRule.RenewalWindow, "studios.renewal_outside_window", 422);
        }
    }

    private static StudioEligibilityRule[] Failed(EligibilityVerdict verdict) => verdict.Outcomes.Where(o => !o.Passed).Select(o => o.Rule).ToArray();

    private static RuleOutcome AssertOnlyFailure(EligibilityVerdict verdict, StudioEligibilityRule rule, string code, int status)
    {
        Assert.False(verdict.Eligible);
        Assert.Equal(RuleOrder.Length, verdict.Outcomes.Count);
        var failed = Assert.Single(verdict.Outcomes, o => !o.Passed);
        Assert.Equal(rule, failed.Rule);
        Assert.Equal(code, failed.Code);
        Assert.Equal(status, failed.Status);

        var refusal = verdict.Refusal();
        Assert.NotNull(refusal);
        Assert.Equal(code, refusal.Code);
        Assert.Equal(status, refusal.Status);
        Assert.Equal(failed.Detail, refusal.Detail);
        return failed;
    }
}
