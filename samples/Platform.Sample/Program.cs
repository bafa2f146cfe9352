using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Sdk;

// Usage: dotnet run --project samples/Platform.Sample -- [base-url] [region-code] [identity-number]
// Environment: PLATFORM_TOKEN, a bearer token (once the platform requires one).
// With an identity number the sample also checks a training-voucher application in the region
// (光伏组件制造工 Level5, a migrant worker) and issues the voucher when eligible; the token must then
// be an operator's whose region covers the region code. It always prints the region's skill-master
// studio grant and studio counts (an operator's token, or any token with statistics permission).
var baseUrl = args.Length > 0 ? args[0] : "http://localhost:5080/";
var regionCode = args.Length > 1 ? args[1] : "510700";
var identityNumber = args.Length > 2 && args[2].Length > 0 ? args[2] : null;

var builder = Host.CreateApplicationBuilder();
builder.Services.AddPlatformSdk(options =>
{
    options.BaseAddress = new Uri(baseUrl);
    options.AccessTokenProvider = (_, _) => ValueTask.FromResult(Environment.GetEnvironmentVariable("PLATFORM_TOKEN"));
});
using var host = builder.Build();
var api = host.Services.GetRequiredService<PlatformApi>();

try
{
    var modules = await api.Platform.ListModulesAsync();
    foreach (var module in modules.Items)
    {
        Console.WriteLine($"{module.Name,-24} {module.Version,-8} enabled={module.Enabled} provider={module.Database?.Provider}");
    }

    var region = await api.Platform.GetRegionAsync(regionCode);
    Console.WriteLine($"{region.Code} {region.Name} ({region.NameEn}) level={region.Level} parent={region.ParentCode}");

    // Skill-master studios: the grant a new municipal studio would get here today, and the region's studios by level.
    var grants = await api.SkillMasterStudios.ListFundingStandardsAsync(StudioLevel.Municipal, null, regionCode, null);
    Console.WriteLine(grants.Count == 0
        ? $"No municipal studio funding standard in force for {regionCode}."
        : $"Municipal studio grant in {regionCode}: {grants.First().Amount:0.00} yuan ({grants.First().Source})");
    try
    {
        var studios = await api.SkillMasterStudios.GetStatisticsAsync(regionCode, null);
        Console.WriteLine($"Active skill-master studios in {regionCode}: {studios.ActiveStudios} ("
            + string.Join(", ", studios.ByLevel.Select(l => $"{l.Level} {l.Studios}")) + ")");
    }
    catch (PlatformApiException refused) when (refused.StatusCode == 403)
    {
        Console.WriteLine($"Studio statistics of {regionCode} are outside the token's region ({refused.Code}).");
    }

    if (identityNumber is not null)
    {
        const string occupation = "6-24-04-04";
        var eligibility = await api.TrainingVouchers.CheckEligibilityAsync(new CheckEligibilityRequest
        {
            IdentityNumber = identityNumber,
            Groups = [TraineeGroup.MigrantWorkers],
            OccupationCode = occupation,
            Level = SkillLevel.Level5,
            RegionCode = regionCode,
        });
        Console.WriteLine($"Training voucher {occupation} {SkillLevel.Level5}: eligible={eligibility.Eligible}");
        foreach (var rule in eligibility.Rules)
        {
            Console.WriteLine($"  {(rule.Passed ? "passed" : "failed"),-6} {rule.Rule,-20} {rule.Detail}");
        }

        if (eligibility.Eligible)
        {
            var voucher = await api.TrainingVouchers.IssueAsync(new IssueVoucherRequest
            {
                IdentityNumber = identityNumber,
                Groups = [new GroupClaim { Group = TraineeGroup.MigrantWorkers, Evidence = "Sample: migrant-worker registration seen by the operator" }],
                OccupationCode = occupation,
                Level = SkillLevel.Level5,
                RegionCode = regionCode,
            });
            Console.WriteLine($"Issued voucher {voucher.Id}: face value {voucher.FaceValue:0.00} yuan, enrol by {voucher.ExpiresOn:yyyy-MM-dd}");
        }
    }

    return 0;
}
catch (PlatformApiException failure)
{
    Console.Error.WriteLine($"HTTP {failure.StatusCode} {failure.Code}: {failure.Problem?.Detail} (trace {failure.TraceId})");
    foreach (var (field, messages) in failure.FieldErrors)
    {
        Console.Error.WriteLine($"  {field}: {string.Join("; ", messages)}");
    }

    return 1;
}
