namespace Platform.Modules.Platform;

/// <summary>The Platform module's permissions (administrators hold every permission).</summary>
internal static class PlatformPermissions
{
    public const string ModulesRead = "platform.modules.read";
    public const string RegionsRead = "platform.regions.read";
    public const string OutboxRead = "platform.outbox.read";
    public const string OutboxReplay = "platform.outbox.replay";
}
