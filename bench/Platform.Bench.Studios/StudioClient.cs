using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.Bench.Studios;

/// <summary>An answer of the host: status, body, and milliseconds from sending to the last byte read.</summary>
internal readonly record struct Answer(int Status, string Body, double Milliseconds);

/// <summary>
/// Kept-alive HTTP/1.1 to the host on 127.0.0.1 under <c>/api/skill-master-studios</c>, each request with
/// the bearer token of the caller it is sent as. Tokens are HS256 JWTs signed with the signing key
/// <see cref="BenchSecrets"/> hands the host (the mechanism of the platform and vouchers benchmarks), so
/// requests pass authentication and region scoping as in production.
/// </summary>
internal sealed class StudioClient : IDisposable
{
    private const string Prefix = "/api/skill-master-studios";
    private readonly HttpClient http;

    public StudioClient(Uri baseUri)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>A token for <paramref name="role"/> in <paramref name="region"/> (<c>*</c>: both provinces), valid for three hours.</summary>
    public static string Token(string role, string region)
    {
        static string Part(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var unsigned = Part(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = BenchSecrets.HostEnvironment["Auth__SigningKeys__0__Id"] })
            + "." + Part(new Dictionary<string, object>
            {
                ["sub"] = $"bench-{role}-{region}",
                ["role"] = role,
                ["region"] = region,
                ["iss"] = "chuanyu-platform",
                ["aud"] = "chuanyu-platform",
                ["iat"] = now,
                ["nbf"] = now - 60,
                ["exp"] = now + (3 * 3600),
            });
        var key = Convert.FromBase64String(BenchSecrets.HostEnvironment["Auth__SigningKeys__0__Key"]);
        return unsigned + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned)));
    }

    public Task<Answer> PostAsync(string token, string path, string json, CancellationToken cancellationToken) =>
        SendAsync(token, new HttpRequestMessage(HttpMethod.Post, Prefix + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, cancellationToken);

    public Task<Answer> GetAsync(string token, string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync(token, new HttpRequestMessage(HttpMethod.Get, Prefix + pathAndQuery), cancellationToken);

    public void Dispose() => http.Dispose();

    /// <summary>A string property of the answer's JSON object (null when absent or not an object).</summary>
    public static string? Property(string body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The length of the answer's <c>items</c> array.</summary>
    public static int Items(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("items", out var items) ? items.GetArrayLength() : 0;
    }

    private async Task<Answer> SendAsync(string token, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var sent = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new Answer((int)response.StatusCode, body, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
