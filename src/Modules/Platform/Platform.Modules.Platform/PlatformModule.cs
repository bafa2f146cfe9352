using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Auditing;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Platform.Features.Audit;
using Platform.Modules.Platform.Features.DeadLetters;
using Platform.Modules.Platform.Features.Idempotency;
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
        services.AddSingleton<IAuditTrail, AuditTrail>();
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddOptions<IdempotencyOptions>()
            .Bind(context.Configuration.GetSection(IdempotencyOptions.SectionName))
            .Validate(o => o.Retention >= TimeSpan.FromHours(24), "Idempotency:Retention must be at least 24 hours.")
            .Validate(o => o.InFlightTimeout > TimeSpan.Zero, "Idempotency:InFlightTimeout must be positive.")
            .ValidateOnStart();
        if (context.RunMode == HostRunMode.Serve)
        {
            services.AddHostedService<IdempotencyCleanup>();
        }

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
        routes.MapAuditEndpoints();
    }
}
