using Platform.BuildingBlocks.Http;

namespace Platform.Modules.SkillMasterStudios.Domain;

/// <summary>What can happen to an application.</summary>
internal enum ApplicationAction
{
    Submit,
    Recommend,
    DeclineToRecommend,
    Score,
    Approve,
    Reject,
    Withdraw,
}

/// <summary>
/// The application lifecycle of the domain guide:
/// <c>draft → submitted → recommended (city bureau) → under review (expert scores) → approved | rejected</c>.
/// The city bureau may decline to recommend (rejected); the applicant may withdraw before a decision.
/// The first expert score moves a recommended application under review.
/// </summary>
internal static class ApplicationStateMachine
{
    private static readonly Dictionary<ApplicationAction, (ApplicationStatus[] From, ApplicationStatus To)> Table = new()
    {
        [ApplicationAction.Submit] = ([ApplicationStatus.Draft], ApplicationStatus.Submitted),
        [ApplicationAction.Recommend] = ([ApplicationStatus.Submitted], ApplicationStatus.Recommended),
        [ApplicationAction.DeclineToRecommend] = ([ApplicationStatus.Submitted], ApplicationStatus.Rejected),
        [ApplicationAction.Score] = ([ApplicationStatus.Recommended, ApplicationStatus.UnderReview], ApplicationStatus.UnderReview),
        [ApplicationAction.Approve] = ([ApplicationStatus.UnderReview], ApplicationStatus.Approved),
        [ApplicationAction.Reject] = ([ApplicationStatus.Recommended, ApplicationStatus.UnderReview], ApplicationStatus.Rejected),
        [ApplicationAction.Withdraw] = ([ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.Recommended, ApplicationStatus.UnderReview], ApplicationStatus.Withdrawn),
    };

    /// <summary>The statuses of an application in process: it blocks submitting another for the same master or studio.</summary>
    public static IReadOnlyList<ApplicationStatus> InProcess { get; } =
        [ApplicationStatus.Submitted, ApplicationStatus.Recommended, ApplicationStatus.UnderReview];

    public static bool IsAllowed(ApplicationStatus from, ApplicationAction action) => Table[action].From.Contains(from);

    public static IReadOnlyList<ApplicationStatus> AllowedFrom(ApplicationAction action) => Table[action].From;

    /// <summary>The status after <paramref name="action"/>.</summary>
    /// <exception cref="DomainException">409 <c>studios.invalid_transition</c> when the action is not allowed now.</exception>
    public static ApplicationStatus Next(ApplicationStatus from, ApplicationAction action)
    {
        var (allowedFrom, to) = Table[action];
        if (!allowedFrom.Contains(from))
        {
            var allowed = string.Join(", ", allowedFrom);
            throw StudioProblems.Conflict(
                StudioProblems.InvalidTransition,
                $"申请当前状态为 {from}，不能执行 {action}（仅限状态：{allowed}）。",
                $"An application in status {from} cannot {action} (allowed from: {allowed}).");
        }

        return to;
    }
}
