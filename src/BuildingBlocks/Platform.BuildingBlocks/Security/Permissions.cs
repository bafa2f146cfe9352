namespace Platform.BuildingBlocks.Security;

/// <summary>Permissions every module relies on. Module permissions are named <c>&lt;module&gt;.&lt;action&gt;</c>.</summary>
public static class Permissions
{
    /// <summary>See resident identity and phone numbers unmasked; every such read is audited.</summary>
    public const string PersonalDataRead = "pii.read";

    public const string AuditRead = "audit.read";
}

/// <summary>A module's declaration that <paramref name="Roles"/> hold <paramref name="Permission"/>.</summary>
public sealed record PermissionGrant(string Permission, string Description, params string[] Roles);
