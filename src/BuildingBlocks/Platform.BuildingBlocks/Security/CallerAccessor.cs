using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Identity;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// The current caller, from the request's validated token; outside a request, the platform itself.
/// A singleton so database contexts (whose options are built once) can read it.
/// </summary>
public sealed class CallerAccessor(IHttpContextAccessor http, RegionCatalog regions, PermissionCatalog permissions)
{
    private const string ItemKey = "platform.caller";

    public RegionCatalog Regions => regions;

    public Caller Current
    {
        get
        {
            var context = http.HttpContext;
            if (context is null)
            {
                return Caller.System;
            }

            if (context.Items.TryGetValue(ItemKey, out var cached) && cached is Caller known)
            {
                return known;
            }

            var caller = FromPrincipal(context.User, regions);
            if (context.User.Identity?.IsAuthenticated == true)
            {
                context.Items[ItemKey] = caller;
            }

            return caller;
        }
    }

    public bool HasPermission(string permission) => Holds(Current, permission);

    public bool Holds(Caller caller, string permission)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsSystem || caller.Roles.Any(role => permissions.RoleHolds(role, permission));
    }

    /// <summary>The caller a principal describes; anonymous when unauthenticated or its region is not valid.</summary>
    public static Caller FromPrincipal(ClaimsPrincipal? user, RegionCatalog regions)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Caller.Anonymous;
        }

        var scope = RegionScope.FromClaim(user.FindFirst(PlatformClaims.Region)?.Value, regions);
        if (scope is null)
        {
            return Caller.Anonymous;
        }

        var subject = user.FindFirst(PlatformClaims.Subject)?.Value ?? "unknown";
        var roles = user.FindAll(PlatformClaims.Role).Select(c => c.Value).Where(r => Security.Roles.All.Contains(r)).Distinct().ToArray();
        var organisation = user.FindFirst(PlatformClaims.Organisation)?.Value;
        return new Caller(subject, roles, scope, IsSystem: false, string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim().ToUpperInvariant());
    }
}
