namespace Platform.BuildingBlocks.Http;

/// <summary>Stable codes of the platform-wide problems. Module codes are prefixed with the module's name.</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "request.validation_failed";
    public const string MalformedJson = "request.malformed_json";
    public const string InvalidParameter = "request.invalid_parameter";
    public const string BodyTooLarge = "request.body_too_large";
    public const string UnsupportedMediaType = "request.unsupported_media_type";
    public const string RouteNotFound = "request.route_not_found";
    public const string MethodNotAllowed = "request.method_not_allowed";
    public const string NotFound = "resource.not_found";
    public const string Conflict = "resource.conflict";
    public const string Unauthenticated = "auth.unauthenticated";
    public const string Forbidden = "auth.forbidden";
    public const string TooManyRequests = "request.rate_limited";
    public const string ServerError = "server.error";

    /// <summary>The code used when a problem is written without one, by status.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => InvalidParameter,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => RouteNotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => BodyTooLarge,
        415 => UnsupportedMediaType,
        429 => TooManyRequests,
        >= 500 => ServerError,
        _ => $"http.{status}",
    };
}
