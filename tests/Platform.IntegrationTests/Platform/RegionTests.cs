using System.Net;
using System.Text.Json;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;

namespace Platform.IntegrationTests.Platform;

/// <summary>The region reference data through Platform_GetRegion and Platform_ListRegions, on each provider.</summary>
public sealed class RegionTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(DatabaseProvider provider, string path)
    {
        var factory = await hosts.GetAsync(provider);
        using var client = factory.CreateClient();
        return await client.GetAsync(path, Token);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public async Task GetRegion_returns_Mianyang_as_a_prefecture_of_Sichuan(DatabaseProvider provider)
    {
        using var response = await GetAsync(provider, "/api/platform/regions/510700");

        var region = await HttpAssert.ReadOkJsonAsync(response);
        Assert.Equal("510700", region.GetProperty("code").GetString());
        Assert.Equal("绵阳市", region.GetProperty("name").GetString());
        Assert.Equal("Mianyang", region.GetProperty("nameEn").GetString());
        Assert.Equal("Prefecture", region.GetProperty("level").GetString());
        Assert.Equal("510000", region.GetProperty("parentCode").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public async Task ListRegions_pages_through_the_21_prefectures_of_Sichuan_with_the_cursor(DatabaseProvider provider)
    {
        var codes = new List<string>();
        var pageSizes = new List<int>();
        string? cursor = null;
        do
        {
            var path = "/api/platform/regions?parent=510000&limit=10" + (cursor is null ? "" : "&after=" + cursor);
            using var response = await GetAsync(provider, path);
            var page = await HttpAssert.ReadOkJsonAsync(response);
            var items = page.GetProperty("items").EnumerateArray().ToArray();
            Assert.All(items, r =>
            {
                Assert.Equal("510000", r.GetProperty("parentCode").GetString());
                Assert.Equal("Prefecture", r.GetProperty("level").GetString());
            });
            codes.AddRange(items.Select(r => r.GetProperty("code").GetString()!));
            pageSizes.Add(items.Length);
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            if (cursor is not null)
            {
                Assert.Equal(codes[^1], cursor);
            }
        }
        while (cursor is not null && pageSizes.Count < 10);

        Assert.Equal([10, 10, 1], pageSizes);
        Assert.Equal(21, codes.Count);
        Assert.Equal(RegionCatalog.LoadEmbedded().ChildrenOf("510000").Select(r => r.Code), codes);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ListRegions_of_Chongqing_includes_Wanzhou(DatabaseProvider provider)
    {
        using var response = await GetAsync(provider, "/api/platform/regions?parent=500000");

        var page = await HttpAssert.ReadOkJsonAsync(response);
        var items = page.GetProperty("items").EnumerateArray().ToArray();
        var wanzhou = Assert.Single(items, r => r.GetProperty("code").GetString() == "500101");
        Assert.Equal("County", wanzhou.GetProperty("level").GetString());
        Assert.Equal(RegionCatalog.LoadEmbedded().ChildrenOf("500000").Count, items.Length);
        Assert.False(page.TryGetProperty("nextCursor", out _), "One page holds all of Chongqing's districts at the default limit.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ListRegions_filters_by_level(DatabaseProvider provider)
    {
        using var response = await GetAsync(provider, "/api/platform/regions?level=Province");

        var page = await HttpAssert.ReadOkJsonAsync(response);
        var codes = page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("code").GetString() ?? "").ToArray();
        Assert.Equal(["500000", "510000"], codes);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task GetRegion_with_a_malformed_code_is_a_400_naming_code(DatabaseProvider provider)
    {
        using var response = await GetAsync(provider, "/api/platform/regions/51070");

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["code"], HttpAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task GetRegion_with_an_unknown_code_is_a_404_region_not_found(DatabaseProvider provider)
    {
        using var response = await GetAsync(provider, "/api/platform/regions/510799");

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "platform.region_not_found");
        Assert.Contains("510799", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "519900")]
    [InlineData(DatabaseProvider.Sqlite, "5100")]
    [InlineData(DatabaseProvider.PostgreSql, "519900")]
    public async Task ListRegions_with_an_unknown_parent_is_a_400_naming_parent(DatabaseProvider provider, string parent)
    {
        using var response = await GetAsync(provider, "/api/platform/regions?parent=" + parent);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["parent"], HttpAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 0)]
    [InlineData(DatabaseProvider.Sqlite, 501)]
    [InlineData(DatabaseProvider.Sqlite, -1)]
    [InlineData(DatabaseProvider.PostgreSql, 0)]
    [InlineData(DatabaseProvider.PostgreSql, 501)]
    public async Task ListRegions_with_a_limit_outside_1_to_500_is_a_400_naming_limit(DatabaseProvider provider, int limit)
    {
        using var response = await GetAsync(provider, $"/api/platform/regions?limit={limit}");

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["limit"], HttpAssert.ErrorFields(problem));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ListRegions_at_the_largest_limit_returns_every_region_on_one_page(DatabaseProvider provider)
    {
        using var response = await GetAsync(provider, "/api/platform/regions?limit=500");

        var page = await HttpAssert.ReadOkJsonAsync(response);
        Assert.Equal(RegionCatalog.LoadEmbedded().All.Count, page.GetProperty("items").GetArrayLength());
        Assert.False(page.TryGetProperty("nextCursor", out _));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task ListRegions_with_a_malformed_cursor_is_a_400_naming_after(DatabaseProvider provider)
    {
        using var response = await GetAsync(provider, "/api/platform/regions?after=abc");

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal(["after"], HttpAssert.ErrorFields(problem));
    }
}
