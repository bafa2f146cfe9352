using Platform.BuildingBlocks.Http;
using Platform.Modules.SkillMasterStudios.Domain;
using static Platform.Modules.SkillMasterStudios.Domain.ApplicationStatus;

namespace Platform.UnitTests.SkillMasterStudios;

public sealed class ApplicationStateMachineTests
{
    /// <summary>Marks a refused transition in <see cref="Expected"/>.</summary>
    private static readonly ApplicationStatus? Refused = null;

    /// <summary>The columns of <see cref="Expected"/>, in this order.</summary>
    private static readonly ApplicationStatus[] Columns = [Draft, Submitted, Recommended, UnderReview, Approved, Rejected, Withdrawn];

    /// <summary>
    /// The lifecycle of the domain guide (M2), written out: one row per action, one cell per status in the
    /// order of <see cref="Columns"/>, holding the status the action leads to from that status, or
    /// <see cref="Refused"/>. draft → submitted → recommended (city) → under review (expert scores) →
    /// approved | rejected; the city may decline (rejected), the applicant may withdraw before a decision.
    /// </summary>
    private static readonly Dictionary<ApplicationAction, ApplicationStatus?[]> Expected = new()
    {
        [ApplicationAction.Submit] = [Submitted, Refused, Refused, Refused, Refused, Refused, Refused],
        [ApplicationAction.Recommend] = [Refused, Recommended, Refused, Refused, Refused, Refused, Refused],
        [ApplicationAction.DeclineToRecommend] = [Refused, Rejected, Refused, Refused, Refused, Refused, Refused],
        [ApplicationAction.Score] = [Refused, Refused, UnderReview, UnderReview, Refused, Refused, Refused],
        [ApplicationAction.Approve] = [Refused, Refused, Refused, Approved, Refused, Refused, Refused],
        [ApplicationAction.Reject] = [Refused, Refused, Rejected, Rejected, Refused, Refused, Refused],
        [ApplicationAction.Withdraw] = [Withdrawn, Withdrawn, Withdrawn, Withdrawn, Refused, Refused, Refused],
    };

    /// <summary>Every action × status pair: action, current status, and the expected next status (null when refused).</summary>
    public static TheoryData<string, string, string?> Matrix
    {
        get
        {
            var data = new TheoryData<string, string, string?>();
            foreach (var (action, row) in Expected)
            {
                for (var column = 0; column < Columns.Length; column++)
                {
                    data.Add(action.ToString(), Columns[column].ToString(), row[column]?.ToString());
                }
            }

            return data;
        }
    }

    [Fact]
    public void The_expected_table_covers_every_action_and_every_status()
    {
        Assert.Equal(Enum.GetValues<ApplicationAction>().Order(), Expected.Keys.Order());
        Assert.Equal(Enum.GetValues<ApplicationStatus>().Order(), Columns.Order());
        Assert.All(Expected.Values, row => Assert.Equal(Columns.Length, row.Length));
        Assert.Equal(49, Matrix.Count);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Next_leads_to_the_documented_status_or_refuses_with_409_invalid_transition(string action, string from, string? expected)
    {
        var applicationAction = Enum.Parse<ApplicationAction>(action);
        var status = Enum.Parse<ApplicationStatus>(from);

        if (expected is null)
        {
            var refusal = Assert.Throws<DomainException>(() => ApplicationStateMachine.Next(status, applicationAction));
            Assert.Equal(409, refusal.Status);
            Assert.Equal("studios.invalid_transition", refusal.Code);
            Assert.Equal(StudioProblems.InvalidTransition, refusal.Code);
            Assert.Contains(from, refusal.Detail.English, StringComparison.Ordinal);
            Assert.Contains(action, refusal.Detail.English, StringComparison.Ordinal);
            Assert.Contains(from, refusal.Detail.Chinese, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(Enum.Parse<ApplicationStatus>(expected), ApplicationStateMachine.Next(status, applicationAction));
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void IsAllowed_agrees_with_the_documented_table(string action, string from, string? expected)
    {
        Assert.Equal(expected is not null, ApplicationStateMachine.IsAllowed(Enum.Parse<ApplicationStatus>(from), Enum.Parse<ApplicationAction>(action)));
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Apply_moves_the_application_or_leaves_its_status_when_refused(string action, string from, string? expected)
    {
        var status = Enum.Parse<ApplicationStatus>(from);
        var application = new StudioApplication { Status = status };

        if (expected is null)
        {
            var refusal = Assert.Throws<DomainException>(() => application.Apply(Enum.Parse<ApplicationAction>(action)));
            Assert.Equal(409, refusal.Status);
            Assert.Equal(status, application.Status);
        }
        else
        {
            application.Apply(Enum.Parse<ApplicationAction>(action));
            Assert.Equal(Enum.Parse<ApplicationStatus>(expected), application.Status);
        }
    }

    [Fact]
    public void AllowedFrom_lists_exactly_the_statuses_the_table_allows()
    {
        Assert.All(Expected, entry =>
        {
            var allowed = Columns.Where((_, column) => entry.Value[column] is not null).Order();
            Assert.Equal(allowed, ApplicationStateMachine.AllowedFrom(entry.Key).Order());
        });
    }

    [Fact]
    public void The_refusal_names_the_statuses_the_action_is_allowed_from()
    {
        var refusal = Assert.Throws<DomainException>(() => ApplicationStateMachine.Next(Draft, ApplicationAction.Reject));

        Assert.Contains("Recommended, UnderReview", refusal.Detail.English, StringComparison.Ordinal);
    }

    [Fact]
    public void In_process_are_the_submitted_recommended_and_under_review_statuses()
    {
        Assert.Equal([Submitted, Recommended, UnderReview], ApplicationStateMachine.InProcess);
    }

    [Fact]
    public void In_process_is_what_can_still_be_withdrawn_once_it_left_the_draft()
    {
        Assert.Equal(ApplicationStateMachine.AllowedFrom(ApplicationAction.Withdraw).Where(s => s != Draft).Order(), ApplicationStateMachine.InProcess.Order());
    }

    [Theory]
    [InlineData(nameof(Draft), false)]
    [InlineData(nameof(Submitted), true)]
    [InlineData(nameof(Recommended), true)]
    [InlineData(nameof(UnderReview), true)]
    [InlineData(nameof(Approved), false)]
    [InlineData(nameof(Rejected), false)]
    [InlineData(nameof(Withdrawn), false)]
    public void Only_an_application_in_process_blocks_another(string status, bool inProcess)
    {
        Assert.Equal(inProcess, ApplicationStateMachine.InProcess.Contains(Enum.Parse<ApplicationStatus>(status)));
    }

    [Theory]
    [InlineData(nameof(Approved))]
    [InlineData(nameof(Rejected))]
    [InlineData(nameof(Withdrawn))]
    public void A_decided_or_withdrawn_application_allows_no_action(string status)
    {
        var decided = Enum.Parse<ApplicationStatus>(status);

        Assert.All(Enum.GetValues<ApplicationAction>(), action => Assert.False(ApplicationStateMachine.IsAllowed(decided, action), action.ToString()));
    }

    [Fact]
    public void The_happy_path_runs_from_draft_to_approved_and_several_scores_keep_it_under_review()
    {
        var application = new StudioApplication { Status = Draft };

        application.Apply(ApplicationAction.Submit);
        application.Apply(ApplicationAction.Recommend);
        application.Apply(ApplicationAction.Score);
        application.Apply(ApplicationAction.Score);
        application.Apply(ApplicationAction.Score);
        Assert.Equal(UnderReview, application.Status);

        application.Apply(ApplicationAction.Approve);
        Assert.Equal(Approved, application.Status);
    }

    [Fact]
    public void A_recommended_application_cannot_be_approved_before_an_expert_scored_it()
    {
        var refusal = Assert.Throws<DomainException>(() => ApplicationStateMachine.Next(Recommended, ApplicationAction.Approve));

        Assert.Equal(409, refusal.Status);
        Assert.Equal(StudioProblems.InvalidTransition, refusal.Code);
    }
}
