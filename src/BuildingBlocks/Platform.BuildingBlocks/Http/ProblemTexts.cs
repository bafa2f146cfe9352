using Platform.BuildingBlocks.Localization;

namespace Platform.BuildingBlocks.Http;

/// <summary>
/// The titles and details of the platform's own problems, in Simplified Chinese and English. The
/// host and building blocks write these; modules declare their own <see cref="LocalizedText"/>.
/// </summary>
public static class ProblemTexts
{
    // Titles, by status.
    public static LocalizedText BadRequestTitle { get; } = new("请求无效。", "The request is invalid.");
    public static LocalizedText UnauthorizedTitle { get; } = new("需要身份认证。", "Authentication is required.");
    public static LocalizedText ForbiddenTitle { get; } = new("调用方无权执行此操作。", "The caller may not do this.");
    public static LocalizedText NotFoundTitle { get; } = new("未找到该资源。", "The resource was not found.");
    public static LocalizedText MethodNotAllowedTitle { get; } = new("该资源不支持此请求方法。", "The method is not allowed on this resource.");
    public static LocalizedText ConflictTitle { get; } = new("请求与资源的当前状态冲突。", "The request conflicts with the current state.");
    public static LocalizedText PreconditionFailedTitle { get; } = new("资源在读取后已被修改。", "The resource has changed since it was read.");
    public static LocalizedText PayloadTooLargeTitle { get; } = new("请求体过大。", "The request body is too large.");
    public static LocalizedText UnsupportedMediaTypeTitle { get; } = new("不支持该媒体类型。", "The media type is not supported.");
    public static LocalizedText UnprocessableTitle { get; } = new("业务规则拒绝了该请求。", "A business rule refused the request.");
    public static LocalizedText TooManyRequestsTitle { get; } = new("请求过于频繁。", "Too many requests.");
    public static LocalizedText ServerErrorTitle { get; } = new("发生了意外错误。", "An unexpected error occurred.");
    public static LocalizedText FailedTitle { get; } = new("请求失败。", "The request failed.");
    public static LocalizedText ValidationTitle { get; } = new("一个或多个字段无效。", "One or more fields are invalid.");

    // Details of the platform's own problems.
    public static LocalizedText SeeFieldErrors { get; } = new("请查看各字段的错误信息。", "See errors for each field.");
    public static LocalizedText ServerError { get; } = new("服务器无法完成该请求。联系技术支持时请提供 traceId。", "The server could not complete the request. Quote the trace id to support.");
    public static LocalizedText BodyTooLarge { get; } = new("请求体超过了允许的大小。", "The request body exceeds the allowed size.");
    public static LocalizedText UnsupportedMediaType { get; } = new("请以 application/json 格式发送请求体。", "Send the body as application/json.");
    public static LocalizedText MalformedJson { get; } = new("请求体不是此操作所需的有效 JSON。", "The request body is not valid JSON for this operation.");
    public static LocalizedText JsonUnparsable { get; } = new("请求体无法解析为 JSON。", "The body could not be parsed as JSON.");
    public static LocalizedText ValueRequired { get; } = new("必须提供该值。", "A value is required.");
    public static LocalizedText ValueUnreadable { get; } = new("无法将该值读取为预期的类型。", "The value could not be read as the expected type.");
    public static LocalizedText RouteNotFound { get; } = new("没有与该路径匹配的接口。", "No endpoint matches this path.");
    public static LocalizedText MethodNotAllowed { get; } = new("该路径不接受此 HTTP 方法；可用的方法见 Allow 响应头。", "This path does not accept the HTTP method; the Allow header lists those it does.");
    public static LocalizedText TooManyRequests { get; } = new("请求过于频繁，请稍后重试。", "Too many requests; try again later.");
    public static LocalizedText Unauthenticated { get; } = new("请在 Authorization 请求头中发送 Bearer 令牌。", "Send a bearer token in the Authorization header.");
    public static LocalizedText TokenExpired { get; } = new("Bearer 令牌已过期。", "The bearer token has expired.");
    public static LocalizedText TokenInvalid { get; } = new("Bearer 令牌对本平台无效。", "The bearer token is not valid for this platform.");
    public static LocalizedText Forbidden { get; } = new("调用方的角色不允许此操作。", "The caller's roles do not allow this.");
    public static LocalizedText RegionInvalid { get; } = new("令牌的 region 声明既不是已知的行政区划代码，也不是跨省范围。", "The token's region claim is not a known division code or the cross-province scope.");
    public static LocalizedText ConcurrentUpdate { get; } = new("处理本请求期间记录已被修改。请重新读取后重试。", "The record changed while this request was processed. Read it again and retry.");
    public static LocalizedText IdempotencyKeyInvalid { get; } = new("Idempotency-Key 为 1 到 100 个字母、数字或 '-'、'_'、'.'、':'（通常使用 UUID）。", "Idempotency-Key is 1 to 100 letters, digits, '-', '_', '.' or ':' (a UUID is typical).");
    public static LocalizedText IdempotencyKeyReused { get; } = new("此 Idempotency-Key 已用于另一个不同的请求。", "This Idempotency-Key was already used with a different request.");
    public static LocalizedText IdempotencyInFlight { get; } = new("使用此 Idempotency-Key 的请求仍在处理中，请稍后重试。", "A request with this Idempotency-Key is still being processed; retry later.");

    /// <summary>A JSON value at <paramref name="path"/> that could not be read.</summary>
    public static LocalizedText JsonValueUnreadable(string path) =>
        new($"“{path}”处的值无法读取：格式错误或类型不符。", $"The value at '{path}' could not be read: it is malformed or of the wrong type.");

    /// <summary>A route or query parameter that did not bind.</summary>
    public static LocalizedText InvalidParameter(string name) =>
        new($"参数“{name}”无效。", $"The parameter '{name}' is invalid.");

    /// <summary>A declared body above the limit.</summary>
    public static LocalizedText BodyLargerThan(long limit) =>
        new($"请求体超过 {limit} 字节。", $"The body is larger than {limit} bytes.");

    /// <summary>A caller whose roles lack <paramref name="permission"/>.</summary>
    public static LocalizedText PermissionMissing(string permission) =>
        new($"调用方的角色不具备权限“{permission}”。", $"The caller's roles do not hold the permission '{permission}'.");

    /// <summary>An <c>If-Match</c> that names an older version of the record.</summary>
    public static LocalizedText RecordChanged(string currentETag) =>
        new($"记录已被修改，当前 ETag 为 {currentETag}。请重新读取后重试。", $"The record has changed: its current ETag is {currentETag}. Read it again and retry.");

    /// <summary>A client over its rate limit, told when to retry.</summary>
    public static LocalizedText TooManyRequestsRetryAfter(int seconds) =>
        new($"此客户端的请求过多，请在 {seconds} 秒后重试。", $"Too many requests from this client. Retry after {seconds} second{(seconds == 1 ? "" : "s")}.");

    /// <summary>A page size outside <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static LocalizedText PageSizeBetween(int min, int max) =>
        new($"每页条数须在 {min} 到 {max} 之间。", $"The page size is between {min} and {max}.");

    /// <summary>A change to a record outside the caller's region.</summary>
    public static LocalizedText RecordOutsideRegion(string recordRegion, string? callerRegion) =>
        new($"该记录属于行政区划 {recordRegion}，不在调用方的行政区划 {callerRegion ?? "（无）"} 之内。",
            $"The record belongs to region {recordRegion}, outside the caller's region {callerRegion ?? "(none)"}.");

    /// <summary>The title of a problem with <paramref name="status"/>.</summary>
    public static LocalizedText TitleFor(int status) => status switch
    {
        400 => BadRequestTitle,
        401 => UnauthorizedTitle,
        403 => ForbiddenTitle,
        404 => NotFoundTitle,
        405 => MethodNotAllowedTitle,
        409 => ConflictTitle,
        412 => PreconditionFailedTitle,
        413 => PayloadTooLargeTitle,
        415 => UnsupportedMediaTypeTitle,
        422 => UnprocessableTitle,
        429 => TooManyRequestsTitle,
        _ => status >= 500 ? ServerErrorTitle : FailedTitle,
    };

    /// <summary>
    /// The detail of a problem the framework wrote without one (a status-code page, a challenge),
    /// by its code; none when the code says nothing a caller can act on.
    /// </summary>
    public static LocalizedText? DefaultDetailFor(string code) => code switch
    {
        ProblemCodes.RouteNotFound => RouteNotFound,
        ProblemCodes.MethodNotAllowed => MethodNotAllowed,
        ProblemCodes.Unauthenticated => Unauthenticated,
        ProblemCodes.Forbidden => Forbidden,
        ProblemCodes.BodyTooLarge => BodyTooLarge,
        ProblemCodes.UnsupportedMediaType => UnsupportedMediaType,
        ProblemCodes.TooManyRequests => TooManyRequests,
        ProblemCodes.ServerError => ServerError,
        _ => null,
    };
}
