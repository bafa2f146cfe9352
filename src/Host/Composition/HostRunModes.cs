using System.Reflection;
using Platform.BuildingBlocks.Modules;

namespace Platform.Host.Composition;

/// <summary>Tells a serving host from the <c>migrate</c> command and from the build-time document generator.</summary>
internal static class HostRunModes
{
    public const string MigrateCommand = "migrate";

    public static HostRunMode Detect(string[] args)
    {
        if (Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider")
        {
            return HostRunMode.DocumentGeneration;
        }

        return args.Length > 0 && string.Equals(args[0], MigrateCommand, StringComparison.OrdinalIgnoreCase)
            ? HostRunMode.Migrate
            : HostRunMode.Serve;
    }

    public static string[] WithoutCommand(string[] args) =>
        args.Length > 0 && string.Equals(args[0], MigrateCommand, StringComparison.OrdinalIgnoreCase) ? args[1..] : args;
}
