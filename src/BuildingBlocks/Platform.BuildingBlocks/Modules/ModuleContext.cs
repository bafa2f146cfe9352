using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Platform.BuildingBlocks.Modules;

/// <summary>What a module may read while it registers its services.</summary>
public sealed class ModuleContext(IConfiguration configuration, IHostEnvironment environment, string moduleName, HostRunMode runMode)
{
    /// <summary>The whole configuration.</summary>
    public IConfiguration Configuration { get; } = configuration;

    /// <summary>The module's own section, <c>Modules:&lt;Name&gt;</c>.</summary>
    public IConfigurationSection Section { get; } = configuration.GetSection($"Modules:{moduleName}");

    /// <summary>The hosting environment.</summary>
    public IHostEnvironment Environment { get; } = environment;

    /// <summary>The module being registered.</summary>
    public string ModuleName { get; } = moduleName;

    /// <summary>Why the host was started; background work runs only when serving.</summary>
    public HostRunMode RunMode { get; } = runMode;
}
