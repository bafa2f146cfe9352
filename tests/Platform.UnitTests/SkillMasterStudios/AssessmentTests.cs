using Platform.Modules.SkillMasterStudios.Domain;
using static Platform.Modules.SkillMasterStudios.Domain.AssessmentGrade;

namespace Platform.UnitTests.SkillMasterStudios;

public sealed class AssessmentTests
{
    private const int Year = 2025;

    private readonly StudioRules rules = new() { RegionCode = "510000", EffectiveFrom = new DateOnly(2019, 1, 1) };

    private readonly Dictionary<int, AssessmentGrade> earlier = [];

    [Theory]
    [InlineData("100", nameof(Excellent))]
    [InlineData("90", nameof(Excellent))]
    [InlineData("90.0", nameof(Excellent))]
    [InlineData("89.9", nameof(Qualified))]
    [InlineData("75", nameof(Qualified))]
    [InlineData("60", nameof(Qualified))]
    [InlineData("59.9", nameof(Unqualified))]
    [InlineData("0", nameof(Unqualified))]
    public void The_default_thresholds_grade_90_excellent_and_60_qualified_inclusive(string score, string grade)
    {
        var outcome = Of(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(Enum.Parse<AssessmentGrade>(grade), outcome.Grade);
        Assert.Equal(grade == nameof(Unqualified) ? 1 : 0, outcome.ConsecutiveUnqualified);
        Assert.False(outcome.Revoke);
    }

    [Theory]
    [InlineData("85", nameof(Excellent))]
    [InlineData("84.9", nameof(Qualified))]
    [InlineData("70", nameof(Qualified))]
    [InlineData("69.9", nameof(Unqualified))]
    public void A_regions_own_thresholds_grade_the_score(string score, string grade)
    {
        rules.ExcellentFrom = 85m;
        rules.QualifiedFrom = 70m;

        Assert.Equal(Enum.Parse<AssessmentGrade>(grade), Of(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)).Grade);
    }

    [Fact]
    public void A_first_unqualified_year_starts_a_run_of_one_without_revoking()
    {
        var outcome = Of(50m);

        Assert.Equal(new AssessmentOutcome(Unqualified, 1, false), outcome);
    }

    [Fact]
    public void Two_unqualified_years_in_a_row_revoke_by_default()
    {
        earlier[Year - 1] = Unqualified;

        Assert.Equal(new AssessmentOutcome(Unqualified, 2, true), Of(50m));
    }

    [Fact]
    public void A_year_without_an_assessment_breaks_the_run()
    {
        earlier[Year - 2] = Unqualified;
        earlier[Year - 3] = Unqualified;

        Assert.Equal(new AssessmentOutcome(Unqualified, 1, false), Of(50m));
    }

    [Theory]
    [InlineData(nameof(Qualified))]
    [InlineData(nameof(Excellent))]
    public void A_qualified_year_between_resets_the_run(string between)
    {
        earlier[Year - 1] = Enum.Parse<AssessmentGrade>(between);
        earlier[Year - 2] = Unqualified;
        earlier[Year - 3] = Unqualified;

        Assert.Equal(new AssessmentOutcome(Unqualified, 1, false), Of(50m));
    }

    [Fact]
    public void A_qualified_year_after_unqualified_ones_has_no_run_and_does_not_revoke()
    {
        earlier[Year - 1] = Unqualified;
        earlier[Year - 2] = Unqualified;

        Assert.Equal(new AssessmentOutcome(Qualified, 0, false), Of(60m));
    }

    [Fact]
    public void A_later_unqualified_year_apart_from_the_assessed_one_does_not_make_a_run()
    {
        earlier[Year + 2] = Unqualified;
        earlier[Year + 3] = Qualified;

        Assert.Equal(new AssessmentOutcome(Unqualified, 1, false), Of(50m));
    }

    [Fact]
    public void A_later_qualified_year_does_not_change_the_outcome_of_an_earlier_one()
    {
        earlier[Year + 1] = Qualified;
        earlier[Year - 1] = Unqualified;

        Assert.Equal(new AssessmentOutcome(Unqualified, 2, true), Of(50m));
    }

    /// <summary>
    /// Reports may be assessed out of order (a late report for an earlier year). When the year after the
    /// assessed one is already graded unqualified, the two make two unqualified years in a row, which
    /// revokes by default: <see cref="Assessment.Of"/> looks forward as well as back.
    /// </summary>
    [Fact]
    public void An_unqualified_year_assessed_late_next_to_an_unqualified_later_year_revokes()
    {
        earlier[Year + 1] = Unqualified;

        var outcome = Of(50m);

        Assert.Equal(Unqualified, outcome.Grade);
        Assert.True(outcome.Revoke);
    }

    [Fact]
    public void Three_unqualified_years_in_a_row_count_three()
    {
        earlier[Year - 1] = Unqualified;
        earlier[Year - 2] = Unqualified;
        earlier[Year - 4] = Unqualified;

        var outcome = Of(10m);

        Assert.Equal(3, outcome.ConsecutiveUnqualified);
        Assert.True(outcome.Revoke);
    }

    [Theory]
    [InlineData("95")]
    [InlineData("60")]
    [InlineData("0")]
    public void Fraud_grades_unqualified_and_always_revokes(string score)
    {
        var outcome = Assessment.Of(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture), fraud: true, Year, earlier, rules);

        Assert.Equal(new AssessmentOutcome(Unqualified, 1, true), outcome);
    }

    [Fact]
    public void Fraud_after_an_unqualified_year_continues_the_run()
    {
        earlier[Year - 1] = Unqualified;
        rules.UnqualifiedYearsBeforeRevocation = 3;

        Assert.Equal(new AssessmentOutcome(Unqualified, 2, true), Assessment.Of(99m, fraud: true, Year, earlier, rules));
    }

    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(1, 1, true)]
    [InlineData(2, 0, false)]
    [InlineData(2, 1, true)]
    [InlineData(2, 2, true)]
    [InlineData(3, 0, false)]
    [InlineData(3, 1, false)]
    [InlineData(3, 2, true)]
    public void Revocation_comes_when_the_run_reaches_the_regions_number_of_unqualified_years(int yearsBeforeRevocation, int unqualifiedBefore, bool revoke)
    {
        rules.UnqualifiedYearsBeforeRevocation = yearsBeforeRevocation;
        for (var i = 1; i <= unqualifiedBefore; i++)
        {
            earlier[Year - i] = Unqualified;
        }

        var outcome = Of(30m);

        Assert.Equal(unqualifiedBefore + 1, outcome.ConsecutiveUnqualified);
        Assert.Equal(revoke, outcome.Revoke);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_qualified_year_never_revokes_whatever_the_regions_number(int yearsBeforeRevocation)
    {
        rules.UnqualifiedYearsBeforeRevocation = yearsBeforeRevocation;
        earlier[Year - 1] = Unqualified;
        earlier[Year - 2] = Unqualified;

        Assert.False(Of(60m).Revoke);
    }

    [Fact]
    public void Missing_arguments_throw()
    {
        Assert.Throws<ArgumentNullException>(() => Assessment.Of(50m, false, Year, null!, rules));
        Assert.Throws<ArgumentNullException>(() => Assessment.Of(50m, false, Year, earlier, null!));
    }

    private AssessmentOutcome Of(decimal score) => Assessment.Of(score, fraud: false, Year, earlier, rules);
}
