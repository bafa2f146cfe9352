using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Platform.Bench.Vouchers;

/// <summary>One answer: status, body, and the time from sending to the last byte read.</summary>
internal readonly record struct ApiAnswer(int Status, string Body, double Milliseconds)
{
    /// <summary>The <c>code</c> of a problem answer, or the status text.</summary>
    public string ProblemCode()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
            {
                return code.GetString() ?? "(no code)";
            }
        }
        catch (JsonException)
        {
        }

        return "(no problem code)";
    }
}

/// <summary>
/// The benchmark's HTTP client: kept-alive HTTP/1.1 connections to the host on 127.0.0.1, the bench
/// bearer token on every request, an <c>Idempotency-Key</c> on every POST that changes state (as the
/// SDK sends one).
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private const string Prefix = "/api/training-vouchers";
    private readonly HttpClient client;

    public ApiClient(Uri baseUri, int connections, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        client = new HttpClient(handler) { BaseAddress = baseUri, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Platform.Bench.BenchSecrets.BearerToken);
    }

    public Task<ApiAnswer> PostAsync(string path, string json, bool idempotent, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Prefix + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotent)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("D"));
        }

        return SendAsync(request, cancellationToken);
    }

    public Task<ApiAnswer> GetAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, Prefix + pathAndQuery), cancellationToken);

    public void Dispose() => client.Dispose();

    private async Task<ApiAnswer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            var sent = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ApiAnswer((int)response.StatusCode, body, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
    }
}
