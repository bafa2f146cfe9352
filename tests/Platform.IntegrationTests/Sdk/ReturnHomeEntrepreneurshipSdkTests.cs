using Microsoft.Extensions.DependencyInjection;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Sdk;
using HostProvider = Platform.BuildingBlocks.Persistence.DatabaseProvider;
using Kit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.EntrepreneurshipTestKit;

namespace Platform.IntegrationTests.Sdk;

/// <summary>
/// The return-home entrepreneurship module through the generated client only, as an integrator would call
/// it: each actor is a token handed to the SDK (the bureau's operator, the guarantee fund's reviewer, the
/// bank's integrator), every request and answer a typed DTO, money a decimal. The class has a host (and
/// database) per provider of its own.
/// </summary>
public sealed class ReturnHomeEntrepreneurshipSdkTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>马边彝族自治县, a county of Leshan the journey has to itself.</summary>
    private const string MabianCounty = "511133";

    private static readonly string Operator = TestTokens.For("operator", Kit.Leshan, "sdk-rhe-officer-1");
    private static readonly string GuaranteeFund = TestTokens.For("reviewer", Kit.Leshan, "sdk-rhe-guarantee-1");
    private static readonly string Bank = TestTokens.For("integrator", Kit.Leshan, "sdk-rhe-bank-1");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateOnly Today => Kit.ChinaToday;

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task A_founder_registers_a_business_and_borrows_a_guaranteed_loan_through_the_client(HostProvider provider)
    {
        await using var sdk = await EntrepreneurshipSdk.StartAsync(hosts, provider);
        var api = sdk.Entrepreneurship;
        sdk.Token = Operator;
        var before = await api.GetStatisticsAsync(MabianCounty, cancellationToken: Cancel);

        // The bureau registers the founder and the business.
        var idNumber = Kit.NewIdNumber(MabianCounty);
        var founder = await api.RegisterEntrepreneurAsync(new RegisterEntrepreneurRequest
        {
            IdentityNumber = idNumber,
            Name = "杨返乡",
            Category = FounderCategory.ReturningMigrantWorker,
            FormerWorkplace = "浙江省宁波市 服装厂",
            ReturnedOn = new DateOnly(2023, 2, 1),
            RegionCode = MabianCounty,
            SocialInsuranceSince = new DateOnly(2023, 3, 1),
        }, Cancel);
        Assert.Equal((FounderCategory.ReturningMigrantWorker, MabianCounty, Today), (founder.Category, founder.RegionCode, founder.RegisteredOn));
        Assert.Equal(Kit.Masked(idNumber), founder.IdentityNumber);
        Assert.Null(founder.VeteranId);

        var creditCode = Kit.NewCreditCode(MabianCounty);
        var business = await api.RegisterBusinessAsync(new RegisterBusinessRequest
        {
            EntrepreneurId = founder.Id,
            CreditCode = creditCode,
            Name = "马边彝族自治县返乡茶叶专业合作社",
            Industry = Industry.Agriculture,
            LegalForm = LegalForm.Cooperative,
            RegisteredOn = Today.AddMonths(-14),
            RegionCode = MabianCounty,
            Address = "民建镇 2 组",
        }, Cancel);
        Assert.Equal((creditCode, BusinessStatus.Operating, 0), (business.Business.CreditCode, business.Business.Status, business.Business.JobsCreated));
        var employee = await api.AddEmployeeAsync(business.Business.Id, new AddEmployeeRequest
        {
            IdentityNumber = Kit.NewIdNumber(MabianCounty, age: 26),
            Name = "阿呷",
            StartedOn = Today.AddDays(-7),
            SocialInsurance = true,
        }, Cancel);
        Assert.True(employee.IsJobCreated);
        Assert.Single((await api.GetEntrepreneurAsync(founder.Id, Cancel)).Businesses, b => b.Id == business.Business.Id && b.JobsCreated == 1);

        // The bureau applies for 150,000 over 24 months, repaid in equal principal.
        var bankCode = Kit.NewCreditCode(Kit.Leshan);
        var above = await Assert.ThrowsAnyAsync<PlatformApiException>(() => api.ApplyForLoanAsync(LoanRequest(founder.Id, business.Business.Id, bankCode, 200_001m), Cancel));
        Assert.Equal((422, "entrepreneurship.amount_above_cap"), (above.StatusCode, above.Code));
        var loan = await api.ApplyForLoanAsync(LoanRequest(founder.Id, business.Business.Id, bankCode, 150_000m), Cancel);
        Assert.Equal((LoanStatus.Applied, 1, 200_000m), (loan.Status, loan.Sequence, loan.Cap));

        // The guarantee fund guarantees; the operator may not.
        var forbidden = await Assert.ThrowsAnyAsync<PlatformApiException>(() => api.DecideGuaranteeAsync(loan.Id, new GuaranteeDecisionRequest { Approve = true, ContractNumber = "DB-SDK-1" }, Cancel));
        Assert.Equal((403, "auth.permission_missing"), (forbidden.StatusCode, forbidden.Code));
        sdk.Token = GuaranteeFund;
        var guaranteed = await api.DecideGuaranteeAsync(loan.Id, new GuaranteeDecisionRequest { Approve = true, ContractNumber = "DB-SDK-1" }, Cancel);
        Assert.Equal((LoanStatus.GuaranteeApproved, "DB-SDK-1"), (guaranteed.Status, guaranteed.GuaranteeContract));

        // The bank signs at 3.95 % (at most LPR 3.00 + 1.50) and pays out today.
        sdk.Token = Bank;
        var rate = await Assert.ThrowsAnyAsync<PlatformApiException>(() => api.DecideLoanAtBankAsync(loan.Id, BankRequest(4.51m), Cancel));
        Assert.Equal((422, "entrepreneurship.rate_above_cap"), (rate.StatusCode, rate.Code));
        var approved = await api.DecideLoanAtBankAsync(loan.Id, BankRequest(3.95m), Cancel);
        Assert.Equal((LoanStatus.BankApproved, 150_000m, 3.95m, 3.00m, 1.50m), (approved.Status, approved.Amount, approved.ContractRatePercent, approved.PrimeRatePercent, approved.BorrowerRatePercent));
        var disbursed = await api.DisburseLoanAsync(loan.Id, new DisburseRequest { DisbursedOn = Today }, Cancel);
        Assert.Equal((LoanStatus.Disbursed, Today, Today.AddMonths(24)), (disbursed.Status, disbursed.DisbursedOn, disbursed.MaturityOn));
        Assert.Equal(150_000m, disbursed.Standing!.Outstanding);

        // The schedule: 24 periods of 6,250 principal; period 1 on 150,000 for its days at 3.95 % with 2.45 % subsidised.
        var schedule = await api.GetRepaymentScheduleAsync(loan.Id, Cancel);
        var periods = schedule.Periods.ToArray();
        Assert.Equal(24, periods.Length);
        Assert.All(periods, p => Assert.Equal(6_250m, p.PrincipalDue));
        Assert.Equal(Today.AddMonths(24), periods[^1].DueOn);
        var days = Today.AddMonths(1).DayNumber - Today.DayNumber;
        Assert.Equal((days, Kit.Fen(150_000m * days * 3.95m / 36_000m), Kit.Fen(150_000m * days * 2.45m / 36_000m)), (periods[0].Days, periods[0].Interest, periods[0].Subsidy));
        Assert.Equal(periods[0].Interest - periods[0].Subsidy, periods[0].BorrowerShare);
        var subsidy = await api.CalculateInterestSubsidyAsync(loan.Id, Today, Today.AddMonths(2), Cancel);
        Assert.Equal(periods[0].Subsidy + periods[1].Subsidy, subsidy.Subsidy);

        // The bank records the first principal; the loan shows in its search.
        var repaid = await api.RecordRepaymentAsync(loan.Id, new RepaymentRequest { PaidOn = Today, Principal = 6_250m, Interest = 0m, Reference = $"HK-{Guid.NewGuid():N}" }, Cancel);
        Assert.Equal((LoanStatus.Repaying, 143_750m), (repaid.Status, repaid.Standing!.Outstanding));
        var found = Assert.Single((await api.SearchLoansAsync(new SearchLoansRequest { BankCode = bankCode }, Cancel)).Items);
        Assert.Equal((loan.Id, 143_750m), (found.Id, found.Outstanding));

        // The county's statistics count the founder, the business, the job and the loan.
        sdk.Token = Operator;
        var after = await api.GetStatisticsAsync(MabianCounty, cancellationToken: Cancel);
        Assert.Equal(before.FoundersCumulative + 1, after.FoundersCumulative);
        Assert.Equal(before.BusinessesCumulative + 1, after.BusinessesCumulative);
        Assert.Equal(before.JobsCreated + 1, after.JobsCreated);
        Assert.Equal(before.LoansGranted + 1, after.LoansGranted);
        Assert.Equal(before.LoanAmountGranted + 150_000m, after.LoanAmountGranted);
        Assert.Equal(before.LoansOutstanding + 143_750m, after.LoansOutstanding);
        Assert.Equal(MabianCounty, after.RegionCode);
    }

    [Theory]
    [InlineData(HostProvider.Sqlite)]
    [InlineData(HostProvider.PostgreSql)]
    public async Task The_start_up_subsidy_is_explained_applied_for_and_checked_by_another_officer_through_the_client(HostProvider provider)
    {
        await using var sdk = await EntrepreneurshipSdk.StartAsync(hosts, provider);
        var api = sdk.Entrepreneurship;
        sdk.Token = Operator;
        var founder = await api.RegisterEntrepreneurAsync(new RegisterEntrepreneurRequest
        {
            IdentityNumber = Kit.NewIdNumber(MabianCounty),
            Name = "沙马返乡",
            Category = FounderCategory.RuralResident,
            FormerWorkplace = "成都市",
            ReturnedOn = new DateOnly(2022, 1, 10),
            RegionCode = MabianCounty,
            SocialInsuranceSince = new DateOnly(2022, 2, 1),
        }, Cancel);
        var business = await api.RegisterBusinessAsync(new RegisterBusinessRequest
        {
            EntrepreneurId = founder.Id,
            CreditCode = Kit.NewCreditCode(MabianCounty),
            Name = "马边返乡民宿",
            Industry = Industry.Tourism,
            LegalForm = LegalForm.IndividualBusiness,
            RegisteredOn = Today.AddMonths(-13),
            RegionCode = MabianCounty,
            Address = "荣丁镇",
        }, Cancel);

        var eligibility = await api.CheckStartupSubsidyEligibilityAsync(business.Business.Id, cancellationToken: Cancel);
        Assert.True(eligibility.Eligible);
        Assert.Equal(10_000m, eligibility.Amount);
        Assert.Equal(6, eligibility.Conditions.Count);
        var subsidy = await api.ApplyForStartupSubsidyAsync(new ApplyForSubsidyRequest { EntrepreneurId = founder.Id, BusinessId = business.Business.Id }, Cancel);
        Assert.Equal((SubsidyStatus.Applied, 10_000m, "sdk-rhe-officer-1"), (subsidy.Status, subsidy.Amount, subsidy.AppliedBy));

        sdk.Token = TestTokens.For("reviewer", Kit.Leshan, "sdk-rhe-officer-1");
        var maker = await Assert.ThrowsAnyAsync<PlatformApiException>(() => api.DecideStartupSubsidyAsync(subsidy.Id, new DecideSubsidyRequest { Approve = true }, Cancel));
        Assert.Equal((403, "entrepreneurship.maker_cannot_check"), (maker.StatusCode, maker.Code));
        sdk.Token = GuaranteeFund;
        var approved = await api.DecideStartupSubsidyAsync(subsidy.Id, new DecideSubsidyRequest { Approve = true, Note = "核查无误" }, Cancel);
        Assert.Equal((SubsidyStatus.Approved, "sdk-rhe-guarantee-1"), (approved.Status, approved.DecidedBy));
        sdk.Token = Operator;
        var paid = await api.PayStartupSubsidyAsync(subsidy.Id, new PaySubsidyRequest { PaidOn = Today, PaymentReference = $"GK-{Guid.NewGuid():N}" }, Cancel);
        Assert.Equal((SubsidyStatus.Paid, Today), (paid.Status, paid.PaidOn));
    }

    private static ApplyForLoanRequest LoanRequest(Guid founder, Guid business, string bankCode, decimal amount) => new()
    {
        Kind = LoanKind.Individual,
        EntrepreneurId = founder,
        BusinessId = business,
        Amount = amount,
        TermMonths = 24,
        Method = RepaymentMethod.EqualPrincipal,
        BankCode = bankCode,
        BankName = "乐山市商业银行马边支行",
        GuaranteeFundCode = Kit.NewCreditCode(Kit.Leshan),
        Purpose = "茶园扩建",
    };

    private static BankDecisionRequest BankRequest(decimal rate) => new()
    {
        Approve = true,
        Amount = 150_000m,
        TermMonths = 24,
        ContractRatePercent = rate,
        ContractNumber = "JK-SDK-1",
    };

    /// <summary>An SDK registered with <c>AddPlatformSdk</c> against a host of the class, with the token of the moment.</summary>
    private sealed class EntrepreneurshipSdk : IAsyncDisposable
    {
        private readonly ServiceProvider services;

        private EntrepreneurshipSdk(PlatformFactory factory)
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

        public IReturnHomeEntrepreneurshipClient Entrepreneurship => services.GetRequiredService<PlatformApi>().ReturnHomeEntrepreneurship;

        public static async Task<EntrepreneurshipSdk> StartAsync(ProviderHosts hosts, HostProvider provider) => new(await hosts.GetAsync(provider));

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
