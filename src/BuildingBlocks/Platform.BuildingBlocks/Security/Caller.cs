namespace Platform.BuildingBlocks.Security;

/// <summary>Who is calling: a person or system with a token, or the platform itself in background work.</summary>
/// <param name="Subject">The token's subject.</param>
/// <param name="Roles">The platform roles the token carries.</param>
/// <param name="Scope">The records the caller may see and change.</param>
/// <param name="IsSystem">True for the platform itself.</param>
/// <param name="Organisation">The credit code of the organisation the caller acts for, from the <c>org</c> claim; null for bureau staff.</param>
public sealed record Caller(string Subject, IReadOnlyList<string> Roles, RegionScope Scope, bool IsSystem, string? Organisation = null)
{
    /// <summary>The platform itself: outbox consumers, jobs, start-up. Unrestricted.</summary>
    public static Caller System { get; } = new("system", [], RegionScope.Unrestricted, IsSystem: true);

    /// <summary>A request without a valid caller: sees nothing.</summary>
    public static Caller Anonymous { get; } = new("anonymous", [], RegionScope.Nothing, IsSystem: false);

    public string RolesText => string.Join(',', Roles);

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
