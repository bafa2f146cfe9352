using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Concurrency;
using Platform.Modules.SkillMasterStudios.Domain;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Modules.SkillMasterStudios.Features.Applications;

/// <summary>One expert's score.</summary>
/// <param name="Expert">The expert (token subject).</param>
/// <param name="ExpertOrganisation">The expert's organisation (credit code).</param>
/// <param name="Score">0–100.</param>
/// <param name="Comment">The expert's comment.</param>
/// <param name="ScoredAt">When scored.</param>
internal sealed record ExpertScoreResponse(string Expert, string ExpertOrganisation, decimal Score, string Comment, DateTimeOffset ScoredAt);

/// <summary>A studio application. The version is the ETag; send it as <c>If-Match</c> with a step.</summary>
/// <param name="Id">The application.</param>
/// <param name="Kind">New studio, upgrade or renewal.</param>
/// <param name="StudioId">The studio (for an upgrade or renewal, or once a new one is approved).</param>
/// <param name="StudioName">The studio's name.</param>
/// <param name="HostCode">The host organisation's credit code.</param>
/// <param name="HostName">The host organisation's name.</param>
/// <param name="LeadMasterId">The lead master.</param>
/// <param name="TeamSize">Team members besides the lead master.</param>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="Field">The occupation field.</param>
/// <param name="RegionCode">The studio's region.</param>
/// <param name="Level">The level applied for.</param>
/// <param name="Plan">What the studio plans for the term.</param>
/// <param name="Status">Where the application is.</param>
/// <param name="CreatedAt">When created.</param>
/// <param name="SubmittedAt">When submitted.</param>
/// <param name="RecommendedAt">When the city bureau recommended (or declined) it.</param>
/// <param name="RecommendedBy">Who recommended it.</param>
/// <param name="RecommendationNote">The city bureau's note.</param>
/// <param name="DecidedAt">When decided.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="DecisionReason">The reasons of the decision.</param>
/// <param name="AccreditationId">The accreditation an approval created.</param>
/// <param name="Scores">The expert scores so far.</param>
/// <param name="AverageScore">Their average, one decimal; null before the first.</param>
/// <param name="Version">The version (ETag).</param>
internal sealed record ApplicationResponse(
    Guid Id, ApplicationKind Kind, Guid? StudioId, string StudioName, string HostCode, string HostName, Guid LeadMasterId, int TeamSize,
    string OccupationCode, CraftField Field, string RegionCode, StudioLevel Level, string Plan, ApplicationStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? RecommendedAt, string? RecommendedBy, string? RecommendationNote,
    DateTimeOffset? DecidedAt, string? DecidedBy, string? DecisionReason, Guid? AccreditationId, IReadOnlyList<ExpertScoreResponse> Scores,
    decimal? AverageScore, int Version)
{
    public static ApplicationResponse From(StudioApplication a, IReadOnlyList<ExpertScore> scores) => new(
        a.Id, a.Kind, a.StudioId, a.StudioName, a.HostCode, a.HostName, a.LeadMasterId, a.TeamSize, a.OccupationCode, a.Field, a.RegionCode, a.Level,
        a.Plan, a.Status, a.CreatedAt, a.SubmittedAt, a.RecommendedAt, a.RecommendedBy, a.RecommendationNote, a.DecidedAt, a.DecidedBy, a.DecisionReason,
        a.AccreditationId,
        scores.OrderBy(s => s.ScoredAt).Select(s => new ExpertScoreResponse(s.Expert, s.ExpertOrganisation, s.Score, s.Comment, s.ScoredAt)).ToArray(),
        AverageOf(scores),
        a.Version);

    /// <summary>The average score to one decimal (half away from zero); null without scores.</summary>
    public static decimal? AverageOf(IReadOnlyCollection<ExpertScore> scores) =>
        scores.Count == 0 ? null : Math.Round(scores.Average(s => s.Score), 1, MidpointRounding.AwayFromZero);
}

/// <summary>Answers an application with its scores and ETag.</summary>
internal sealed class ApplicationResults(SkillMasterStudiosDbContext db)
{
    public async Task<ApplicationResponse> ResponseAsync(StudioApplication application, CancellationToken cancellationToken)
    {
        var scores = await db.ExpertScores.AsNoTracking().Where(s => s.ApplicationId == application.Id).ToListAsync(cancellationToken);
        return ApplicationResponse.From(application, scores);
    }

    public async Task<Ok<ApplicationResponse>> OkAsync(HttpContext http, StudioApplication application, CancellationToken cancellationToken)
    {
        EntityTags.Set(http, application);
        return TypedResults.Ok(await ResponseAsync(application, cancellationToken));
    }
}
