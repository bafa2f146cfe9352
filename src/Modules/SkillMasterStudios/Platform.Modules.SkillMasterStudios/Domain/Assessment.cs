namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>What an assessment does to a studio.</summary>
/// <param name="Grade">The grade of the score.</param>
/// <param name="ConsecutiveUnqualified">The unqualified years in a row that include the assessed year (0 when it is not unqualified).</param>
/// <param name="Revoke">True when the accreditation is revoked: fraud, or the configured number of unqualified years in a row.</param>
internal sealed record AssessmentOutcome(AssessmentGrade Grade, int ConsecutiveUnqualified, bool Revoke);

/// <summary>The yearly assessment's arithmetic: grade from score, the run of unqualified years, revocation.</summary>
internal static class Assessment
{
    /// <summary>
    /// Grades <paramref name="score"/> under <paramref name="rules"/> and counts the unqualified years in a
    /// row that include <paramref name="year"/>, looking both back and forward: reports may be assessed
    /// late, so a year assessed after the next one can complete a run. A year without an assessment
    /// breaks the run. Fraud grades unqualified and always revokes.
    /// </summary>
    public static AssessmentOutcome Of(decimal score, bool fraud, int year, IReadOnlyDictionary<int, AssessmentGrade> otherGrades, StudioRules rules)
    {
        ArgumentNullException.ThrowIfNull(otherGrades);
        ArgumentNullException.ThrowIfNull(rules);
        var grade = fraud ? AssessmentGrade.Unqualified : rules.GradeOf(score);
        var run = 0;
        if (grade == AssessmentGrade.Unqualified)
        {
            run = 1 + Unqualified(otherGrades, year, -1) + Unqualified(otherGrades, year, +1);
        }

        return new AssessmentOutcome(grade, run, fraud || run >= rules.UnqualifiedYearsBeforeRevocation);
    }

    /// <summary>The unqualified years in a row ending with <paramref name="year"/> (0 when it is not assessed unqualified).</summary>
    public static int RunEndingAt(IReadOnlyDictionary<int, AssessmentGrade> grades, int year)
    {
        ArgumentNullException.ThrowIfNull(grades);
        return grades.TryGetValue(year, out var grade) && grade == AssessmentGrade.Unqualified ? 1 + Unqualified(grades, year, -1) : 0;
    }

    private static int Unqualified(IReadOnlyDictionary<int, AssessmentGrade> grades, int year, int step)
    {
        var count = 0;
        while (grades.TryGetValue(year + (step * (count + 1)), out var grade) && grade == AssessmentGrade.Unqualified)
        {
            count++;
        }

        return count;
    }
}
