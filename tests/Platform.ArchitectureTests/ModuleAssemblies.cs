using System.Reflection;
using Platform.BuildingBlocks.Modules;
using Platform.Host;

namespace Platform.ArchitectureTests;

/// <summary>
/// The modules under test come from the host's own list, so a module added there is checked
/// without editing these tests.
/// </summary>
public static class ModuleAssemblies
{
    public const string ModulePrefix = "Platform.Modules.";
    public const string ContractsSuffix = ".Contracts";
    public const string SharedContracts = "Platform.BuildingBlocks.Contracts";

    public static IReadOnlyList<IModule> Modules { get; } = HostModules.All();

    public static TheoryData<string> ModuleNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var module in Modules)
            {
                data.Add(module.Name);
            }

            return data;
        }
    }

    public static IModule Module(string name) => Modules.Single(m => m.Name == name);

    public static Assembly InternalsOf(string name) => Module(name).GetType().Assembly;

    /// <summary>The module's .Contracts assembly, if it has one.</summary>
    public static Assembly? ContractsOf(string name)
    {
        var wanted = InternalsOf(name).GetName().Name + ContractsSuffix;
        try
        {
            return Assembly.Load(new AssemblyName(wanted));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public static bool IsModuleAssembly(AssemblyName name) =>
        name.Name is { } n && n.StartsWith(ModulePrefix, StringComparison.Ordinal);

    public static bool IsContracts(AssemblyName name) =>
        name.Name is { } n && n.EndsWith(ContractsSuffix, StringComparison.Ordinal);
}
