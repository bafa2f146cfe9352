using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scoping;

/// <summary>The permissions the probe module declares, named as module permissions are.</summary>
internal static class ScopeProbePermissions
{
    public const string Read = "scope_probe.read";
    public const string Write = "scope_probe.write";
}

/// <summary>
/// A test-only module with region data, built the way a program module is: a <see cref="ModuleDbContext"/>
/// of its own with migrations for every provider, permissions bundled in roles, and endpoints on
/// <c>/api/scope-probe</c>. It relies on the shared mechanisms only, so its tests prove what every
/// module gets: region scoping and ETag versions.
/// </summary>
internal sealed class ScopeProbeModule : IModule
{
    public string Name => ScopeProbeDbContext.Module;

    public string RoutePrefix => "scope-probe";

    public string Version => "0.0.1";

    /// <summary>
    /// Adds the probe to a host under test, after the host registered its own modules: the host's
    /// <see cref="ModuleCatalog"/> is replaced by one that also lists the probe (the pipeline maps the
    /// catalog it resolves), and the probe's services are added with the context the host would give it.
    /// </summary>
    public static void AddToHost(IServiceCollection services) => TestModules.AddToHost(services, new ScopeProbeModule());

    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        services.AddModuleDbContext<ScopeProbeDbContext, ScopeProbeDbContextSqlite, ScopeProbeDbContextPostgreSql, ScopeProbeDbContextSqlServer>(context);
        services.AddSingleton<ProbeHolds>();
        services.AddPermissions(
            new PermissionGrant(ScopeProbePermissions.Read, "Read probe cases of the caller's region.", Roles.Operator, Roles.Reviewer),
            new PermissionGrant(ScopeProbePermissions.Write, "Open, close and move probe cases of the caller's region.", Roles.Operator));
    }

    public void MapEndpoints(IEndpointRouteBuilder routes) => routes.MapScopeProbeEndpoints();

}
