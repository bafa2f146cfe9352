using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;

namespace Platform.Modules.Platform.Features.Modules;

internal static class ModuleEndpoints
{
    public static void MapModuleEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/modules", ListModulesAsync)
            .WithName("Platform_ListModules")
            .RequirePermission(PlatformPermissions.ModulesRead)
            .WithSummary("List the host's modules")
            .WithDescription("Every module in the host's list with its version, whether it is enabled, its database provider and its applied and pending migrations.");

    private static async Task<Ok<ModuleList>> ListModulesAsync(ModuleCatalog catalog, ModuleMigrator migrator, CancellationToken cancellationToken)
    {
        var items = new List<ModuleResponse>();
        foreach (var registration in catalog.Registrations)
        {
            var module = registration.Module;
            ModuleDatabaseResponse? database = null;
            var db = migrator.Databases.FirstOrDefault(d => d.ModuleName == module.Name);
            if (registration.Enabled && db is not null)
            {
                var status = await migrator.GetStatusAsync(db, cancellationToken);
                database = new ModuleDatabaseResponse(db.Provider, db.Schema, status.Reachable, status.Applied, status.Pending);
            }

            items.Add(new ModuleResponse(module.Name, module.Version, registration.Enabled, module.RoutePrefix, database));
        }

        return TypedResults.Ok(new ModuleList(items));
    }
}
