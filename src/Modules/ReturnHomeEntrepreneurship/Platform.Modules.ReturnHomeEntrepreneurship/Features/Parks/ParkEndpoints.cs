using Microsoft.AspNetCore.Routing;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Parks;

internal static class ParkEndpoints
{
    public static void MapParkEndpoints(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
    }
}
