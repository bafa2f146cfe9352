using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Http;

namespace Platform.Host.Composition;

/// <summary>
/// Refuses a declared body larger than the limit before anything reads it, and tells the server
/// the limit for bodies of unknown length. An endpoint may declare its own limit.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<HostFeatureOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // An endpoint may declare its own limit, or none at all ([DisableRequestSizeLimit]).
        var declared = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = declared is null ? options.Value.Http.MaxRequestBodyBytes : declared.MaxRequestBodySize;
        if (limit is not null && context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await ApiProblems.Create(413, ProblemCodes.BodyTooLarge, ProblemTexts.BodyLargerThan(limit.Value))
                .ExecuteAsync(context);
            return;
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
