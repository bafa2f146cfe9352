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
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(PermissionEndpointExtensions.PolicyPrefix, StringComparison.Ordinal))
        {
            return new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(policyName[PermissionEndpointExtensions.PolicyPrefix.Length..]))
                .Build();
        }

        return await base.GetPolicyAsync(policyName);
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
