using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
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
        services.AddPermissions(
            new PermissionGrant(PlatformPermissions.ModulesRead, "List the host's modules and their databases.", Roles.Operator, Roles.Reviewer, Roles.Auditor, Roles.Integrator),
            new PermissionGrant(PlatformPermissions.RegionsRead, "Read the region reference data.", Roles.All.ToArray()),
            new PermissionGrant(PlatformPermissions.OutboxRead, "List dead-lettered event deliveries."),
            new PermissionGrant(PlatformPermissions.OutboxReplay, "Replay dead-lettered event deliveries."));
    }

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapModuleEndpoints();
        routes.MapRegionEndpoints();
        routes.MapDeadLetterEndpoints();
    }
}
