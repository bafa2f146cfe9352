using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Persistence;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>The real host, in process, on a throw-away database, with extra settings per test.</summary>
public sealed class PlatformFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Testing")
    : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    public CapturedLogs Logs { get; } = new();

    public Action<IServiceCollection>? ConfigureTestServices { get; init; }

    public static async Task<PlatformFactory> StartAsync(
        DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Testing", Action<IServiceCollection>? configureTestServices = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var factory = new PlatformFactory(database, settings, environment) { ConfigureTestServices = configureTestServices };
        try
        {
            factory.StartServer();
            return factory;
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        foreach (var (key, value) in TestTokens.Settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (ConfigureTestServices is { } configure)
        {
            builder.ConfigureServices(configure);
        }
    }

    /// <summary>The token <c>CreateClient()</c> sends: an administrator of both provinces unless a test changes it.</summary>
    public string? DefaultToken { get; set; } = TestTokens.Administrator;

    /// <summary>A client calling as <paramref name="role"/> in <paramref name="region"/>.</summary>
    public HttpClient CreateClientAs(string role, string region, string? subject = null, string? organisation = null)
    {
        var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(role, region, subject, organisation: organisation));
        return client;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        if (DefaultToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DefaultToken);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
