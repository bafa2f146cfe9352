namespace Platform.BuildingBlocks.Modules;

/// <summary>Why the host process was started; decides which start-up side effects run.</summary>
public enum HostRunMode
{
    /// <summary>Serving requests: migrations (if switched on), seeding and background relays run.</summary>
    Serve,

    /// <summary>The <c>migrate</c> command: apply migrations and seed, then exit.</summary>
    Migrate,

    /// <summary>The build-time OpenAPI generator: no side effects at all.</summary>
    DocumentGeneration,
}
