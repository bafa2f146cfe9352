namespace Platform.BuildingBlocks.Modules;

/// <summary>A module from the host's list and whether configuration switched it on.</summary>
public sealed record ModuleRegistration(IModule Module, bool Enabled);

/// <summary>All modules the host knows, enabled or not, in the host's order.</summary>
public sealed class ModuleCatalog(IReadOnlyList<ModuleRegistration> registrations)
{
    public IReadOnlyList<ModuleRegistration> Registrations { get; } = registrations;

    public IEnumerable<IModule> Enabled => Registrations.Where(r => r.Enabled).Select(r => r.Module);
}
