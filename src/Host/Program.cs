using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.Host;
using Platform.Host.Composition;

var runMode = HostRunModes.Detect(args);
var builder = WebApplication.CreateBuilder(HostRunModes.WithoutCommand(args));
builder.AddPlatformHost(HostModules.All(), runMode);
var app = builder.Build();
app.UsePlatformHost();

if (runMode == HostRunMode.Migrate)
{
    var migrator = app.Services.GetRequiredService<ModuleMigrator>();
    await migrator.MigrateAsync(CancellationToken.None);
    await migrator.SeedAsync(CancellationToken.None);
    return 0;
}

await app.RunAsync();
return 0;

/// <summary>Entry point; public so the test host and the OpenAPI generator can find it.</summary>
public partial class Program;
