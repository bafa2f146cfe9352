using System.Reflection;
using Platform.BuildingBlocks.Modules;

namespace Platform.ArchitectureTests;

/// <summary>A module is a room with one door: its entry and its .Contracts are all others may touch.</summary>
public sealed class ModuleBoundaryTests
{
    [Fact]
    public void The_host_lists_at_least_the_platform_module_and_each_name_once()
    {
        var names = ModuleAssemblies.Modules.Select(m => m.Name).ToArray();

        Assert.Contains("Platform", names);
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies.ModuleNames), MemberType = typeof(ModuleAssemblies))]
    public void A_module_references_no_other_modules_internals(string module)
    {
        var own = ModuleAssemblies.InternalsOf(module).GetName().Name;
        var offending = ModuleAssemblies.InternalsOf(module).GetReferencedAssemblies()
            .Where(ModuleAssemblies.IsModuleAssembly)
            .Where(r => !ModuleAssemblies.IsContracts(r) && r.Name != own)
            .Select(r => r.Name)
            .ToArray();

        Assert.True(offending.Length == 0, $"{module} references internals of {string.Join(", ", offending)}; reference their .Contracts instead.");
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies.ModuleNames), MemberType = typeof(ModuleAssemblies))]
    public void A_modules_contracts_depend_only_on_the_shared_contracts_base(string module)
    {
        var contracts = ModuleAssemblies.ContractsOf(module);
        if (contracts is null)
        {
            return; // A module without contracts publishes nothing; nothing to check.
        }

        var offending = contracts.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => n != ModuleAssemblies.SharedContracts && !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard")
            .ToArray();

        Assert.True(offending.Length == 0, $"{contracts.GetName().Name} depends on {string.Join(", ", offending)}.");
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies.ModuleNames), MemberType = typeof(ModuleAssemblies))]
    public void Only_the_module_entry_is_public_inside_a_module(string module)
    {
        var entry = ModuleAssemblies.Module(module).GetType();
        var publicTypes = ModuleAssemblies.InternalsOf(module).GetExportedTypes()
            .Where(t => t != entry)
            .Select(t => t.FullName)
            .ToArray();

        Assert.True(entry.IsPublic && typeof(IModule).IsAssignableFrom(entry), $"{entry.Name} must be the public module entry.");
        Assert.True(publicTypes.Length == 0, $"{module} exposes {string.Join(", ", publicTypes)}; make them internal or move them to .Contracts.");
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies.ModuleNames), MemberType = typeof(ModuleAssemblies))]
    public void Handlers_and_validators_are_not_public(string module)
    {
        var offending = ModuleAssemblies.InternalsOf(module).GetTypes()
            .Where(t => t.IsPublic || t.IsNestedPublic && t.DeclaringType is { IsPublic: true })
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && (
                i.GetGenericTypeDefinition().FullName == "FluentValidation.IValidator`1"
                || i.GetGenericTypeDefinition().Name.StartsWith("IIntegrationEventHandler", StringComparison.Ordinal))))
            .Select(t => t.FullName)
            .ToArray();

        Assert.Empty(offending);
    }

    [Theory]
    [MemberData(nameof(ModuleAssemblies.ModuleNames), MemberType = typeof(ModuleAssemblies))]
    public void A_modules_route_prefix_is_kebab_case_and_its_name_pascal_case(string module)
    {
        var entry = ModuleAssemblies.Module(module);

        Assert.Matches("^[a-z]+(-[a-z]+)*$", entry.RoutePrefix);
        Assert.Matches("^[A-Z][A-Za-z]+$", entry.Name);
    }

    [Fact]
    public void Building_blocks_reference_no_module()
    {
        var buildingBlocks = typeof(IModule).Assembly;
        var contractsBase = Assembly.Load(new AssemblyName(ModuleAssemblies.SharedContracts));

        Assert.DoesNotContain(buildingBlocks.GetReferencedAssemblies(), ModuleAssemblies.IsModuleAssembly);
        Assert.DoesNotContain(contractsBase.GetReferencedAssemblies(), r => r.Name!.StartsWith("Platform.", StringComparison.Ordinal));
    }
}
