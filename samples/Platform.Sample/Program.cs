using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Sdk;

// Usage: dotnet run --project samples/Platform.Sample -- [base-url] [region-code]
// Environment: PLATFORM_TOKEN, a bearer token (once the platform requires one).
var baseUrl = args.Length > 0 ? args[0] : "http://localhost:5080/";
var regionCode = args.Length > 1 ? args[1] : "510700";

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
