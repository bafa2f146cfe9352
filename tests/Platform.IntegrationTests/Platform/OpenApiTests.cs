using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Platform;

/// <summary>The served OpenAPI document and the Scalar explorer, and their switches.</summary>
public sealed partial class OpenApiTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<JsonElement> ReadDocumentAsync()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json", Token);
        return await HttpAssert.ReadOkJsonAsync(response);
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from member in path.Value.EnumerateObject()
        where HttpMethods.Contains(member.Name)
        select (path.Name, member.Name, member.Value);

    [Fact]
    public async Task Document_is_served_as_OpenApi_3_0()
    {
        var document = await ReadDocumentAsync();

        Assert.StartsWith("3.0.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("1.0.0", document.GetProperty("info").GetProperty("version").GetString());
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty(nameof(ApiProblem), out _), "ApiProblem schema missing");
    }

    [Fact]
    public async Task Document_lists_the_Platform_operations_and_no_infrastructure_endpoints()
    {
        var document = await ReadDocumentAsync();

        var ids = Operations(document).Select(o => o.Operation.GetProperty("operationId").GetString()).ToArray();
        Assert.Contains("Platform_ListModules", ids);
        Assert.Contains("Platform_GetRegion", ids);
        Assert.Contains("Platform_ListRegions", ids);
        Assert.DoesNotContain(document.GetProperty("paths").EnumerateObject(), p =>
            p.Name.StartsWith("/health", StringComparison.Ordinal) || p.Name.StartsWith("/scalar", StringComparison.Ordinal) || p.Name.StartsWith("/openapi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_operation_has_a_Module_Operation_id_matching_its_tag()
    {
        var document = await ReadDocumentAsync();

        var operations = Operations(document).ToArray();
        Assert.NotEmpty(operations);
        var ids = new List<string>();
        foreach (var (path, method, operation) in operations)
        {
            Assert.True(operation.TryGetProperty("operationId", out var idElement), $"{method} {path} has no operationId");
            var id = idElement.GetString() ?? "";
            var match = OperationIdPattern().Match(id);
            Assert.True(match.Success, $"{method} {path}: operationId '{id}' is not Module_Operation");
            var tags = operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString() ?? "").ToArray();
            Assert.Equal([match.Groups["module"].Value], tags);
            ids.Add(id);
        }

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Every_operation_declares_400_and_500_problem_responses()
    {
        var document = await ReadDocumentAsync();

        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            foreach (var status in new[] { "400", "500" })
            {
                Assert.True(responses.TryGetProperty(status, out var response), $"{method} {path} does not declare {status}");
                Assert.True(response.GetProperty("content").TryGetProperty(HttpAssert.ProblemContentType, out var content),
                    $"{method} {path} {status} is not {HttpAssert.ProblemContentType}: {response}");
                Assert.EndsWith("/" + nameof(ApiProblem), content.GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Scalar_serves_its_page_and_script_from_this_host()
    {
        var factory = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var client = factory.CreateClient();

        using var page = await client.GetAsync("/scalar/", Token);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Token);
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToArray();
        var scalarScript = Assert.Single(scripts, s => s.EndsWith("scalar.js", StringComparison.Ordinal));
        Assert.DoesNotContain(scripts, s => s.Contains("//", StringComparison.Ordinal));
        Assert.DoesNotContain("cdn.jsdelivr.net", html, StringComparison.OrdinalIgnoreCase);

        using var script = await client.GetAsync(new Uri(new Uri("http://localhost/scalar/"), scalarScript), Token);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("javascript", script.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.True((await script.Content.ReadAsByteArrayAsync(Token)).Length > 10_000, "scalar.js looks empty");
    }

    [Fact]
    public async Task Disabling_OpenApi_and_Scalar_removes_both()
    {
        await using var factory = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["OpenApi:Enabled"] = "false",
            ["Scalar:Enabled"] = "false",
        });
        using var client = factory.CreateClient();

        using var document = await client.GetAsync("/openapi/v1.json", Token);
        using var scalar = await client.GetAsync("/scalar/", Token);

        await HttpAssert.ProblemAsync(document, HttpStatusCode.NotFound, ProblemCodes.RouteNotFound);
        await HttpAssert.ProblemAsync(scalar, HttpStatusCode.NotFound, ProblemCodes.RouteNotFound);
    }

    [Fact]
    public async Task Disabling_Scalar_keeps_the_document()
    {
        await using var factory = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Scalar:Enabled"] = "false" });
        using var client = factory.CreateClient();

        using var scalar = await client.GetAsync("/scalar/", Token);
        using var document = await client.GetAsync("/openapi/v1.json", Token);

        Assert.Equal(HttpStatusCode.NotFound, scalar.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task Scalar_without_OpenApi_refuses_to_start()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new PlatformFactory(database, new Dictionary<string, string?> { ["OpenApi:Enabled"] = "false" });

        var exception = Assert.ThrowsAny<Exception>(factory.StartServer);

        Assert.Contains("Scalar:Enabled needs OpenApi:Enabled", exception.GetBaseException().Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("^(?<module>[A-Z][A-Za-z0-9]*)_[A-Z][A-Za-z0-9]*$")]
    private static partial Regex OperationIdPattern();

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
