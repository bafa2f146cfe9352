namespace Platform.Sdk;

/// <summary>Where the platform is and how to authenticate to it.</summary>
public sealed class PlatformSdkOptions
{
    /// <summary>Base address of the platform, for example <c>https://platform.example.gov.cn/</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>
    /// Supplies the bearer token for each call; return null to call anonymously. Resolved per call, so
    /// a provider can cache and refresh tokens.
    /// </summary>
    public Func<IServiceProvider, CancellationToken, ValueTask<string?>>? AccessTokenProvider { get; set; }

    /// <summary>Per-call timeout (default 100 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
}
