using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.Modules;

/// <summary>
/// The one door of a module: the host lists module entries explicitly and, for each enabled one,
/// asks it to add its services and map its endpoints. Everything else in a module is internal.
/// </summary>
public interface IModule
{
    /// <summary>PascalCase name; the configuration key <c>Modules:&lt;Name&gt;</c>, the OpenAPI tag and the SDK client name.</summary>
    string Name { get; }

    /// <summary>kebab-case route segment under <c>/api</c>.</summary>
    string RoutePrefix { get; }

    /// <summary>Semantic version of the module's API and behaviour.</summary>
    string Version { get; }

    /// <summary>Registers the module's services. Called only when the module is enabled.</summary>
    void AddServices(IServiceCollection services, ModuleContext context);

    /// <summary>Maps the module's endpoints on its route group. Called only when the module is enabled.</summary>
    void MapEndpoints(IEndpointRouteBuilder routes);
}
