namespace Platform.BuildingBlocks.Security;

/// <summary>Every permission the enabled modules declared, and which roles hold it.</summary>
public sealed class PermissionCatalog
{
    private readonly Dictionary<string, PermissionGrant> grants;
    private readonly Dictionary<string, HashSet<string>> byRole;

    public PermissionCatalog(IEnumerable<PermissionGrant> declared)
    {
        grants = new Dictionary<string, PermissionGrant>(StringComparer.Ordinal);
        byRole = Roles.All.ToDictionary(r => r, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var grant in declared)
        {
            if (!grants.TryAdd(grant.Permission, grant))
            {
                throw new InvalidOperationException($"Permission '{grant.Permission}' is declared twice.");
            }

            foreach (var role in grant.Roles)
            {
                if (!byRole.TryGetValue(role, out var set))
                {
                    throw new InvalidOperationException($"Permission '{grant.Permission}' is granted to unknown role '{role}'.");
                }

                set.Add(grant.Permission);
            }
        }
    }

    public IReadOnlyCollection<PermissionGrant> Grants => grants.Values;

    public bool IsDeclared(string permission) => grants.ContainsKey(permission);

    public bool RoleHolds(string role, string permission) =>
        role == Roles.Administrator ? grants.ContainsKey(permission) : byRole.TryGetValue(role, out var set) && set.Contains(permission);

    public IReadOnlyCollection<string> PermissionsOf(string role) =>
        role == Roles.Administrator ? grants.Keys : byRole.TryGetValue(role, out var set) ? set : [];
}
