using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.BuildingBlocks.Modules;
using Platform.Host.Composition;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// Adds a test-only module to the real host after it registered its own: the host's
/// <see cref="ModuleCatalog"/> is replaced by one that also lists the module (the pipeline maps the
/// catalog it resolves), and the module's services are added with the context the host would give it.
/// Use from <see cref="PlatformFactory.ConfigureTestServices"/>.
/// </summary>
public static class TestModules
{
    public static void AddToHost(IServiceCollection services, IModule module)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(module);
        var hostCatalog = Instance<ModuleCatalog>(services);
        var host = Instance<HostBuilderContext>(services);
        var runMode = Instance<HostRunModeHolder>(services).Mode;
        services.AddSingleton(new ModuleCatalog([.. hostCatalog.Registrations, new ModuleRegistration(module, Enabled: true)]));
        module.AddServices(services, new ModuleContext(host.Configuration, host.HostingEnvironment, module.Name, runMode));
    }

    private static T Instance<T>(IServiceCollection services)
        where T : class =>
        services.LastOrDefault(d => d.ServiceType == typeof(T))?.ImplementationInstance as T
            ?? throw new InvalidOperationException($"The host registered no {typeof(T).Name} instance.");
}
