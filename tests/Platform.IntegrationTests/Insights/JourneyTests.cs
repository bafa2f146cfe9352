using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.VeteranEmployment.Contracts;
using Platform.Sdk;
using HostProvider = Platform.BuildingBlocks.Persistence.DatabaseProvider;
using Kit = Platform.IntegrationTests.Insights.CountingKit;
using RheKit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.EntrepreneurshipTestKit;
using StudioKit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;
using VeteranKit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;
using VoucherKit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.Insights;

/// <summary>
/// Insights_GetPersonJourney through the generated client: one person's path across the four programs,
/// each step done through its own module's HTTP API and reaching Insights through the outbox, listed in day
/// order, the identity number masked unless a caller holding pii.read asks to reveal it, every lookup audited
/// as a personal-data read, and other regions' steps counted but not shown.
/// </summary>
public sealed class JourneyTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string Shizhong = "511102";
    private const string Emeishan = "511181";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task A_veteran_trained_with_a_voucher_qualified_as_an_apprentice_who_founded_a_business_and_borrowed_is_one_journey_in_day_order(HostProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var today = VoucherKit.ChinaToday;
        var idNumber = VeteranKit.NewIdNumber(region: Shizhong);

        // Veteran employment: registered in Shizhong today (discharged in 2022).
        using (var veterans = VeteranKit.Operator(host))
        {
            await VeteranKit.RegisterAsync(veterans, idNumber, region: Shizhong);
        }

        // Training vouchers: a voucher issued to the same person, attended and completed today.
        await VoucherKit.CompletedVoucherAsync(host, idNumber);

        // Skill-master studios: an apprentice of a studio, qualified at Level4 on 1 September last year, on
        // the studio's annual report assessed by the city.
        var lastYear = today.Year - 1;
        var (studio, _, _) = await StudioKit.AccreditedStudioAsync(host, new DateOnly(lastYear, 1, 1));
        using (var city = StudioKit.Operator(host))
        using (var assessor = StudioKit.Reviewer(host, StudioKit.Leshan, "it-journey-assessor"))
        {
            var report = await StudioKit.PostCreatedAsync(city, $"/studios/{studio}/annual-reports", StudioKit.ReportBody(lastYear, StudioKit.ApprenticeEntry(lastYear, "Level4", idNumber)));
            await StudioKit.PostOkAsync(assessor, $"/annual-reports/{report.GetProperty("id").GetGuid()}/assessment", new { score = 88m, fraud = false, comment = "合格" });
        }

        // Return-home entrepreneurship: a business in Emeishan 40 days ago, a guaranteed loan of 100,000 paid out today.
        var businessDay = today.AddDays(-40);
        using (var actors = RheKit.ActorsOf(host))
        {
            var founder = RheKit.Id(await RheKit.RegisterFounderAsync(actors.Operator, Emeishan, idNumber));
            var businessId = await RheKit.BusinessIdAsync(actors.Operator, founder, Emeishan, businessDay);
            await RheKit.DisbursedLoanAsync(actors, founder, 100_000m, RheKit.NewCreditCode(Kit.Leshan), business: businessId);
        }

        // Seven events concern the person once the outbox has delivered them (the veteran registry records the
        // business as self-employment and publishes that too).
        var blindIndex = await Kit.BlindIndexAsync(host, idNumber);
        var kept = await Kit.EventuallyAsync(() => Kit.DbAsync(host, db => db.Events.AsNoTracking().CountAsync(e => e.PersonBlindIndex == blindIndex, Token)), n => n >= 7);
        Assert.Equal(7, kept);

        await using var sdk = JourneySdk.Start(host);
        sdk.Token = TestTokens.For("operator", Kit.Leshan, "it-journey-operator");
        var journey = await sdk.Insights.GetPersonJourneyAsync(new JourneyRequest { IdentityNumber = idNumber }, Token);

        Assert.Equal(RheKit.Masked(idNumber), journey.IdentityNumber);
        Assert.Equal(0, journey.HiddenOutsideRegion);
        var steps = journey.Steps.ToArray();
        Assert.Equal(7, steps.Length);
        Assert.Equal(steps.Select(s => s.Day).Order(), steps.Select(s => s.Day));

        // Last year's qualification first, then the business and the self-employment of its day, then today's four.
        var apprentice = steps[0];
        Assert.Equal((ApprenticeQualified.Name, "skill_master_studios", new DateOnly(lastYear, 9, 1), Shizhong), (apprentice.EventName, apprentice.Module, apprentice.Day, apprentice.RegionCode));
        Assert.Equal(("apprentice qualified", "徒弟取得技能等级", "Level4"), (apprentice.LabelEn, apprentice.LabelZh, apprentice.Details["level"]));
        Assert.Null(apprentice.Amount);

        Assert.Equal([BusinessRegistered.Name, VeteranEmploymentChanged.Name], steps[1..3].Select(s => s.EventName).Order(StringComparer.Ordinal));
        Assert.All(steps[1..3], s => Assert.Equal(businessDay, s.Day));
        var business = steps.Single(s => s.EventName == BusinessRegistered.Name);
        Assert.Equal(("return_home_entrepreneurship", Emeishan, "返乡农家乐", "Agriculture"), (business.Module, business.RegionCode, business.Details["business"], business.Details["industry"]));
        var selfEmployed = steps.Single(s => s.EventName == VeteranEmploymentChanged.Name);
        Assert.Equal(("veteran_employment", "SelfEmployed"), (selfEmployed.Module, selfEmployed.Details["status"]));

        Assert.All(steps[3..], s => Assert.Equal(today, s.Day));
        Assert.Equal(
            [LoanDisbursed.Name, TrainingCompleted.Name, VoucherIssued.Name, VeteranRegistered.Name],
            steps[3..].Select(s => s.EventName).Order(StringComparer.Ordinal));
        var names = steps.Select(s => s.EventName).ToList();
        Assert.True(names.IndexOf(VoucherIssued.Name) < names.IndexOf(TrainingCompleted.Name), "The voucher is issued before the training it pays for is completed.");
        var veteran = steps.Single(s => s.EventName == VeteranRegistered.Name);
        Assert.Equal(("veteran_employment", Shizhong, "registered as a veteran"), (veteran.Module, veteran.RegionCode, veteran.LabelEn));
        var voucher = steps.Single(s => s.EventName == VoucherIssued.Name);
        Assert.Equal(("training_vouchers", 1_300m, VoucherKit.Photovoltaic), (voucher.Module, voucher.Amount, voucher.Details["occupation"]));
        var training = steps.Single(s => s.EventName == TrainingCompleted.Name);
        Assert.Equal(("true", "Level5", "MigrantWorkers"), (training.Details["passed"], training.Details["level"], training.Details["groups"]));
        Assert.Null(training.Amount);
        var loan = steps.Single(s => s.EventName == LoanDisbursed.Name);
        Assert.Equal((Emeishan, 100_000m, "Individual"), (loan.RegionCode, loan.Amount, loan.Details["kind"]));

        // Revealed to a caller holding pii.read who asks; masked for an auditor who asks (no pii.read).
        var revealed = await sdk.Insights.GetPersonJourneyAsync(new JourneyRequest { IdentityNumber = idNumber, Reveal = true }, Token);
        Assert.Equal(idNumber, revealed.IdentityNumber);
        sdk.Token = TestTokens.For("auditor", Kit.Leshan, "it-journey-auditor");
        var audited = await sdk.Insights.GetPersonJourneyAsync(new JourneyRequest { IdentityNumber = idNumber, Reveal = true }, Token);
        Assert.Equal((RheKit.Masked(idNumber), 7), (audited.IdentityNumber, audited.Steps.Count));

        // Each lookup is a personal-data read on the audit trail, naming the person by blind index only.
        var operatorReads = await AuditAsync(host, "it-journey-operator");
        Assert.Equal(["revealed", "masked"], operatorReads.Select(e => Kit.Text(e, "outcome")));
        Assert.All(operatorReads, e => Assert.Equal(("insights.person_journey", blindIndex[..16]), (Kit.Text(e, "entityType"), Kit.Text(e, "entityId"))));
        Assert.All(operatorReads, e => Assert.DoesNotContain(idNumber, e.GetRawText(), StringComparison.Ordinal));
        Assert.Equal(["masked"], (await AuditAsync(host, "it-journey-auditor")).Select(e => Kit.Text(e, "outcome")));

        // Another region's caller sees only the steps in its region; the others are counted.
        sdk.Token = TestTokens.For("operator", Emeishan, "it-journey-emeishan");
        var emeishan = await sdk.Insights.GetPersonJourneyAsync(new JourneyRequest { IdentityNumber = idNumber }, Token);
        Assert.Equal([BusinessRegistered.Name, LoanDisbursed.Name], emeishan.Steps.Select(s => s.EventName));
        Assert.Equal(5, emeishan.HiddenOutsideRegion);
        sdk.Token = TestTokens.For("operator", "500000", "it-journey-chongqing");
        var chongqing = await sdk.Insights.GetPersonJourneyAsync(new JourneyRequest { IdentityNumber = idNumber }, Token);
        Assert.Equal((0, 7), (chongqing.Steps.Count, chongqing.HiddenOutsideRegion));
    }

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task Steps_arriving_out_of_order_are_listed_by_day_and_other_regions_steps_are_hidden(HostProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var idNumber = VeteranKit.NewIdNumber(region: "511902");
        var person = await Kit.BlindIndexAsync(host, idNumber);

        // Delivered latest first: a loan in Chongqing, a business in Bazhong, a registration in Bazhong.
        await Kit.DeliverAsync(host, new LoanDisbursed(Guid.NewGuid(), Guid.NewGuid(), person, null, "Individual", "500107", 50_000m, new DateOnly(2025, 5, 6), 24, "91500000MA00000000"));
        await Kit.DeliverAsync(host, Kit.Business(person, "511902", new DateOnly(2024, 11, 12), name: "巴州区返乡茶园"));
        await Kit.DeliverAsync(host, new VeteranRegistered(Guid.NewGuid(), person, "RetiredOfficer", "511902", new DateOnly(2023, 9, 1), new DateOnly(2023, 10, 8)));
        await Kit.DeliverAsync(host, new VeteranRegistered(Guid.NewGuid(), Kit.NewPerson(), "RetiredOfficer", "511902", new DateOnly(2023, 9, 1), new DateOnly(2023, 10, 8)));

        await using var sdk = JourneySdk.Start(host);
        sdk.Token = TestTokens.Administrator;
        var all = await sdk.Insights.GetPersonJourneyAsync(new JourneyRequest { IdentityNumber = idNumber }, Token);
        Assert.Equal([VeteranRegistered.Name, BusinessRegistered.Name, LoanDisbursed.Name], all.Steps.Select(s => s.EventName));
        Assert.Equal([new DateOnly(2023, 10, 8), new DateOnly(2024, 11, 12), new DateOnly(2025, 5, 6)], all.Steps.Select(s => s.Day));
        Assert.Equal((0, RheKit.Masked(idNumber)), (all.HiddenOutsideRegion, all.IdentityNumber));

        sdk.Token = TestTokens.For("operator", "511900", "it-journey-bazhong");
        var bazhong = await sdk.Insights.GetPersonJourneyAsync(new JourneyRequest { IdentityNumber = idNumber }, Token);
        Assert.Equal([VeteranRegistered.Name, BusinessRegistered.Name], bazhong.Steps.Select(s => s.EventName));
        Assert.Equal(1, bazhong.HiddenOutsideRegion);

        // A person without any step: an empty journey, audited all the same.
        var nobody = await sdk.Insights.GetPersonJourneyAsync(new JourneyRequest { IdentityNumber = VeteranKit.NewIdNumber(region: "511902") }, Token);
        Assert.Equal((0, 0), (nobody.Steps.Count, nobody.HiddenOutsideRegion));
        Assert.Equal(2, (await AuditAsync(host, "it-journey-bazhong")).Length);
    }

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task A_malformed_identity_number_is_400_and_a_caller_without_the_permission_403(HostProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        await using var sdk = JourneySdk.Start(host);
        sdk.Token = TestTokens.For("operator", Kit.Leshan, "it-journey-invalid");

        foreach (var number in new[] { "", "51110219900101123", VeteranKit.WithWrongCheckCharacter(VeteranKit.NewIdNumber()) })
        {
            var invalid = await Assert.ThrowsAnyAsync<PlatformApiException>(() => sdk.Insights.GetPersonJourneyAsync(new JourneyRequest { IdentityNumber = number }, Token));
            Assert.Equal((400, Kit.ValidationFailed), (invalid.StatusCode, invalid.Code));
            Assert.Equal(["identityNumber"], invalid.FieldErrors.Keys);
        }

        Assert.Empty(await AuditAsync(host, "it-journey-invalid"));

        sdk.Token = TestTokens.For("integrator", Kit.Leshan, "it-journey-integrator");
        var forbidden = await Assert.ThrowsAnyAsync<PlatformApiException>(() => sdk.Insights.GetPersonJourneyAsync(new JourneyRequest { IdentityNumber = VeteranKit.NewIdNumber() }, Token));
        Assert.Equal((403, Kit.PermissionMissing), (forbidden.StatusCode, forbidden.Code));
        sdk.Token = TestTokens.For("reviewer", Kit.Leshan, "it-journey-reviewer");
        forbidden = await Assert.ThrowsAnyAsync<PlatformApiException>(() => sdk.Insights.GetPersonJourneyAsync(new JourneyRequest { IdentityNumber = VeteranKit.NewIdNumber() }, Token));
        Assert.Equal(403, forbidden.StatusCode);
    }

    /// <summary>The pii.read entries of a caller on the audit trail, newest first.</summary>
    private static async Task<JsonElement[]> AuditAsync(PlatformFactory host, string subject)
    {
        using var admin = host.CreateClient();
        using var response = await admin.GetAsync($"/api/platform/audit?action=pii.read&subject={subject}", Token);
        return (await HttpAssert.ReadOkJsonAsync(response)).GetProperty("items").EnumerateArray().ToArray();
    }

    /// <summary>The SDK registered as an integrator would, its HTTP traffic routed to the test host, calling with <see cref="Token"/>.</summary>
    private sealed class JourneySdk : IAsyncDisposable
    {
        private readonly ServiceProvider services;

        private JourneySdk(PlatformFactory factory)
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

        public IInsightsClient Insights => services.GetRequiredService<PlatformApi>().Insights;

        public static JourneySdk Start(PlatformFactory factory) => new(factory);

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
