using Platform.BuildingBlocks.Modules;
using Platform.Modules.Insights;
using Platform.Modules.Platform;
using Platform.Modules.ReturnHomeEntrepreneurship;
using Platform.Modules.SkillMasterStudios;
using Platform.Modules.TrainingVouchers;
using Platform.Modules.VeteranEmployment;

namespace Platform.Host;

/// <summary>
/// The one explicit list of modules this host can load. Adding a module is one line here plus its
/// project reference; <c>Modules:&lt;Name&gt;:Enabled</c> switches each on or off.
/// </summary>
public static class HostModules
{
    public static IReadOnlyList<IModule> All() =>
    [
        new PlatformModule(),
        new TrainingVouchersModule(),
        new SkillMasterStudiosModule(),
        new VeteranEmploymentModule(),
        new ReturnHomeEntrepreneurshipModule(),
        new InsightsModule(),
    ];
}
