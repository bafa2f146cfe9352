namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>What an assessment does to a studio.</summary>
/// <param name="Grade">The grade of the score.</param>
/// <param name="ConsecutiveUnqualified">Unqualified years in a row ending with the assessed year.</param>
/// <param name="Revoke">True when the accreditation is revoked: fraud, or the configured number of unqualified years in a row.</param>
internal sealed record AssessmentOutcome(AssessmentGrade Grade, int ConsecutiveUnqualified, bool Revoke);

/// <summary>The yearly assessment's arithmetic: grade from score, the run of unqualified years, revocation.</summary>
internal static class Assessment
{
    /// <summary>
    /// Grades <paramref name="score"/> under <paramref name="rules"/> and counts the unqualified years in a
    /// row ending with <paramref name="year"/>: the years before count only while each is assessed
    /// unqualified and none is missing (a year without an assessment breaks the run). Fraud grades
    /// unqualified and always revokes.
    /// </summary>
    public static AssessmentOutcome Of(decimal score, bool fraud, int year, IReadOnlyDictionary<int, AssessmentGrade> earlierGrades, StudioRules rules)
    {
        ArgumentNullException.ThrowIfNull(earlierGrades);
        ArgumentNullException.ThrowIfNull(rules);
        var grade = fraud ? AssessmentGrade.Unqualified : rules.GradeOf(score);
        var run = 0;
        if (grade == AssessmentGrade.Unqualified)
        {
            run = 1;
            while (earlierGrades.TryGetValue(year - run, out var earlier) && earlier == AssessmentGrade.Unqualified)
            {
                run++;
            }
        }

        return new AssessmentOutcome(grade, run, fraud || run >= rules.UnqualifiedYearsBeforeRevocation);
    }
}
