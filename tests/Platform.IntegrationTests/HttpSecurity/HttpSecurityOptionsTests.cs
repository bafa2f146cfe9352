using Platform.BuildingBlocks.Persistence;
using Platform.Host.Composition;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.HttpSecurity;

/// <summary>The <c>HttpSecurity</c> section is validated at start, and a bad value is named by its key.</summary>
public sealed class HttpSecurityOptionsTests
{
    private static string Messages(Exception exception)
    {
        var messages = new List<string>();
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var current))
        {
            messages.Add(current.Message);
            if (current is AggregateException aggregate)
            {
                aggregate.InnerExceptions.ToList().ForEach(pending.Push);
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return string.Join(Environment.NewLine, messages);
    }

    [Theory]
    [InlineData("HttpSecurity:Cors:AllowedOrigins:0", "*")]
    [InlineData("HttpSecurity:Cors:AllowedOrigins:0", "not a url")]
    [InlineData("HttpSecurity:Cors:AllowedOrigins:0", "https://portal.example.gov.cn/app")]
    [InlineData("HttpSecurity:RateLimit:PerIpPermitsPerMinute", "0")]
    [InlineData("HttpSecurity:Https:Port", "70000")]
    public async Task A_bad_value_stops_start_up_with_a_message_naming_its_key(string key, string value)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() =>
            PlatformFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { [key] = value }));

        var messages = Messages(exception);
        Assert.Contains(key, messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_origin_is_reported_with_its_index()
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() =>
            PlatformFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
            {
                ["HttpSecurity:Cors:AllowedOrigins:0"] = "https://portal.example.gov.cn",
                ["HttpSecurity:Cors:AllowedOrigins:1"] = "*",
                ["HttpSecurity:Cors:AllowedOrigins:2"] = "ftp://files.example.gov.cn",
            }));

        var messages = Messages(exception);
        Assert.DoesNotContain("AllowedOrigins:0", messages, StringComparison.Ordinal);
        Assert.Contains("HttpSecurity:Cors:AllowedOrigins:1 ('*')", messages, StringComparison.Ordinal);
        Assert.Contains("HttpSecurity:Cors:AllowedOrigins:2 ('ftp://files.example.gov.cn')", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://portal.example.gov.cn", "https://portal.example.gov.cn")]
    [InlineData("https://portal.example.gov.cn/", "https://portal.example.gov.cn")]
    [InlineData("HTTPS://Portal.Example.GOV.cn:443", "https://portal.example.gov.cn")]
    [InlineData("http://localhost:5173", "http://localhost:5173")]
    [InlineData("http://localhost:80/", "http://localhost")]
    [InlineData("https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443")]
    [InlineData("https://人社.中国", "https://xn--gmq794h.xn--fiqs8s")]
    public void A_valid_origin_is_kept_as_a_browser_writes_it(string configured, string expected)
    {
        Assert.True(HttpSecurityOptionsValidator.TryParseOrigin(configured, out var origin, out var problem), problem);
        Assert.Equal(expected, origin);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("*")]
    [InlineData("https://*.example.gov.cn")]
    [InlineData("not a url")]
    [InlineData("portal.example.gov.cn")]
    [InlineData("/relative")]
    [InlineData("ftp://portal.example.gov.cn")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://portal.example.gov.cn/app")]
    [InlineData("https://portal.example.gov.cn?x=1")]
    [InlineData("https://portal.example.gov.cn#top")]
    [InlineData("https://user:secret@portal.example.gov.cn")]
    public void An_invalid_origin_is_refused_with_a_reason(string configured)
    {
        Assert.False(HttpSecurityOptionsValidator.TryParseOrigin(configured, out _, out var problem));
        Assert.Contains("exact origin", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid_and_closed()
    {
        var options = new HttpSecurityOptions();

        var result = new HttpSecurityOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Empty(options.Cors.AllowedOrigins);
        Assert.Null(options.Https.Enforce);
        Assert.True(options.RateLimit.Enabled);
        Assert.Equal(600, options.RateLimit.PerIpPermitsPerMinute);
        Assert.Equal(300, options.RateLimit.PerCallerPermitsPerMinute);
        Assert.Equal(365, options.Https.HstsMaxAgeDays);
        Assert.False(options.Https.HstsIncludeSubDomains);
    }
}
