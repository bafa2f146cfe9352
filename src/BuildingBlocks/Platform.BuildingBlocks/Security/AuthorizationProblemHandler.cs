using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Http;

namespace Platform.BuildingBlocks.Security;

/// <summary>Answers refused authorisation with problem details naming why: no token, no permission, or an invalid region.</summary>
internal sealed class AuthorizationProblemHandler : IAuthorizationMiddlewareResultHandler
{
    public const string RegionInvalid = "auth.region_invalid";
    public const string PermissionMissing = "auth.permission_missing";

    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var regionProblem = authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Message == RegionInvalid) == true;
        var missing = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<PermissionRequirement>().Select(r => r.Permission).FirstOrDefault();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var result = regionProblem
            ? ApiProblems.Create(403, RegionInvalid, ProblemTexts.RegionInvalid)
            : ApiProblems.Create(403, PermissionMissing, missing is null ? ProblemTexts.Forbidden : ProblemTexts.PermissionMissing(missing));
        await result.ExecuteAsync(context);
    }
}
