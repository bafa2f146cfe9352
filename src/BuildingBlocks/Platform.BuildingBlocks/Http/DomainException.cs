using Platform.BuildingBlocks.Localization;

namespace Platform.BuildingBlocks.Http;

/// <summary>
/// A refusal by a business rule or a missing resource, carrying the stable code and the HTTP status
/// it maps to (404, 409 or 422). Handlers throw it; the host writes it as problem details, with the
/// <see cref="Detail"/> and field messages in the language of the request.
/// </summary>
public sealed class DomainException : Exception
{
    private readonly IDictionary<string, string[]>? errors;
    private readonly IDictionary<string, LocalizedText[]>? localizedErrors;

    public DomainException(int status, string code, string message, IDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Status = status;
        Code = code;
        Detail = LocalizedText.Invariant(message);
        this.errors = errors;
    }

    /// <summary>
    /// A refusal whose detail and field messages are written in the request's language. The
    /// exception's <see cref="Exception.Message"/> (what logs show) is the English text.
    /// </summary>
    public DomainException(int status, string code, LocalizedText message, IDictionary<string, LocalizedText[]>? errors = null)
        : base(message?.English)
    {
        ArgumentNullException.ThrowIfNull(message);
        Status = status;
        Code = code;
        Detail = message;
        localizedErrors = errors;
    }

    /// <summary>
    /// A 400 naming one field, raised from a handler where the rule needs data a validator does not
    /// have (a day after today, a value the stored record contradicts); it answers like a validator's.
    /// </summary>
    public static DomainException ForField(string field, string chinese, string english) =>
        new(400, ProblemCodes.ValidationFailed, ProblemTexts.SeeFieldErrors, new Dictionary<string, LocalizedText[]> { [field] = [new LocalizedText(chinese, english)] });

    public DomainException()
        : this(422, "rule.violated", ProblemTexts.UnprocessableTitle)
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
        Detail = LocalizedText.Invariant(message ?? "");
    }

    public int Status { get; }

    public string Code { get; }

    /// <summary>The problem's detail; the same text in both languages when the exception was made from a string.</summary>
    public LocalizedText Detail { get; }

    /// <summary>Field errors: field path to messages, in the current UI culture when they were given as <see cref="LocalizedText"/>.</summary>
    public IDictionary<string, string[]>? Errors => errors ?? ApiProblems.Resolve(localizedErrors);

    public static DomainException NotFound(string code, string message) => new(404, code, message);

    public static DomainException NotFound(string code, LocalizedText message) => new(404, code, message);

    public static DomainException Conflict(string code, string message) => new(409, code, message);

    public static DomainException Conflict(string code, LocalizedText message) => new(409, code, message);

    public static DomainException Unprocessable(string code, string message) => new(422, code, message);

    public static DomainException Unprocessable(string code, LocalizedText message) => new(422, code, message);
}
