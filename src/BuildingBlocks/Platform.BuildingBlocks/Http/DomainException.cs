namespace Platform.BuildingBlocks.Http;

/// <summary>
/// A refusal by a business rule or a missing resource, carrying the stable code and the HTTP status
/// it maps to (404, 409 or 422). Handlers throw it; the host writes it as problem details.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(int status, string code, string message, IDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Status = status;
        Code = code;
        Errors = errors;
    }

    public DomainException()
        : this(422, "rule.violated", "A business rule refused the request.")
    {
    }

    public DomainException(string message)
        : this(422, "rule.violated", message)
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 422;
        Code = "rule.violated";
    }

    public int Status { get; }

    public string Code { get; }

    public IDictionary<string, string[]>? Errors { get; }

    public static DomainException NotFound(string code, string message) => new(404, code, message);

    public static DomainException Conflict(string code, string message) => new(409, code, message);

    public static DomainException Unprocessable(string code, string message) => new(422, code, message);
}
