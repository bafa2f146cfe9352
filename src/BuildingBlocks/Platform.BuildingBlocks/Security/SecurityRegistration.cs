using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.BuildingBlocks.Security;

/// <summary>Registers callers, permissions and region scoping; modules declare their permissions here.</summary>
public static class SecurityRegistration
{
    public static IServiceCollection AddPlatformSecurityCore(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton<PermissionCatalog>();
        services.TryAddSingleton<CallerAccessor>();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationProblemHandler>();
        return services;
    }

    /// <summary>Declares a module's permissions and the roles that hold them.</summary>
    public static IServiceCollection AddPermissions(this IServiceCollection services, params PermissionGrant[] grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        foreach (var grant in grants)
        {
            services.AddSingleton(grant);
        }

        return services;
    }
}
