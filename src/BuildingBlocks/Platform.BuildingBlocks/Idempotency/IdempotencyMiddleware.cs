using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on every state-changing API request: the same key with the same
/// request replays the first response (marked <c>Idempotency-Replayed: true</c>), the same key with a
/// different request answers 422, and a duplicate still in flight answers 409. Keys are per caller.
/// Server failures (5xx) release the key so the retry runs again.
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next)
{
    public const string KeyInvalid = "idempotency.key_invalid";
    public const string KeyReused = "idempotency.key_reused";
    public const string InFlight = "idempotency.in_flight";

    public async Task InvokeAsync(HttpContext context, CallerAccessor callers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(callers);
        var request = context.Request;
        var store = context.RequestServices.GetService<IIdempotencyStore>();
        if (store is null || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || !request.Headers.TryGetValue(IdempotencyOptions.HeaderName, out var values))
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (!KeyPattern().IsMatch(key))
        {
            await Problem(context, 400, KeyInvalid, ProblemTexts.IdempotencyKeyInvalid);
            return;
        }

        var caller = callers.Current;
        var hash = await HashAsync(request, context.RequestAborted);
        var start = await store.BeginAsync(caller.Subject, key, hash, context.RequestAborted);
        switch (start.Outcome)
        {
            case IdempotencyOutcome.KeyReused:
                await Problem(context, 422, KeyReused, ProblemTexts.IdempotencyKeyReused);
                return;
            case IdempotencyOutcome.InFlight:
                await Problem(context, 409, InFlight, ProblemTexts.IdempotencyInFlight);
                return;
            case IdempotencyOutcome.Replay:
                await ReplayAsync(context, start.Response!);
                return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var completed = false;
        try
        {
            try
            {
                await next(context);
            }
            catch (Exception refused) when (refused is DomainException or FluentValidation.ValidationException && !context.Response.HasStarted)
            {
                // A refusal is a final answer like any other 4xx: write it here, inside the buffer, so it is stored and replayed.
                var problem = PlatformExceptionHandler.Map(refused);
                context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
                await context.RequestServices.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>()
                    .WriteAsync(new Microsoft.AspNetCore.Http.ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = refused });
            }

            var response = context.Response;
            var stored = new IdempotentResponse(response.StatusCode, response.ContentType, buffer.ToArray(),
                response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null);
            if (response.StatusCode < 500)
            {
                await store.CompleteAsync(caller.Subject, key, stored, CancellationToken.None);
                completed = true;
            }
        }
        finally
        {
            if (!completed)
            {
                await store.AbandonAsync(caller.Subject, key, CancellationToken.None);
            }

            buffer.Position = 0;
            context.Response.Body = original;
            if (buffer.Length > 0)
            {
                await buffer.CopyToAsync(original, CancellationToken.None);
            }
        }
    }

    private static async Task ReplayAsync(HttpContext context, IdempotentResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.StatusCode;
        response.ContentType = stored.ContentType;
        response.Headers[IdempotencyOptions.ReplayedHeaderName] = "true";
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        if (stored.ETag is not null)
        {
            response.Headers.ETag = stored.ETag;
        }

        await response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    private static async Task<string> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static Task Problem(HttpContext context, int status, string code, LocalizedText detail)
    {
        context.Response.StatusCode = status;
        return ApiProblems.Create(status, code, detail).ExecuteAsync(context);
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex KeyPattern();
}
