using Platform.IntegrationTests.Infrastructure;
using Platform.Sdk;

namespace Platform.IntegrationTests.Sdk;

/// <summary>The generated client against the in-process host.</summary>
public sealed class PlatformClientTests(SdkHost host) : IClassFixture<SdkHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListModules_returns_the_platform_module_with_its_database()
    {
        var modules = await host.Api.Platform.ListModulesAsync(Cancel);

        var platform = Assert.Single(modules.Items, m => m.Name == "Platform");
        Assert.True(platform.Enabled);
        Assert.Equal(DatabaseProvider.Sqlite, platform.Database!.Provider);
        Assert.NotEmpty(platform.Database.AppliedMigrations);
        Assert.Empty(platform.Database.PendingMigrations);
    }

    [Fact]
    public async Task GetRegion_returns_Mianyang_with_its_level_as_an_enum()
    {
        var region = await host.Api.Platform.GetRegionAsync("510700", Cancel);

        Assert.Equal("绵阳市", region.Name);
        Assert.Equal("Mianyang", region.NameEn);
        Assert.Equal(RegionLevel.Prefecture, region.Level);
        Assert.Equal("510000", region.ParentCode);
    }

    [Fact]
    public async Task ListRegions_pages_with_the_cursor_and_filters_by_level()
    {
        var first = await host.Api.Platform.ListRegionsAsync(parent: "510000", level: RegionLevel.Prefecture, limit: 15, cancellationToken: Cancel);
        var second = await host.Api.Platform.ListRegionsAsync(parent: "510000", level: RegionLevel.Prefecture, after: first.NextCursor, limit: 15, cancellationToken: Cancel);

        Assert.Equal(15, first.Items.Count);
        Assert.Equal(6, second.Items.Count);
        Assert.Null(second.NextCursor);
        Assert.Equal(21, first.Items.Concat(second.Items).Select(r => r.Code).Distinct().Count());
    }

    [Fact]
    public async Task A_missing_region_raises_an_exception_carrying_the_problem_code_and_trace_id()
    {
        var failure = await Assert.ThrowsAnyAsync<PlatformApiException>(() => host.Api.Platform.GetRegionAsync("510799", Cancel));

        Assert.Equal(404, failure.StatusCode);
        Assert.Equal("platform.region_not_found", failure.Code);
        Assert.False(string.IsNullOrEmpty(failure.TraceId));
    }

    [Fact]
    public async Task A_malformed_region_code_raises_an_exception_with_field_errors()
    {
        var failure = await Assert.ThrowsAnyAsync<PlatformApiException>(() => host.Api.Platform.GetRegionAsync("51070", Cancel));

        Assert.Equal(400, failure.StatusCode);
        Assert.Equal("request.validation_failed", failure.Code);
        Assert.Contains("code", failure.FieldErrors.Keys);
        Assert.IsType<PlatformApiException<ApiProblem>>(failure);
    }

    [Fact]
    public async Task The_bearer_token_from_the_provider_is_sent_with_each_call()
    {
        var token = TestTokens.For("operator", "510700", "sdk-bearer-test");
        var before = host.Token;
        host.Token = token;
        try
        {
            await host.Api.Platform.GetRegionAsync("510700", Cancel);
        }
        finally
        {
            host.Token = before;
        }

        Assert.Contains($"Bearer {token}", host.SentAuthorization);
    }

    [Fact]
    public async Task Each_state_changing_call_gets_its_own_idempotency_key()
    {
        var before = host.SentIdempotencyKeys.Count;

        await Assert.ThrowsAnyAsync<PlatformApiException>(() => host.Api.Platform.ReplayDeadLetterAsync(Guid.NewGuid(), Cancel));
        await Assert.ThrowsAnyAsync<PlatformApiException>(() => host.Api.Platform.ReplayDeadLetterAsync(Guid.NewGuid(), Cancel));
        await host.Api.Platform.GetRegionAsync("510700", Cancel);

        var sent = host.SentIdempotencyKeys.Skip(before).ToArray();
        Assert.Equal(3, sent.Length);
        Assert.True(Guid.TryParse(sent[0], out _) && Guid.TryParse(sent[1], out _));
        Assert.NotEqual(sent[0], sent[1]);
        Assert.Null(sent[2]);
    }

    [Fact]
    public async Task A_retry_with_the_callers_key_is_replayed_by_the_platform()
    {
        var key = $"sdk-retry-{Guid.NewGuid():N}";
        var delivery = Guid.NewGuid();

        using var first = PlatformCall.Begin(idempotencyKey: key);
        var firstFailure = await Assert.ThrowsAnyAsync<PlatformApiException>(() => host.Api.Platform.ReplayDeadLetterAsync(delivery, Cancel));
        Assert.False(first.Replayed);

        using var retry = PlatformCall.Begin(idempotencyKey: key);
        var retryFailure = await Assert.ThrowsAnyAsync<PlatformApiException>(() => host.Api.Platform.ReplayDeadLetterAsync(delivery, Cancel));

        Assert.True(retry.Replayed);
        Assert.Equal(firstFailure.StatusCode, retryFailure.StatusCode);
        Assert.Equal(firstFailure.TraceId, retryFailure.TraceId);
    }
}
