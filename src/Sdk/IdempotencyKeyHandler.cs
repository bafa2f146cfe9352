namespace Platform.Sdk;

/// <summary>
/// Sends an <c>Idempotency-Key</c> with every state-changing call (generated per call unless the
/// caller chose one with <see cref="PlatformCall"/>), so a retried call is applied once; adds
/// <c>If-Match</c> when asked; and reports the response's ETag and replay flag back to the call.
/// </summary>
internal sealed class IdempotencyKeyHandler : DelegatingHandler
{
    public const string HeaderName = "Idempotency-Key";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = PlatformCall.Current;
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && !request.Headers.Contains(HeaderName))
        {
            var key = call?.IdempotencyKey ?? Guid.NewGuid().ToString("D");
            call?.RememberKey(key);
            request.Headers.TryAddWithoutValidation(HeaderName, key);
        }

        if (call?.IfMatch is { } ifMatch && request.Headers.IfMatch.Count == 0)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (call is not null)
        {
            call.ResponseETag = response.Headers.ETag?.ToString();
            call.Replayed = response.Headers.TryGetValues("Idempotency-Replayed", out var replayed) && replayed.Contains("true");
        }

        return response;
    }
}
