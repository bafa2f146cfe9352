using System.Globalization;
using System.Net.Http.Headers;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Localization;

/// <summary>The host as shipped, on SQLite, shared by a test class.</summary>
public sealed class LocalizationHostFixture : IAsyncLifetime
{
    private PlatformFactory? factory;

    public PlatformFactory Factory => factory ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync() => factory = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

/// <summary>The host with the localisation probe module and a 2 KiB body limit, on SQLite, shared by a test class.</summary>
public sealed class LocalizationProbeHostFixture : IAsyncLifetime
{
    public const int BodyLimit = 2048;

    private PlatformFactory? factory;

    public PlatformFactory Factory => factory ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var settings = new Dictionary<string, string?> { ["Http:MaxRequestBodyBytes"] = BodyLimit.ToString(CultureInfo.InvariantCulture) };
        factory = new PlatformFactory(database, settings) { ConfigureTestServices = LocalizationProbeModule.AddToHost };
        factory.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

/// <summary>Requests with and without <c>Accept-Language</c>, and the language checks of their answers.</summary>
public static class Language
{
    /// <summary>A request asking for <paramref name="acceptLanguage"/>; none when null (the platform's default, Chinese).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? acceptLanguage, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return request;
    }

    /// <summary>Whether <paramref name="acceptLanguage"/> should be answered in English.</summary>
    public static bool IsEnglish(string? acceptLanguage) =>
        acceptLanguage is not null && acceptLanguage.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>Asserts the answer's <c>Content-Language</c> and that it declares it varies by <c>Accept-Language</c>.</summary>
    public static void AssertContentLanguage(HttpResponseMessage response, bool english)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal([english ? "en" : "zh-CN"], response.Content.Headers.ContentLanguage);
        Assert.Contains(response.Headers.Vary, v => string.Equals(v, "Accept-Language", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether <paramref name="text"/> contains Chinese characters.</summary>
    public static bool HasChinese(string? text) => text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
