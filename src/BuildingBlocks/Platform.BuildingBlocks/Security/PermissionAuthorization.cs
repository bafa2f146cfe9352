using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Platform.BuildingBlocks.Security;

/// <summary>Endpoint metadata naming the permission an endpoint requires.</summary>
public sealed record PermissionMetadata(string Permission);

/// <summary>Binds endpoints to permissions.</summary>
public static class PermissionEndpointExtensions
{
    public const string PolicyPrefix = "permission:";

    /// <summary>Requires an authenticated caller with a valid region whose roles hold <paramref name="permission"/>.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new PermissionMetadata(permission));
        return builder.RequireAuthorization(PolicyPrefix + permission);
    }
}

internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>Makes a policy for every <c>permission:&lt;name&gt;</c> on demand.</summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    // Asked on every request; a policy per permission is built once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AuthorizationPolicy> policies = new(StringComparer.Ordinal);

    public override Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(PermissionEndpointExtensions.PolicyPrefix, StringComparison.Ordinal))
        {
            return Task.FromResult<AuthorizationPolicy?>(policies.GetOrAdd(policyName, static name => new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(name[PermissionEndpointExtensions.PolicyPrefix.Length..]))
                .Build()));
        }

        return base.GetPolicyAsync(policyName);
    }
}

internal sealed class PermissionHandler(CallerAccessor callers) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        var caller = CallerAccessor.FromPrincipal(context.User, callers.Regions);
        if (caller == Caller.Anonymous)
        {
            context.Fail(new AuthorizationFailureReason(this, AuthorizationProblemHandler.RegionInvalid));
        }
        else if (callers.Holds(caller, requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
