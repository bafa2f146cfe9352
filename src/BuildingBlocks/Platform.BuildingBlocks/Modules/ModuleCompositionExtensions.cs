using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Auditing;
using Platform.BuildingBlocks.Http;

namespace Platform.BuildingBlocks.Modules;

/// <summary>How the host composes modules: one explicit list, switched by <c>Modules:&lt;Name&gt;:Enabled</c>.</summary>
public static class ModuleCompositionExtensions
{
    /// <summary>Registers the services of every enabled module and remembers the whole list.</summary>
    public static ModuleCatalog AddModules(this IHostApplicationBuilder builder, IEnumerable<IModule> modules, HostRunMode runMode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var registrations = new List<ModuleRegistration>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in modules)
        {
            if (!names.Add(module.Name) || !prefixes.Add(module.RoutePrefix))
            {
                throw new InvalidOperationException($"Module '{module.Name}' is listed twice or shares its route prefix '{module.RoutePrefix}'.");
            }

            var enabled = builder.Configuration.GetValue($"Modules:{module.Name}:Enabled", defaultValue: true);
            registrations.Add(new ModuleRegistration(module, enabled));
            if (enabled)
            {
                module.AddServices(builder.Services, new ModuleContext(builder.Configuration, builder.Environment, module.Name, runMode));
            }
        }

        var catalog = new ModuleCatalog(registrations);
        builder.Services.AddSingleton(catalog);
        return catalog;
    }

    /// <summary>Maps each enabled module on its own tagged route group <c>/api/&lt;prefix&gt;</c>.</summary>
    public static IEndpointRouteBuilder MapModules(this IEndpointRouteBuilder app, ModuleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var module in catalog.Enabled)
        {
            var group = app.MapGroup($"/api/{module.RoutePrefix}")
                .WithTags(module.Name)
                .AddEndpointFilterFactory((context, next) => AuditCommandFilter.Factory(context, next, module.Name))
                .AddEndpointFilterFactory(ValidationFilter.Factory)
                .ProducesApiProblem(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError);
            module.MapEndpoints(group);
        }

        return app;
    }
}
