using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Sdk;
using HostProvider = Platform.BuildingBlocks.Persistence.DatabaseProvider;
using Kit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;

namespace Platform.IntegrationTests.Sdk;

/// <summary>
/// The skill-master studio programme through the generated client only, as an integrator would call it:
/// each caller is a token of its role handed to the SDK (experts are reviewers whose token names their
/// organisation), every request and answer a typed DTO, money a decimal. The class has a host (and
/// database) per provider of its own.
/// </summary>
public sealed class SkillMasterStudiosSdkTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>Leshan's sample grant for a municipal studio (the city's own standard, in force from 2019).</summary>
    private const decimal LeshanMunicipalGrant = 50_000.00m;

    private static readonly string Operator = TestTokens.For("operator", Kit.Leshan, "sdk-studio-operator-1");
    private static readonly string Recommender = TestTokens.For("operator", Kit.Leshan, "sdk-studio-recommender-1");
    private static readonly string Decider = TestTokens.For("reviewer", Kit.Leshan, "sdk-studio-decider-1");
    private static readonly string Assessor = TestTokens.For("reviewer", Kit.Leshan, "sdk-studio-assessor-1");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateOnly Today => Kit.ChinaToday;

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task A_studio_goes_from_a_registered_master_to_the_statistics_through_the_client(HostProvider provider)
    {
        await using var sdk = await StudioSdk.StartAsync(hosts, provider);
        var studios = sdk.Studios;
        var lastYear = Today.Year - 1;
        var startsOn = new DateOnly(lastYear, 1, 1);

        sdk.Token = Operator;
        var statisticsBefore = await studios.GetStatisticsAsync(Kit.Leshan, Today.Year, Cancel);
        var apprenticesBefore = await studios.GetStatisticsAsync(Kit.Leshan, lastYear, Cancel);

        // A technician registered as a master.
        var idNumber = Kit.NewIdNumber();
        var employer = Kit.NewCreditCode();
        var master = await studios.RegisterMasterAsync(MasterRequest(idNumber, QualificationLevel.Level2, employer), Cancel);
        Assert.Equal(QualificationLevel.Level2, master.QualificationLevel);
        Assert.True(master.QualifiedToLead);
        Assert.Equal(["全国技术能手", "四川省技术能手"], master.Honours);
        Assert.Equal(employer, master.EmployerCode);
        Assert.Equal(Kit.LeshanCounty, master.RegionCode);
        Assert.Null(master.ActiveStudioId);
        Assert.NotEqual(idNumber, master.IdentityNumber);

        // A draft for a new municipal studio, submitted with the ETag the draft was answered with.
        var host = Kit.NewCreditCode();
        ApplicationResponse draft;
        string? draftTag;
        using (var create = PlatformCall.Begin())
        {
            draft = await studios.CreateApplicationAsync(NewStudioRequest(master.Id, host), Cancel);
            draftTag = create.ResponseETag;
        }

        Assert.Equal(ApplicationStatus.Draft, draft.Status);
        Assert.Equal(ApplicationKind.New, draft.Kind);
        Assert.Equal(StudioLevel.Municipal, draft.Level);
        Assert.Equal(CraftField.AdvancedManufacturing, draft.Field);
        Assert.Equal(host, draft.HostCode);
        Assert.Equal($"\"{draft.Version}\"", draftTag);

        var eligibility = await studios.CheckEligibilityAsync(draft.Id, Cancel);
        Assert.True(eligibility.Eligible);
        Assert.Equal(LeshanMunicipalGrant, eligibility.FundingGranted);
        Assert.Equal(Enum.GetValues<StudioEligibilityRule>().Order(), eligibility.Rules.Select(r => r.Rule).Order());
        Assert.All(eligibility.Rules, r => Assert.True(r.Passed, $"{r.Rule}: {r.Detail}"));

        ApplicationResponse submitted;
        using (PlatformCall.Begin(ifMatch: draftTag))
        {
            submitted = await studios.SubmitApplicationAsync(draft.Id, Cancel);
        }

        Assert.Equal(ApplicationStatus.Submitted, submitted.Status);
        Assert.NotNull(submitted.SubmittedAt);

        // The city bureau recommends it; three experts of other organisations score it.
        sdk.Token = Recommender;
        var recommended = await studios.RecommendApplicationAsync(draft.Id, new RecommendRequest { Recommend = true, Note = "同意推荐" }, Cancel);
        Assert.Equal(ApplicationStatus.Recommended, recommended.Status);
        Assert.Equal("sdk-studio-recommender-1", recommended.RecommendedBy);

        decimal[] scores = [85m, 88m, 90.5m];
        ApplicationResponse scored = recommended;
        for (var i = 0; i < scores.Length; i++)
        {
            sdk.Token = Expert($"sdk-studio-expert-{Guid.NewGuid():N}");
            scored = await studios.RecordExpertScoreAsync(draft.Id, new ExpertScoreRequest { Score = scores[i], Comment = "技艺精湛，带徒成效明显。" }, Cancel);
            Assert.Equal(ApplicationStatus.UnderReview, scored.Status);
        }

        Assert.Equal(3, scored.Scores.Count);
        Assert.Equal(scores.Order(), scored.Scores.Select(s => s.Score).Order());
        Assert.Equal(87.8m, scored.AverageScore);

        // A city reviewer approves it: the studio is accredited from the start of last year.
        sdk.Token = Decider;
        var approved = await studios.DecideApplicationAsync(draft.Id, new DecideRequest { Approve = true, Reason = "专家评审通过", StartsOn = startsOn }, Cancel);
        Assert.Equal(ApplicationStatus.Approved, approved.Status);
        Assert.Equal("sdk-studio-decider-1", approved.DecidedBy);
        Assert.NotNull(approved.StudioId);
        Assert.NotNull(approved.AccreditationId);
        var studioId = approved.StudioId.Value;

        sdk.Token = Operator;
        StudioResponse studio;
        using (var get = PlatformCall.Begin())
        {
            studio = await studios.GetStudioAsync(studioId, Cancel);
            Assert.Equal($"\"{studio.Version}\"", get.ResponseETag);
        }

        Assert.Equal(StudioLevel.Municipal, studio.Level);
        Assert.Equal(StudioStatus.Active, studio.Status);
        Assert.Equal(host, studio.HostCode);
        Assert.Equal(master.Id, studio.LeadMasterId);
        Assert.Equal(Kit.LeshanCounty, studio.RegionCode);
        Assert.Equal(startsOn, studio.AccreditedOn);
        Assert.Equal(startsOn.AddYears(3).AddDays(-1), studio.TermEndsOn);
        Assert.Equal(0, studio.ConsecutiveUnqualified);
        var accreditation = Assert.Single(studio.Accreditations);
        Assert.Equal(approved.AccreditationId, accreditation.Id);
        Assert.Equal(draft.Id, accreditation.ApplicationId);
        Assert.Equal(ApplicationKind.New, accreditation.Kind);
        Assert.Equal(Today, accreditation.DecidedOn);
        Assert.Equal(LeshanMunicipalGrant, accreditation.FundingGranted);
        Assert.Equal(0m, accreditation.FundingPaid);
        Assert.Empty(accreditation.Tranches);

        var led = await studios.GetMasterAsync(master.Id, Cancel);
        Assert.Equal(studioId, led.ActiveStudioId);

        var found = await studios.SearchStudiosAsync(
            new SearchStudiosRequest { RegionCode = Kit.LeshanCounty, Level = StudioLevel.Municipal, Status = StudioStatus.Active, Limit = 200 }, Cancel);
        Assert.Contains(found.Items, s => s.Id == studioId && s.HostCode == host && s.AccreditedOn == startsOn);

        // A first tranche of the grant.
        var reference = $"SDK-GK-{Guid.NewGuid():N}"[..24];
        var funded = await studios.RecordFundingTrancheAsync(accreditation.Id, new RecordTrancheRequest { Amount = 20_000.50m, PaidOn = Today, Reference = reference }, Cancel);
        var fundedAccreditation = Assert.Single(funded.Accreditations);
        Assert.Equal(20_000.50m, fundedAccreditation.FundingPaid);
        Assert.Equal(LeshanMunicipalGrant, fundedAccreditation.FundingGranted);
        var tranche = Assert.Single(fundedAccreditation.Tranches);
        Assert.Equal((20_000.50m, Today, reference), (tranche.Amount, tranche.PaidOn, tranche.Reference));

        // Last year's duties, with an apprentice who reached Level3 and one still training.
        var report = await studios.SubmitAnnualReportAsync(studioId, ReportRequest(lastYear), Cancel);
        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal(lastYear, report.Year);
        Assert.Equal(StudioLevel.Municipal, report.Level);
        Assert.Equal((2, 1), (report.ApprenticeCount, report.QualifiedApprentices));
        Assert.Equal((3, 2, 4, 1, 6, 2), (report.ProblemsSolved, report.CraftsHandedDown, report.Innovations, report.Patents, report.TrainingSessions, report.Competitions));
        Assert.Null(report.Score);
        Assert.Null(report.Grade);
        Assert.Equal(2, report.Apprentices.Count);
        Assert.Contains(report.Apprentices, a => a.LevelReached == QualificationLevel.Level3 && a.QualifiedOn == new DateOnly(lastYear, 11, 20));
        Assert.Contains(report.Apprentices, a => a.LevelReached is null && a.QualifiedOn is null);

        // The city assesses last year's report as excellent.
        sdk.Token = Assessor;
        await AssessAsync(sdk, report.Id, new AssessReportRequest { Score = 92.5m, Fraud = false, Comment = "带徒成效突出。" }, "Excellent");
        sdk.Token = Operator;
        var assessedStudio = await studios.GetStudioAsync(studioId, Cancel);
        Assert.Equal(StudioStatus.Active, assessedStudio.Status);
        Assert.Equal(0, assessedStudio.ConsecutiveUnqualified);
        sdk.Token = Assessor;
        var twice = await Assert.ThrowsAnyAsync<PlatformApiException>(() => AssessAsync(sdk, report.Id, new AssessReportRequest { Score = 50m, Comment = "再次考核。" }, "Unqualified"));
        Assert.Equal(409, twice.StatusCode);
        Assert.Equal("studios.report_already_assessed", twice.Code);
        sdk.Token = Operator;

        // The statistics count the studio, its accreditation, its grant, the tranche and the apprentices.
        var statistics = await studios.GetStatisticsAsync(Kit.Leshan, Today.Year, Cancel);
        Assert.Equal(Kit.Leshan, statistics.RegionCode);
        Assert.Equal(Today.Year, statistics.Year);
        Assert.Equal(statisticsBefore.ActiveStudios + 1, statistics.ActiveStudios);
        Assert.Equal(Studios(statisticsBefore.ByLevel, StudioLevel.Municipal) + 1, Studios(statistics.ByLevel, StudioLevel.Municipal));
        Assert.Equal(MunicipalIn(statisticsBefore, Kit.LeshanCounty) + 1, MunicipalIn(statistics, Kit.LeshanCounty));
        Assert.Equal(Studios(statisticsBefore.ByField, CraftField.AdvancedManufacturing) + 1, Studios(statistics.ByField, CraftField.AdvancedManufacturing));
        Assert.Equal(Accredited(statisticsBefore) + 1, Accredited(statistics));
        Assert.Equal(Granted(statisticsBefore) + LeshanMunicipalGrant, Granted(statistics));
        Assert.Equal(statisticsBefore.FundingCommitted + LeshanMunicipalGrant, statistics.FundingCommitted);
        Assert.Equal(statisticsBefore.FundingPaid + 20_000.50m, statistics.FundingPaid);
        Assert.Equal(statistics.ActiveStudios, statistics.ByLevel.Sum(l => l.Studios));

        var apprentices = await studios.GetStatisticsAsync(Kit.Leshan, lastYear, Cancel);
        Assert.Equal(apprenticesBefore.ApprenticesReported + 2, apprentices.ApprenticesReported);
        Assert.Equal(apprenticesBefore.ApprenticesQualified + 1, apprentices.ApprenticesQualified);
        Assert.Equal(Apprentices(apprenticesBefore, QualificationLevel.Level3) + 1, Apprentices(apprentices, QualificationLevel.Level3));
    }

    /// <summary>
    /// The assessment step of the journey, and the grade read back through the client. (The OpenAPI
    /// document once listed null among <c>AssessmentGrade</c>'s values, which made NSwag generate an empty
    /// class for the grade and every call answering a report fail to deserialize.)
    /// </summary>
    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task An_annual_report_is_assessed_through_the_client_and_its_grade_read_back(HostProvider provider)
    {
        await using var sdk = await StudioSdk.StartAsync(hosts, provider);
        var studios = sdk.Studios;
        var lastYear = Today.Year - 1;
        var (studioId, _) = await AccreditAsync(sdk, new DateOnly(lastYear, 1, 1));

        sdk.Token = Operator;
        var report = await studios.SubmitAnnualReportAsync(studioId, ReportRequest(lastYear), Cancel);

        sdk.Token = Assessor;
        var assessed = await studios.AssessAnnualReportAsync(report.Id, new AssessReportRequest { Score = 92.5m, Fraud = false, Comment = "带徒成效突出。" }, Cancel);
        Assert.Equal(ReportStatus.Assessed, assessed.Status);
        Assert.Equal(92.5m, assessed.Score);
        Assert.Equal(AssessmentGrade.Excellent, assessed.Grade);
        var readBack = await studios.GetAnnualReportAsync(report.Id, Cancel);
        Assert.Equal(AssessmentGrade.Excellent, readBack.Grade);
        Assert.False(assessed.Fraud);

        sdk.Token = Operator;
        var read = await studios.GetAnnualReportAsync(report.Id, Cancel);
        Assert.Equal(ReportStatus.Assessed, read.Status);
        Assert.NotNull(read.Grade);
        var studio = await studios.GetStudioAsync(studioId, Cancel);
        Assert.Equal(StudioStatus.Active, studio.Status);
        Assert.Equal(0, studio.ConsecutiveUnqualified);
    }

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task Submitting_for_a_master_below_technician_is_refused_with_the_rules_code(HostProvider provider)
    {
        await using var sdk = await StudioSdk.StartAsync(hosts, provider);
        var studios = sdk.Studios;
        sdk.Token = Operator;
        var master = await studios.RegisterMasterAsync(MasterRequest(Kit.NewIdNumber(), QualificationLevel.Level3), Cancel);
        Assert.False(master.QualifiedToLead);
        var draft = await studios.CreateApplicationAsync(NewStudioRequest(master.Id, Kit.NewCreditCode()), Cancel);

        var eligibility = await studios.CheckEligibilityAsync(draft.Id, Cancel);
        Assert.False(eligibility.Eligible);
        var failed = Assert.Single(eligibility.Rules, r => !r.Passed);
        Assert.Equal(StudioEligibilityRule.MasterQualification, failed.Rule);
        Assert.Equal("studios.master_not_qualified", failed.Code);

        var refusal = await Assert.ThrowsAnyAsync<PlatformApiException>(() => studios.SubmitApplicationAsync(draft.Id, Cancel));

        Assert.Equal(422, refusal.StatusCode);
        Assert.Equal("studios.master_not_qualified", refusal.Code);
        Assert.Equal(failed.Code, refusal.Code);
        Assert.NotNull(refusal.Problem);
        Assert.Equal(422, refusal.Problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Problem.Detail));
        Assert.False(string.IsNullOrEmpty(refusal.TraceId));
        Assert.IsType<PlatformApiException<ApiProblem>>(refusal);
        Assert.Equal(ApplicationStatus.Draft, (await studios.GetApplicationAsync(draft.Id, Cancel)).Status);
    }

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task Refusals_carry_their_409_codes_through_the_client(HostProvider provider)
    {
        await using var sdk = await StudioSdk.StartAsync(hosts, provider);
        var studios = sdk.Studios;
        var (_, masterId) = await AccreditAsync(sdk, Today);

        // The master already leads an active studio.
        sdk.Token = Operator;
        var second = await studios.CreateApplicationAsync(NewStudioRequest(masterId, Kit.NewCreditCode()), Cancel);
        var leads = await Assert.ThrowsAnyAsync<PlatformApiException>(() => studios.SubmitApplicationAsync(second.Id, Cancel));
        Assert.Equal(409, leads.StatusCode);
        Assert.Equal("studios.master_leads_active_studio", leads.Code);

        // A step the application's status does not allow.
        var master = await studios.RegisterMasterAsync(MasterRequest(Kit.NewIdNumber(), QualificationLevel.Level1), Cancel);
        var draft = await studios.CreateApplicationAsync(NewStudioRequest(master.Id, Kit.NewCreditCode()), Cancel);
        sdk.Token = Recommender;
        var early = await Assert.ThrowsAnyAsync<PlatformApiException>(
            () => studios.RecommendApplicationAsync(draft.Id, new RecommendRequest { Recommend = true, Note = "同意推荐" }, Cancel));
        Assert.Equal(409, early.StatusCode);
        Assert.Equal("studios.invalid_transition", early.Code);
    }

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task A_stale_If_Match_is_refused_with_412(HostProvider provider)
    {
        await using var sdk = await StudioSdk.StartAsync(hosts, provider);
        var studios = sdk.Studios;
        sdk.Token = Operator;
        var master = await studios.RegisterMasterAsync(MasterRequest(Kit.NewIdNumber(), QualificationLevel.Level2), Cancel);
        ApplicationResponse draft;
        string? draftTag;
        using (var create = PlatformCall.Begin())
        {
            draft = await studios.CreateApplicationAsync(NewStudioRequest(master.Id, Kit.NewCreditCode()), Cancel);
            draftTag = create.ResponseETag;
        }

        Assert.Equal($"\"{draft.Version}\"", draftTag);
        string? submittedTag;
        using (var submit = PlatformCall.Begin(ifMatch: draftTag))
        {
            var submitted = await studios.SubmitApplicationAsync(draft.Id, Cancel);
            submittedTag = submit.ResponseETag;
            Assert.Equal(ApplicationStatus.Submitted, submitted.Status);
            Assert.Equal($"\"{submitted.Version}\"", submittedTag);
        }

        Assert.NotEqual(draftTag, submittedTag);

        sdk.Token = Recommender;
        using (PlatformCall.Begin(ifMatch: draftTag))
        {
            var stale = await Assert.ThrowsAnyAsync<PlatformApiException>(
                () => studios.RecommendApplicationAsync(draft.Id, new RecommendRequest { Recommend = true, Note = "同意推荐" }, Cancel));
            Assert.Equal(412, stale.StatusCode);
            Assert.Equal("resource.precondition_failed", stale.Code);
        }

        sdk.Token = Operator;
        Assert.Equal(ApplicationStatus.Submitted, (await studios.GetApplicationAsync(draft.Id, Cancel)).Status);

        sdk.Token = Recommender;
        using (PlatformCall.Begin(ifMatch: submittedTag))
        {
            var recommended = await studios.RecommendApplicationAsync(draft.Id, new RecommendRequest { Recommend = true, Note = "同意推荐" }, Cancel);
            Assert.Equal(ApplicationStatus.Recommended, recommended.Status);
        }
    }

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task Money_is_a_decimal_to_the_fen_and_the_tranches_never_exceed_the_grant(HostProvider provider)
    {
        await using var sdk = await StudioSdk.StartAsync(hosts, provider);
        var studios = sdk.Studios;
        var (studioId, _) = await AccreditAsync(sdk, Today);
        sdk.Token = Operator;
        var accreditation = Assert.Single((await studios.GetStudioAsync(studioId, Cancel)).Accreditations);
        Assert.Equal(50000.00m, accreditation.FundingGranted);
        Assert.Equal("50000.00", accreditation.FundingGranted.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));

        await studios.RecordFundingTrancheAsync(accreditation.Id, new RecordTrancheRequest { Amount = 0.10m, PaidOn = Today, Reference = "SDK-FEN-1" }, Cancel);
        await studios.RecordFundingTrancheAsync(accreditation.Id, new RecordTrancheRequest { Amount = 0.20m, PaidOn = Today, Reference = "SDK-FEN-2" }, Cancel);
        var funded = await studios.RecordFundingTrancheAsync(accreditation.Id, new RecordTrancheRequest { Amount = 49_999.70m, PaidOn = Today, Reference = "SDK-FEN-3" }, Cancel);

        var paid = Assert.Single(funded.Accreditations);
        Assert.Equal(50_000.00m, paid.FundingPaid);
        Assert.Equal(paid.FundingGranted, paid.FundingPaid);
        Assert.Equal([0.10m, 0.20m, 49_999.70m], paid.Tranches.Select(t => t.Amount).Order());
        Assert.Equal(0.30m, paid.Tranches.Where(t => t.Amount < 1m).Sum(t => t.Amount));

        var tooMuch = await Assert.ThrowsAnyAsync<PlatformApiException>(
            () => studios.RecordFundingTrancheAsync(accreditation.Id, new RecordTrancheRequest { Amount = 0.01m, PaidOn = Today, Reference = "SDK-FEN-4" }, Cancel));
        Assert.Equal(422, tooMuch.StatusCode);
        Assert.Equal("studios.tranche_exceeds_grant", tooMuch.Code);

    }

    /// <summary>
    /// A host code sent in lower case passes validation and is stored in upper case, so the expert-conflict
    /// check still recognises an expert of the host organisation.
    /// </summary>
    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task An_expert_of_the_host_cannot_score_even_when_the_host_code_was_sent_in_lower_case(HostProvider provider)
    {
        await using var sdk = await StudioSdk.StartAsync(hosts, provider);
        var studios = sdk.Studios;
        sdk.Token = Operator;
        var master = await studios.RegisterMasterAsync(MasterRequest(Kit.NewIdNumber(), QualificationLevel.Level2), Cancel);
        var host = Kit.NewCreditCode();
        var draft = await studios.CreateApplicationAsync(NewStudioRequest(master.Id, host.ToLowerInvariant()), Cancel);
        await studios.SubmitApplicationAsync(draft.Id, Cancel);
        sdk.Token = Recommender;
        await studios.RecommendApplicationAsync(draft.Id, new RecommendRequest { Recommend = true, Note = "同意推荐" }, Cancel);

        sdk.Token = Expert("sdk-studio-expert-of-the-host", organisation: host);
        var conflict = await Assert.ThrowsAnyAsync<PlatformApiException>(
            () => studios.RecordExpertScoreAsync(draft.Id, new ExpertScoreRequest { Score = 99m, Comment = "本单位申请。" }, Cancel));

        Assert.Equal(403, conflict.StatusCode);
        Assert.Equal("studios.expert_conflict", conflict.Code);
    }

    /// <summary>Assesses a report through the client and checks the grade answered.</summary>
    private static async Task AssessAsync(StudioSdk sdk, Guid report, AssessReportRequest request, string grade)
    {
        var assessed = await sdk.Studios.AssessAnnualReportAsync(report, request, Cancel);
        Assert.Equal(ReportStatus.Assessed, assessed.Status);
        Assert.Equal(request.Score, assessed.Score);
        Assert.Equal(Enum.Parse<AssessmentGrade>(grade), assessed.Grade);
    }

    /// <summary>A municipal studio accredited through the client from <paramref name="startsOn"/>: (studio, master).</summary>
    private static async Task<(Guid Studio, Guid Master)> AccreditAsync(StudioSdk sdk, DateOnly startsOn)
    {
        var studios = sdk.Studios;
        sdk.Token = Operator;
        var master = await studios.RegisterMasterAsync(MasterRequest(Kit.NewIdNumber(), QualificationLevel.Level2), Cancel);
        var draft = await studios.CreateApplicationAsync(NewStudioRequest(master.Id, Kit.NewCreditCode()), Cancel);
        await studios.SubmitApplicationAsync(draft.Id, Cancel);
        sdk.Token = Recommender;
        await studios.RecommendApplicationAsync(draft.Id, new RecommendRequest { Recommend = true, Note = "同意推荐" }, Cancel);
        foreach (var score in new[] { 85m, 88m, 90m })
        {
            sdk.Token = Expert($"sdk-studio-expert-{Guid.NewGuid():N}");
            await studios.RecordExpertScoreAsync(draft.Id, new ExpertScoreRequest { Score = score, Comment = "技艺精湛。" }, Cancel);
        }

        sdk.Token = Decider;
        var approved = await studios.DecideApplicationAsync(draft.Id, new DecideRequest { Approve = true, Reason = "专家评审通过", StartsOn = startsOn }, Cancel);
        Assert.Equal(ApplicationStatus.Approved, approved.Status);
        return (approved.StudioId!.Value, master.Id);
    }

    /// <summary>An expert: a reviewer of Sichuan whose token names an organisation other than the host's and the employer's.</summary>
    private static string Expert(string subject, string? organisation = null) =>
        TestTokens.For("reviewer", Kit.Sichuan, subject, organisation: organisation ?? Kit.NewCreditCode("510104"));

    private static RegisterMasterRequest MasterRequest(string idNumber, QualificationLevel level, string? employer = null) => new()
    {
        IdentityNumber = idNumber,
        Name = "王大师",
        OccupationCode = Kit.Occupation,
        QualificationLevel = level,
        Honours = ["全国技术能手", "四川省技术能手"],
        EmployerCode = employer ?? Kit.NewCreditCode(),
        RegionCode = Kit.LeshanCounty,
    };

    private static CreateApplicationRequest NewStudioRequest(Guid master, string host) => new()
    {
        Kind = ApplicationKind.New,
        StudioName = "乐山光伏组件技能大师工作室",
        HostCode = host,
        HostName = "乐山某光伏科技有限公司",
        LeadMasterId = master,
        TeamSize = 6,
        OccupationCode = Kit.Occupation,
        Field = CraftField.AdvancedManufacturing,
        RegionCode = Kit.LeshanCounty,
        Level = StudioLevel.Municipal,
        Plan = "三年培养高级工以上徒弟 20 名，攻关技术难题 5 项。",
    };

    private static SubmitReportRequest ReportRequest(int year) => new()
    {
        Year = year,
        Apprentices =
        [
            new ApprenticeEntry
            {
                IdentityNumber = Kit.NewIdNumber(age: 24),
                LevelReached = QualificationLevel.Level3,
                QualifiedOn = new DateOnly(year, 11, 20),
                CertificateNumber = $"SDK-{Guid.NewGuid():N}"[..20],
            },
            new ApprenticeEntry { IdentityNumber = Kit.NewIdNumber(age: 21) },
        ],
        ProblemsSolved = 3,
        CraftsHandedDown = 2,
        Innovations = 4,
        Patents = 1,
        TrainingSessions = 6,
        Competitions = 2,
        Summary = "带徒传技、技能攻关、技艺传承、技能推广四项任务均已完成。",
    };

    private static int Studios(IEnumerable<LevelCount> counts, StudioLevel level) => counts.Where(c => c.Level == level).Sum(c => c.Studios);

    private static int Studios(IEnumerable<FieldCount> counts, CraftField field) => counts.Where(c => c.Field == field).Sum(c => c.Studios);

    private static int MunicipalIn(StudioStatisticsResponse statistics, string region) => statistics.ByRegion.Where(r => r.RegionCode == region).Sum(r => r.Municipal);

    private static int Accredited(StudioStatisticsResponse statistics) =>
        statistics.Accredited.Where(a => a.Level == StudioLevel.Municipal && a.Kind == ApplicationKind.New).Sum(a => a.Accreditations);

    private static decimal Granted(StudioStatisticsResponse statistics) =>
        statistics.Accredited.Where(a => a.Level == StudioLevel.Municipal && a.Kind == ApplicationKind.New).Sum(a => a.FundingGranted);

    private static int Apprentices(StudioStatisticsResponse statistics, QualificationLevel level) =>
        statistics.ApprenticesByLevel.Where(a => a.Level == level).Sum(a => a.Apprentices);

    /// <summary>
    /// The SDK registered exactly as an integrator would, with <c>AddPlatformSdk</c>, its HTTP traffic routed
    /// to the test server of one provider; the bearer token is whatever <see cref="Token"/> holds.
    /// </summary>
    private sealed class StudioSdk : IAsyncDisposable
    {
        private readonly PlatformFactory factory;
        private readonly ServiceProvider services;

        private StudioSdk(PlatformFactory factory)
        {
            this.factory = factory;
            var collection = new ServiceCollection();
            var builders = collection.AddPlatformSdk(options =>
            {
                options.BaseAddress = factory.Server.BaseAddress;
                options.AccessTokenProvider = (_, _) => ValueTask.FromResult(Token);
            });
            foreach (var builder in builders)
            {
                builder.ConfigurePrimaryHttpMessageHandler(() => factory.Server.CreateHandler());
            }

            services = collection.BuildServiceProvider(validateScopes: true);
        }

        public string? Token { get; set; }

        public ISkillMasterStudiosClient Studios => services.GetRequiredService<PlatformApi>().SkillMasterStudios;

        public static async Task<StudioSdk> StartAsync(ProviderHosts hosts, HostProvider provider) => new(await hosts.GetAsync(provider));

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
