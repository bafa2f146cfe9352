namespace Platform.BuildingBlocks.Security;

/// <summary>Who is calling: a person or system with a token, or the platform itself in background work.</summary>
public sealed record Caller(string Subject, IReadOnlyList<string> Roles, RegionScope Scope, bool IsSystem)
{
    /// <summary>The platform itself: outbox consumers, jobs, start-up. Unrestricted.</summary>
    public static Caller System { get; } = new("system", [], RegionScope.Unrestricted, IsSystem: true);

    /// <summary>A request without a valid caller: sees nothing.</summary>
    public static Caller Anonymous { get; } = new("anonymous", [], RegionScope.Nothing, IsSystem: false);

    public string RolesText => string.Join(',', Roles);
}
