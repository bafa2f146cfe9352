using Microsoft.AspNetCore.Routing;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Mentors;

internal static class MentorEndpoints
{
    public static void MapMentorEndpoints(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
    }
}
