using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.Host.Composition;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>The host refuses to start with an authentication set-up that would be unsafe or could not validate tokens.</summary>
public sealed class StartupRefusalTests
{
    /// <summary>Starts a host that is expected to fail and returns every message of the failure.</summary>
    private static async Task<string> StartFailureAsync(
        IReadOnlyDictionary<string, string?> settings, string environment = "Testing", Action<IServiceCollection>? configureServices = null)
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PlatformFactory(database, settings, environment) { ConfigureTestServices = configureServices };
        Exception? failure = null;
        try
        {
            factory.StartServer();
        }
#pragma warning disable CA1031 // The start-up failure is what is asserted.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = exception;
        }

        Assert.True(failure is not null, "The host started, but it should have refused this configuration.");
        return string.Join(Environment.NewLine, Messages(failure));
    }

    private static IEnumerable<string> Messages(Exception exception)
    {
        yield return exception.Message;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : (IEnumerable<Exception>)(exception.InnerException is { } one ? [one] : []);
        foreach (var message in inner.SelectMany(Messages))
        {
            yield return message;
        }
    }

    [Fact]
    public async Task Production_with_development_tokens_enabled_refuses_to_start_naming_the_setting()
    {
        var message = await StartFailureAsync(new Dictionary<string, string?> { ["Auth:DevelopmentTokens:Enabled"] = "true" }, environment: "Production");

        Assert.Contains("Auth:DevelopmentTokens:Enabled", message, StringComparison.Ordinal);
        Assert.Contains("'Production'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staging_with_development_tokens_enabled_refuses_to_start_as_well()
    {
        var message = await StartFailureAsync(new Dictionary<string, string?> { ["Auth:DevelopmentTokens:Enabled"] = "true" }, environment: "Staging");

        Assert.Contains("Auth:DevelopmentTokens:Enabled", message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The test factory always configures a signing key, and configuration can override a key but not
    /// remove it; so this clears the bound keys after binding (as a configuration without the section
    /// would leave them) and checks what the validator then reports.
    /// </summary>
    [Fact]
    public async Task Host_without_signing_keys_and_without_authority_refuses_to_start_naming_both()
    {
        var message = await StartFailureAsync(new Dictionary<string, string?>(),
            configureServices: services => services.PostConfigure<AuthOptions>(o => o.SigningKeys.Clear()));

        Assert.Contains("Auth:Authority", message, StringComparison.Ordinal);
        Assert.Contains("Auth:SigningKeys", message, StringComparison.Ordinal);
        Assert.Contains("No way to validate tokens", message, StringComparison.Ordinal);
    }

    /// <summary>Blanking the factory's key through configuration leaves an entry with an empty id and key, which is refused as such.</summary>
    [Fact]
    public async Task Host_whose_only_signing_key_is_blanked_refuses_to_start_naming_its_id_and_key()
    {
        var message = await StartFailureAsync(new Dictionary<string, string?> { ["Auth:SigningKeys:0:Id"] = "", ["Auth:SigningKeys:0:Key"] = "" });

        Assert.Contains("Auth:SigningKeys:0:Id", message, StringComparison.Ordinal);
        Assert.Contains("Auth:SigningKeys:0:Key", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_key_of_16_bytes_refuses_to_start_naming_the_key()
    {
        var message = await StartFailureAsync(new Dictionary<string, string?>
        {
            ["Auth:SigningKeys:0:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
        });

        Assert.Contains("Auth:SigningKeys:0:Key", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Auth:SigningKeys:0:Id", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_key_that_is_not_base64_refuses_to_start_naming_the_key()
    {
        var message = await StartFailureAsync(new Dictionary<string, string?> { ["Auth:SigningKeys:0:Key"] = "not base64 at all!" });

        Assert.Contains("Auth:SigningKeys:0:Key", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authority_that_is_not_an_absolute_url_refuses_to_start()
    {
        var message = await StartFailureAsync(new Dictionary<string, string?> { ["Auth:Authority"] = "login.example" });

        Assert.Contains("Auth:Authority must be an absolute URL", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_signing_key_ids_refuse_to_start()
    {
        var message = await StartFailureAsync(new Dictionary<string, string?>
        {
            ["Auth:SigningKeys:1:Id"] = TestTokens.KeyId,
            ["Auth:SigningKeys:1:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });

        Assert.Contains("Auth:SigningKeys ids must be unique", message, StringComparison.Ordinal);
    }
}
