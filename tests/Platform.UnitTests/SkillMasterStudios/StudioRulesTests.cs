using Platform.Modules.SkillMasterStudios.Domain;

namespace Platform.UnitTests.SkillMasterStudios;

public sealed class StudioRulesTests
{
    [Fact]
    public void New_rules_hold_the_default_figures_of_the_domain_guide()
    {
        var rules = new StudioRules();

        Assert.Equal(3, rules.TermYears);
        Assert.Equal(80m, rules.MinimumAverageScore);
        Assert.Equal(3, rules.MinimumExperts);
        Assert.Equal(2, rules.UnqualifiedYearsBeforeRevocation);
        Assert.Equal((90m, 60m), (rules.ExcellentFrom, rules.QualifiedFrom));
        Assert.Equal((3, 31), (rules.ReportDueMonth, rules.ReportDueDay));
        Assert.True(rules.LadderRequired);
        Assert.Equal(180, rules.RenewalWindowDays);
    }

    [Theory]
    [InlineData(2025, 2026)]
    [InlineData(2023, 2024)]
    [InlineData(2019, 2020)]
    public void A_years_report_is_due_by_31_March_of_the_next_year_by_default(int year, int dueYear)
    {
        Assert.Equal(new DateOnly(dueYear, 3, 31), new StudioRules().ReportDueOn(year));
    }

    [Theory]
    [InlineData(2026, 2027, 28)]
    [InlineData(2027, 2028, 29)]
    [InlineData(2023, 2024, 29)]
    [InlineData(2099, 2100, 28)]
    [InlineData(2399, 2400, 29)]
    public void A_due_day_of_31_February_falls_on_the_last_day_of_February(int year, int dueYear, int dueDay)
    {
        var rules = new StudioRules { ReportDueMonth = 2, ReportDueDay = 31 };

        Assert.Equal(new DateOnly(dueYear, 2, dueDay), rules.ReportDueOn(year));
    }

    [Theory]
    [InlineData(4, 31, 4, 30)]
    [InlineData(6, 30, 6, 30)]
    [InlineData(12, 31, 12, 31)]
    [InlineData(1, 15, 1, 15)]
    public void A_due_day_beyond_the_month_is_clipped_to_its_last_day(int month, int day, int dueMonth, int dueDay)
    {
        var rules = new StudioRules { ReportDueMonth = month, ReportDueDay = day };

        Assert.Equal(new DateOnly(2026, dueMonth, dueDay), rules.ReportDueOn(2025));
    }

    [Theory]
    [InlineData("100", nameof(AssessmentGrade.Excellent))]
    [InlineData("90", nameof(AssessmentGrade.Excellent))]
    [InlineData("89.99", nameof(AssessmentGrade.Qualified))]
    [InlineData("60", nameof(AssessmentGrade.Qualified))]
    [InlineData("59.99", nameof(AssessmentGrade.Unqualified))]
    [InlineData("0", nameof(AssessmentGrade.Unqualified))]
    public void GradeOf_uses_the_default_thresholds_inclusively(string score, string grade)
    {
        Assert.Equal(Enum.Parse<AssessmentGrade>(grade), new StudioRules().GradeOf(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("95", nameof(AssessmentGrade.Excellent))]
    [InlineData("94.9", nameof(AssessmentGrade.Qualified))]
    [InlineData("50", nameof(AssessmentGrade.Qualified))]
    [InlineData("49.9", nameof(AssessmentGrade.Unqualified))]
    public void GradeOf_uses_the_regions_thresholds(string score, string grade)
    {
        var rules = new StudioRules { ExcellentFrom = 95m, QualifiedFrom = 50m };

        Assert.Equal(Enum.Parse<AssessmentGrade>(grade), rules.GradeOf(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
