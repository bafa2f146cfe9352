using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.BuildingBlocks.Http;

/// <summary>Declares problem responses with the <see cref="ApiProblem"/> schema in the OpenAPI document.</summary>
public static class ApiProblemEndpointExtensions
{
    public const string ContentType = "application/problem+json";

    public static TBuilder ProducesApiProblem<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(statusCodes);
        foreach (var status in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiProblem), [ContentType]));
        }

        return builder;
    }
}
