using Microsoft.AspNetCore.Routing;

namespace Platform.Modules.Insights.Features.Exports;

internal static class ExportEndpoints
{
    public static void MapExportEndpoints(this IEndpointRouteBuilder routes) => ArgumentNullException.ThrowIfNull(routes);
}
