using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Sdk;
using HostProvider = Platform.BuildingBlocks.Persistence.DatabaseProvider;
using Kit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;

namespace Platform.IntegrationTests.Sdk;

/// <summary>
/// The veteran employment module through the generated client only, as an integrator would call it: each
/// caller is a token handed to the SDK, every request and answer a typed DTO, money a decimal. The class
/// has a host (and database) per provider of its own.
/// </summary>
public sealed class VeteranEmploymentSdkTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>马边彝族自治县, a county of Leshan the journey has to itself (its statistics are exact).</summary>
    private const string MabianCounty = "511133";

    private const string Occupation = "4-02-02-01";

    /// <summary>Sichuan's sample employer standard: 6,000 raised by 50 %.</summary>
    private const decimal SichuanHiringYearly = 9_000.00m;

    private static readonly string Operator = TestTokens.For("operator", Kit.Leshan, "sdk-veteran-officer-1");
    private static readonly string ChongqingOperator = TestTokens.For("operator", Kit.Chongqing, "sdk-veteran-cq-officer-1");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateOnly Today => Kit.ChinaToday;

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task A_veteran_goes_from_registration_to_placement_incentive_and_statistics_through_the_client(HostProvider provider)
    {
        await using var sdk = await VeteranSdk.StartAsync(hosts, provider);
        var veterans = sdk.Veterans;
        var lastYear = Today.Year - 1;
        var dischargedOn = new DateOnly(lastYear - 1, 9, 1);
        var seekingFrom = new DateOnly(lastYear - 1, 10, 8);
        var trainingFrom = new DateOnly(lastYear, 1, 10);
        var startsOn = new DateOnly(lastYear, 6, 10);
        sdk.Token = Operator;
        var before = await veterans.GetStatisticsAsync(MabianCounty, cancellationToken: Cancel);

        // Registered in a county of Leshan, surveyed for training.
        var idNumber = Kit.NewIdNumber(region: MabianCounty);
        var veteran = await veterans.RegisterVeteranAsync(VeteranRequest(idNumber, MabianCounty, dischargedOn), Cancel);
        Assert.Equal(MabianCounty, veteran.RegionCode);
        Assert.Equal(DischargeCategory.SelfEmployedSoldier, veteran.Category);
        Assert.Equal(ServiceBranch.Army, veteran.Branch);
        Assert.Equal(dischargedOn, veteran.DischargedOn);
        Assert.Equal(["汽车驾驶", "通信"], veteran.Specialties);
        Assert.Null(veteran.CurrentStatus);
        Assert.Empty(veteran.Transfers);
        Assert.NotEqual(idNumber, veteran.IdentityNumber);
        Assert.Equal(Today, veteran.RegisteredOn);

        var need = await veterans.RecordTrainingNeedAsync(veteran.Id, new TrainingNeedRequest { Occupations = [Occupation], PreferredForm = TrainingForm.Classroom, Note = "希望学习货车驾驶" }, Cancel);
        Assert.Equal(veteran.Id, need.VeteranId);
        Assert.Equal([Occupation], need.Occupations);
        Assert.Equal(TrainingForm.Classroom, need.PreferredForm);

        // Seeking work after discharge, then in training.
        var seeking = await veterans.RecordEmploymentStatusAsync(veteran.Id, new LedgerEntryRequest { EffectiveOn = seekingFrom, Status = EmploymentStatus.SeekingWork }, Cancel);
        Assert.Equal((EmploymentStatus.SeekingWork, seekingFrom, LedgerSource.Manual), (seeking.Status, seeking.EffectiveOn, seeking.Source));
        Assert.Equal("sdk-veteran-officer-1", seeking.RecordedBy);
        var training = await veterans.RecordEmploymentStatusAsync(veteran.Id, new LedgerEntryRequest { EffectiveOn = trainingFrom, Status = EmploymentStatus.InTraining, Note = "参加驾驶培训" }, Cancel);
        Assert.Equal(EmploymentStatus.InTraining, training.Status);

        // An employer of the county posts two jobs; the posting and the veteran find each other.
        var employer = Kit.NewCreditCode(MabianCounty);
        var posting = await veterans.CreateJobPostingAsync(PostingRequest(employer, MabianCounty, headcount: 2), Cancel);
        Assert.Equal((PostingStatus.Open, 2, 0), (posting.Status, posting.Headcount, posting.Placed));
        Assert.Equal(employer, posting.EmployerCode);

        var jobs = await veterans.MatchJobsAsync(veteran.Id, 100, Cancel);
        var job = Assert.Single(jobs, m => m.Id == posting.Id);
        Assert.Equal(3 + 2 + 3, job.Score);
        Assert.Equal(3, job.Reasons.Count);
        Assert.Contains(job.Reasons, r => r.Contains("same county", StringComparison.Ordinal));
        Assert.Contains(job.Reasons, r => r.Contains("汽车驾驶", StringComparison.Ordinal));
        Assert.Contains(job.Reasons, r => r.Contains(Occupation, StringComparison.Ordinal));
        Assert.Equal(posting.Title, job.Title);

        var candidates = await veterans.MatchVeteransAsync(posting.Id, 100, Cancel);
        var candidate = Assert.Single(candidates, m => m.Id == veteran.Id);
        Assert.Equal(8, candidate.Score);
        Assert.Equal(MabianCounty, candidate.RegionCode);

        // The veteran applies and is placed from 10 June last year.
        var application = await veterans.ApplyForJobAsync(posting.Id, new ApplyRequest { VeteranId = veteran.Id }, Cancel);
        Assert.Equal((JobApplicationStatus.Applied, posting.Id, veteran.Id), (application.Status, application.PostingId, application.VeteranId));
        Assert.Null(application.PlacementEntryId);
        var placed = await veterans.PlaceVeteranAsync(application.Id, new PlaceRequest { StartsOn = startsOn, ContractMonths = 24, SocialInsurance = true }, Cancel);
        Assert.Equal(JobApplicationStatus.Placed, placed.Status);
        Assert.NotNull(placed.PlacementEntryId);
        var afterPlacement = await veterans.GetJobPostingAsync(posting.Id, Cancel);
        Assert.Equal((PostingStatus.Open, 1), (afterPlacement.Status, afterPlacement.Placed));
        Assert.Equal(EmploymentStatus.Employed, (await veterans.GetVeteranAsync(veteran.Id, Cancel)).CurrentStatus);

        // The status on past days.
        var beforeAny = await veterans.GetLedgerAsync(veteran.Id, seekingFrom.AddDays(-1), Cancel);
        Assert.Null(beforeAny.StatusOn);
        Assert.Null(beforeAny.EntryInForce);
        Assert.Equal(seekingFrom.AddDays(-1), beforeAny.On);
        Assert.Equal(EmploymentStatus.SeekingWork, (await veterans.GetLedgerAsync(veteran.Id, seekingFrom, Cancel)).StatusOn);
        Assert.Equal(EmploymentStatus.SeekingWork, (await veterans.GetLedgerAsync(veteran.Id, trainingFrom.AddDays(-1), Cancel)).StatusOn);
        Assert.Equal(EmploymentStatus.InTraining, (await veterans.GetLedgerAsync(veteran.Id, startsOn.AddDays(-1), Cancel)).StatusOn);
        var onStart = await veterans.GetLedgerAsync(veteran.Id, startsOn, Cancel);
        Assert.Equal(EmploymentStatus.Employed, onStart.StatusOn);
        Assert.Equal(placed.PlacementEntryId, onStart.EntryInForce);
        var ledger = await veterans.GetLedgerAsync(veteran.Id, cancellationToken: Cancel);
        Assert.Equal(Today, ledger.On);
        Assert.Equal(EmploymentStatus.Employed, ledger.StatusOn);
        Assert.Equal([seekingFrom, trainingFrom, startsOn], ledger.Entries.Select(e => e.EffectiveOn));
        var placement = ledger.Entries.Single(e => e.Id == placed.PlacementEntryId);
        Assert.Equal((EmploymentStatus.Employed, LedgerSource.Placement, employer, 24, true), (placement.Status, placement.Source, placement.EmployerCode, placement.ContractMonths, placement.SocialInsurance));
        Assert.Equal(posting.Title, placement.Position);
        Assert.All(ledger.Entries, e => Assert.False(e.Superseded));

        // Two more of the employer's hires who do not qualify: a contract under a year, and an officer.
        var shortContract = await veterans.RegisterVeteranAsync(VeteranRequest(Kit.NewIdNumber(region: MabianCounty), MabianCounty, dischargedOn), Cancel);
        await veterans.RecordEmploymentStatusAsync(shortContract.Id, Employed(new DateOnly(lastYear, 3, 1), employer, contractMonths: 6), Cancel);
        var officerRequest = VeteranRequest(Kit.NewIdNumber(region: MabianCounty), MabianCounty, dischargedOn);
        officerRequest.Category = DischargeCategory.Officer;
        var officer = await veterans.RegisterVeteranAsync(officerRequest, Cancel);
        await veterans.RecordEmploymentStatusAsync(officer.Id, Employed(new DateOnly(lastYear, 3, 1), employer, contractMonths: 36), Cancel);

        // Last year's hiring incentive: June to December at 9,000 a year = 7 × 750 = 5,250.00.
        var incentive = await veterans.CalculateHiringIncentiveAsync(employer, lastYear, Cancel);
        Assert.Equal(IncentiveKind.EmployerHiring, incentive.Kind);
        Assert.Equal((lastYear, employer), (incentive.Year, incentive.EmployerCode));
        Assert.Equal(5_250.00m, incentive.Total);
        Assert.Equal("5250.00", incentive.Total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(string.IsNullOrWhiteSpace(incentive.Rule));
        Assert.Equal([veteran.Id, shortContract.Id, officer.Id], incentive.Veterans.Select(v => v.VeteranId).Order());
        var part = incentive.Veterans.Single(v => v.VeteranId == veteran.Id);
        Assert.True(part.Qualifies);
        Assert.Null(part.Reason);
        Assert.Equal(new DateOnly(lastYear, 6, 1), part.WindowStarts);
        Assert.Equal((7, 5_250.00m), (part.MonthsCounted, part.Amount));
        Assert.NotEqual(idNumber, part.IdentityNumber);
        Assert.Equal(Enumerable.Range(1, 12).Select(m => new DateOnly(lastYear, m, 1)), part.Months.Select(m => m.Month));
        Assert.Equal(Enumerable.Range(1, 12).Select(m => m >= 6), part.Months.Select(m => m.Counted));
        Assert.All(part.Months.Where(m => m.Counted), m => Assert.Equal(SichuanHiringYearly, m.YearlyAmount));
        Assert.All(part.Months.Where(m => !m.Counted), m => Assert.Equal(0m, m.YearlyAmount));
        Assert.Equal(part.Months.Where(m => m.Counted).Sum(m => m.YearlyAmount / 12m), part.Amount);
        var notQualified = incentive.Veterans.Where(v => v.VeteranId != veteran.Id).ToArray();
        Assert.All(notQualified, v =>
        {
            Assert.False(v.Qualifies);
            Assert.False(string.IsNullOrWhiteSpace(v.Reason));
            Assert.Equal((0, 0m), (v.MonthsCounted, v.Amount));
        });
        Assert.Equal(DischargeCategory.Officer, notQualified.Single(v => v.VeteranId == officer.Id).Category);
        Assert.Equal(incentive.Veterans.Sum(v => v.Amount), incentive.Total);

        // The county's statistics today count the three veterans as employed.
        var after = await veterans.GetStatisticsAsync(MabianCounty, cancellationToken: Cancel);
        Assert.Equal((MabianCounty, Today), (after.RegionCode, after.On));
        Assert.Equal(before.Registered + 3, after.Registered);
        Assert.Equal(Count(before, EmploymentStatus.Employed) + 3, Count(after, EmploymentStatus.Employed));
        Assert.Equal(before.Overall.Working + 3, after.Overall.Working);
        Assert.Equal(before.Overall.InLabourForce + 3, after.Overall.InLabourForce);
        Assert.Equal(Math.Round(100m * after.Overall.Working / after.Overall.InLabourForce, 2, MidpointRounding.AwayFromZero), after.Overall.EmploymentRatePercent);
        Assert.Equal(after.Registered, after.ByStatus.Sum(s => s.Veterans));
        Assert.Equal(after.Registered, after.ByCategory.Sum(c => c.Registered));
        Assert.Equal(RateOf(before.ByCategory, nameof(DischargeCategory.Officer)) + 1, RateOf(after.ByCategory, nameof(DischargeCategory.Officer)));

        var found = await veterans.SearchVeteransAsync(new SearchVeteransRequest { RegionCode = MabianCounty, CurrentStatus = EmploymentStatus.Employed, Limit = 100 }, Cancel);
        Assert.Contains(found.Items, v => v.Id == veteran.Id && v.CurrentStatus == EmploymentStatus.Employed);
        var byNumber = await veterans.SearchVeteransAsync(new SearchVeteransRequest { IdentityNumber = idNumber }, Cancel);
        Assert.Equal(veteran.Id, Assert.Single(byNumber.Items).Id);
    }

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task A_ledger_import_through_the_client_applies_the_good_rows_and_reports_the_bad_one(HostProvider provider)
    {
        await using var sdk = await VeteranSdk.StartAsync(hosts, provider);
        var veterans = sdk.Veterans;
        sdk.Token = Operator;
        var (employedId, employedNumber) = await RegisterAsync(sdk);
        var (selfId, selfNumber) = await RegisterAsync(sdk);
        var employer = Kit.NewCreditCode();
        var day = Today.AddDays(-30);

        var result = await veterans.ImportLedgerAsync(ImportCsv(employedNumber, selfNumber, employer, day), Cancel);

        AssertImported(result);
        await AssertLedgersAsync(sdk, employedId, selfId, employer, day);
    }

    /// <summary>
    /// The same CSV posted as the operation describes it (the raw file as text/csv), to show the server
    /// side of the import works and that <see cref="A_ledger_import_through_the_client_applies_the_good_rows_and_reports_the_bad_one"/>
    /// fails in the client.
    /// </summary>
    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task The_same_import_posted_as_raw_csv_applies_the_good_rows_and_reports_the_bad_one(HostProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        await using var sdk = await VeteranSdk.StartAsync(hosts, provider);
        sdk.Token = Operator;
        var (employedId, employedNumber) = await RegisterAsync(sdk);
        var (selfId, selfNumber) = await RegisterAsync(sdk);
        var employer = Kit.NewCreditCode();
        var day = Today.AddDays(-30);

        using var client = host.CreateClientAs("operator", Kit.Leshan, "sdk-veteran-officer-1");
        using var content = new StringContent(ImportCsv(employedNumber, selfNumber, employer, day), Encoding.UTF8, "text/csv");
        using var response = await client.PostAsync(Kit.Base + "/ledger/imports", content, Cancel);
        var json = await HttpAssert.ReadOkJsonAsync(response);

        Assert.Equal((3, 2, 1), (json.GetProperty("rows").GetInt32(), json.GetProperty("applied").GetInt32(), json.GetProperty("failed").GetInt32()));
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal((4, "status", "request.validation_failed"), (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        await AssertLedgersAsync(sdk, employedId, selfId, employer, day);
    }

    /// <summary>
    /// Two rows of one import for a veteran and a day: the later row is the correction, so it is the status
    /// on that day (as it is for two entries recorded one after the other). Eight veterans, so a coin toss
    /// between the rows cannot pass by chance (1 in 256).
    /// </summary>
    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task Of_two_imported_rows_for_the_same_veteran_and_day_the_later_row_is_in_force(HostProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        await using var sdk = await VeteranSdk.StartAsync(hosts, provider);
        var veterans = sdk.Veterans;
        sdk.Token = Operator;
        var registered = new List<(Guid Id, string Number)>();
        for (var i = 0; i < 8; i++)
        {
            registered.Add(await RegisterAsync(sdk));
        }

        var day = Today.AddDays(-10);
        var employer = Kit.NewCreditCode();
        var csv = new StringBuilder("identityNumber,effectiveOn,status,employerCode,contractMonths,socialInsurance\n");
        foreach (var (_, number) in registered)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{number},{day:yyyy-MM-dd},SeekingWork,,,\n");
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{number},{day:yyyy-MM-dd},Employed,{employer},12,true\n");
        }

        using var client = host.CreateClientAs("operator", Kit.Leshan, "sdk-veteran-officer-1");
        using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        using var response = await client.PostAsync(Kit.Base + "/ledger/imports", content, Cancel);
        var json = await HttpAssert.ReadOkJsonAsync(response);
        Assert.Equal(16, json.GetProperty("applied").GetInt32());

        var statuses = new List<(EmploymentStatus? Current, EmploymentStatus? OnTheDay)>();
        foreach (var (id, _) in registered)
        {
            var current = (await veterans.GetVeteranAsync(id, Cancel)).CurrentStatus;
            var onTheDay = (await veterans.GetLedgerAsync(id, day, Cancel)).StatusOn;
            statuses.Add((current, onTheDay));
        }

        Assert.All(statuses, s => Assert.Equal((EmploymentStatus.Employed, EmploymentStatus.Employed), (s.Current, s.OnTheDay)));
    }

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task Registering_a_person_twice_is_refused_with_409_veteran_exists_even_in_another_province(HostProvider provider)
    {
        await using var sdk = await VeteranSdk.StartAsync(hosts, provider);
        var veterans = sdk.Veterans;
        var idNumber = Kit.NewIdNumber();
        sdk.Token = Operator;
        var first = await veterans.RegisterVeteranAsync(VeteranRequest(idNumber, Kit.LeshanCounty, new DateOnly(2022, 9, 1)), Cancel);

        var again = await Assert.ThrowsAnyAsync<PlatformApiException>(() => veterans.RegisterVeteranAsync(VeteranRequest(idNumber, Kit.LeshanCounty, new DateOnly(2022, 9, 1)), Cancel));
        Assert.Equal(409, again.StatusCode);
        Assert.Equal("veterans.veteran_exists", again.Code);

        sdk.Token = ChongqingOperator;
        var elsewhere = await Assert.ThrowsAnyAsync<PlatformApiException>(() => veterans.RegisterVeteranAsync(VeteranRequest(idNumber, Kit.ChongqingDistrict, new DateOnly(2022, 9, 1)), Cancel));
        Assert.Equal(409, elsewhere.StatusCode);
        Assert.Equal("veterans.veteran_exists", elsewhere.Code);
        Assert.NotNull(elsewhere.Problem);
        Assert.Equal(409, elsewhere.Problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(elsewhere.Problem.Detail));
        Assert.False(string.IsNullOrEmpty(elsewhere.TraceId));
        Assert.IsType<PlatformApiException<ApiProblem>>(elsewhere);

        sdk.Token = Operator;
        var found = await veterans.SearchVeteransAsync(new SearchVeteransRequest { IdentityNumber = idNumber }, Cancel);
        Assert.Equal(first.Id, Assert.Single(found.Items).Id);
    }

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task A_stale_If_Match_on_an_update_is_refused_with_412(HostProvider provider)
    {
        await using var sdk = await VeteranSdk.StartAsync(hosts, provider);
        var veterans = sdk.Veterans;
        sdk.Token = Operator;
        VeteranResponse veteran;
        string? registeredTag;
        using (var register = PlatformCall.Begin())
        {
            veteran = await veterans.RegisterVeteranAsync(VeteranRequest(Kit.NewIdNumber(), Kit.LeshanCounty, new DateOnly(2022, 9, 1)), Cancel);
            registeredTag = register.ResponseETag;
        }

        Assert.Equal($"\"{veteran.Version}\"", registeredTag);
        VeteranResponse updated;
        string? updatedTag;
        using (var update = PlatformCall.Begin(ifMatch: registeredTag))
        {
            updated = await veterans.UpdateVeteranAsync(veteran.Id, UpdateRequest("李退役", "中士"), Cancel);
            updatedTag = update.ResponseETag;
        }

        Assert.Equal("中士", updated.Rank);
        Assert.Equal($"\"{updated.Version}\"", updatedTag);
        Assert.NotEqual(registeredTag, updatedTag);

        using (PlatformCall.Begin(ifMatch: registeredTag))
        {
            var stale = await Assert.ThrowsAnyAsync<PlatformApiException>(() => veterans.UpdateVeteranAsync(veteran.Id, UpdateRequest("李旧值", "下士"), Cancel));
            Assert.Equal(412, stale.StatusCode);
            Assert.Equal("resource.precondition_failed", stale.Code);
        }

        var read = await veterans.GetVeteranAsync(veteran.Id, Cancel);
        Assert.Equal(("李退役", "中士", updated.Version), (read.Name, read.Rank, read.Version));

        using (PlatformCall.Begin(ifMatch: updatedTag))
        {
            var again = await veterans.UpdateVeteranAsync(veteran.Id, UpdateRequest("李新值", "上士"), Cancel);
            Assert.Equal(("李新值", "上士"), (again.Name, again.Rank));
        }
    }

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task After_a_cross_province_transfer_the_sender_gets_404_and_the_receiver_the_whole_history(HostProvider provider)
    {
        await using var sdk = await VeteranSdk.StartAsync(hosts, provider);
        var veterans = sdk.Veterans;
        sdk.Token = Operator;
        var (id, _) = await RegisterAsync(sdk);
        var employer = Kit.NewCreditCode();
        await veterans.RecordEmploymentStatusAsync(id, Employed(Today.AddMonths(-2), employer, contractMonths: 24), Cancel);
        await veterans.RecordEmploymentStatusAsync(id, new LedgerEntryRequest { EffectiveOn = Today.AddDays(-3), Status = EmploymentStatus.SeekingWork, Note = "随配偶迁居" }, Cancel);

        var transfer = await veterans.TransferVeteranAsync(id, new TransferRequest { ToRegionCode = Kit.ChongqingDistrict, Reason = "随配偶迁居重庆" }, Cancel);
        Assert.Equal((Kit.LeshanCounty, Kit.ChongqingDistrict, Today), (transfer.FromRegionCode, transfer.ToRegionCode, transfer.TransferredOn));

        var gone = await Assert.ThrowsAnyAsync<PlatformApiException>(() => veterans.GetVeteranAsync(id, Cancel));
        Assert.Equal(404, gone.StatusCode);
        Assert.Equal("veterans.veteran_not_found", gone.Code);
        var ledgerGone = await Assert.ThrowsAnyAsync<PlatformApiException>(() => veterans.GetLedgerAsync(id, cancellationToken: Cancel));
        Assert.Equal(404, ledgerGone.StatusCode);
        var updateGone = await Assert.ThrowsAnyAsync<PlatformApiException>(() => veterans.UpdateVeteranAsync(id, UpdateRequest("李退役", "上士"), Cancel));
        Assert.Equal(404, updateGone.StatusCode);

        sdk.Token = ChongqingOperator;
        var moved = await veterans.GetVeteranAsync(id, Cancel);
        Assert.Equal(Kit.ChongqingDistrict, moved.RegionCode);
        var history = Assert.Single(moved.Transfers);
        Assert.Equal((Kit.LeshanCounty, Kit.ChongqingDistrict, "随配偶迁居重庆"), (history.FromRegionCode, history.ToRegionCode, history.Reason));
        Assert.Equal(EmploymentStatus.SeekingWork, moved.CurrentStatus);
        var ledger = await veterans.GetLedgerAsync(id, Today.AddDays(-4), Cancel);
        Assert.Equal(2, ledger.Entries.Count);
        Assert.Equal(EmploymentStatus.Employed, ledger.StatusOn);
    }

    private static string ImportCsv(string employedNumber, string selfNumber, string employer, DateOnly day)
    {
        var on = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return "\uFEFFidentityNumber,effectiveOn,status,employerCode,position,contractMonths,socialInsurance,businessName,note\r\n"
            + $"{employedNumber},{on},Employed,{employer},驾驶员,36,true,,\"批量导入, 第一行\"\r\n"
            + $"{selfNumber},{on},SelfEmployed,,,,,\"乐山 \"\"老王\"\" 小吃店\",\r\n"
            + $"{employedNumber},{on},Retired,,,,,,\r\n";
    }

    private static void AssertImported(ImportResponse result)
    {
        Assert.Equal((3, 2, 1), (result.Rows, result.Applied, result.Failed));
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "status", "request.validation_failed"), (error.Line, error.Field, error.Code));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    private static async Task AssertLedgersAsync(VeteranSdk sdk, Guid employedId, Guid selfId, string employer, DateOnly day)
    {
        var employed = await sdk.Veterans.GetLedgerAsync(employedId, day, Cancel);
        var entry = Assert.Single(employed.Entries);
        Assert.Equal((EmploymentStatus.Employed, LedgerSource.Import, employer, 36, true), (entry.Status, entry.Source, entry.EmployerCode, entry.ContractMonths, entry.SocialInsurance));
        Assert.Equal(("驾驶员", "批量导入, 第一行"), (entry.Position, entry.Note));
        Assert.Equal(EmploymentStatus.Employed, employed.StatusOn);

        var self = await sdk.Veterans.GetLedgerAsync(selfId, day, Cancel);
        var business = Assert.Single(self.Entries);
        Assert.Equal((EmploymentStatus.SelfEmployed, LedgerSource.Import, "乐山 \"老王\" 小吃店"), (business.Status, business.Source, business.BusinessName));
        Assert.Null(business.EmployerCode);
        Assert.Equal(EmploymentStatus.SelfEmployed, (await sdk.Veterans.GetVeteranAsync(selfId, Cancel)).CurrentStatus);
    }

    /// <summary>Registers a self-employed soldier in 市中区 discharged in 2022: (id, identity number).</summary>
    private static async Task<(Guid Id, string Number)> RegisterAsync(VeteranSdk sdk)
    {
        var number = Kit.NewIdNumber();
        var veteran = await sdk.Veterans.RegisterVeteranAsync(VeteranRequest(number, Kit.LeshanCounty, new DateOnly(2022, 9, 1)), Cancel);
        return (veteran.Id, number);
    }

    private static RegisterVeteranRequest VeteranRequest(string idNumber, string region, DateOnly dischargedOn) => new()
    {
        IdentityNumber = idNumber,
        Name = "李退役",
        Category = DischargeCategory.SelfEmployedSoldier,
        Branch = ServiceBranch.Army,
        DischargedOn = dischargedOn,
        Rank = "上士",
        Specialties = ["汽车驾驶", "通信"],
        Education = EducationLevel.SeniorHigh,
        RegionCode = region,
    };

    private static UpdateVeteranRequest UpdateRequest(string name, string rank) => new()
    {
        Name = name,
        Category = DischargeCategory.SelfEmployedSoldier,
        Branch = ServiceBranch.Army,
        DischargedOn = new DateOnly(2022, 9, 1),
        Rank = rank,
        Specialties = ["汽车驾驶"],
        Education = EducationLevel.SeniorHigh,
    };

    private static CreatePostingRequest PostingRequest(string employer, string region, int headcount) => new()
    {
        EmployerCode = employer,
        EmployerName = "马边某物流有限公司",
        RegionCode = region,
        OccupationCode = Occupation,
        Title = "货车驾驶员",
        Requirements = "持 B2 驾驶证，服从调度。",
        Specialties = ["汽车驾驶"],
        Headcount = headcount,
        ClosesOn = Today.AddDays(30),
    };

    private static LedgerEntryRequest Employed(DateOnly on, string employer, int contractMonths) => new()
    {
        EffectiveOn = on,
        Status = EmploymentStatus.Employed,
        EmployerCode = employer,
        Position = "驾驶员",
        ContractMonths = contractMonths,
        SocialInsurance = true,
    };

    private static int Count(VeteranStatisticsResponse statistics, EmploymentStatus status) => statistics.ByStatus.Where(s => s.Status == status).Sum(s => s.Veterans);

    private static int RateOf(IEnumerable<RateRow> rows, string key) => rows.Where(r => r.Key == key).Sum(r => r.Registered);

    /// <summary>
    /// The SDK registered exactly as an integrator would, with <c>AddPlatformSdk</c>, its HTTP traffic routed
    /// to the test server of one provider; the bearer token is whatever <see cref="Token"/> holds.
    /// </summary>
    private sealed class VeteranSdk : IAsyncDisposable
    {
        private readonly ServiceProvider services;

        private VeteranSdk(PlatformFactory factory)
        {
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

        public IVeteranEmploymentClient Veterans => services.GetRequiredService<PlatformApi>().VeteranEmployment;

        public static async Task<VeteranSdk> StartAsync(ProviderHosts hosts, HostProvider provider) => new(await hosts.GetAsync(provider));

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
