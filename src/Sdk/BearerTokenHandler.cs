using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Platform.Sdk;

/// <summary>Adds the caller's bearer token to every request.</summary>
internal sealed class BearerTokenHandler(IServiceProvider services, IOptions<PlatformSdkOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.AccessTokenProvider is { } provider && request.Headers.Authorization is null)
        {
            var token = await provider(services, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
