using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.Modules.Platform.Features.DeadLetters;
using Platform.Modules.Platform.Features.Modules;
using Platform.Modules.Platform.Features.Regions;
using Platform.Modules.Platform.Persistence;

namespace Platform.Modules.Platform;

/// <summary>
/// The built-in module: what modules run and on which database, the region reference data, and
/// the outbox dead letters an operator replays.
/// </summary>
public sealed class PlatformModule : IModule
{
    public string Name => "Platform";

    public string RoutePrefix => "platform";

    public string Version => "1.0.0";

    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<PlatformDbContext, PlatformDbContextSqlite, PlatformDbContextPostgreSql, PlatformDbContextSqlServer>(context);
        services.AddScoped<IModuleSeeder, RegionSeeder>();
        services.AddSingleton<RegionDirectory>();
    }

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapModuleEndpoints();
        routes.MapRegionEndpoints();
        routes.MapDeadLetterEndpoints();
    }
}
