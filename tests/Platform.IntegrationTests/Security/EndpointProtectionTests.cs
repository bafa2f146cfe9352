using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>The default host and a Development host serving development tokens, shared by the enumeration tests.</summary>
public sealed class EnumerationHosts : IAsyncLifetime
{
    private PlatformFactory? standard;
    private PlatformFactory? development;

    public PlatformFactory Standard => standard ?? throw new InvalidOperationException("The host has not started.");

    public PlatformFactory Development => development ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync()
    {
        standard = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite);
        development = await PlatformFactory.StartAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Auth:DevelopmentTokens:Enabled"] = "true" }, environment: "Development");
    }

    public async ValueTask DisposeAsync()
    {
        if (standard is not null)
        {
            await standard.DisposeAsync();
        }

        if (development is not null)
        {
            await development.DisposeAsync();
        }
    }
}

/// <summary>
/// Every route the host serves either says it is public or names a declared permission: nothing is
/// protected only by accident (the fallback policy) or by a permission nobody can hold.
/// </summary>
public sealed class EndpointProtectionTests(EnumerationHosts hosts) : IClassFixture<EnumerationHosts>
{
    public static TheoryData<string> Hosts => ["Standard", "Development"];

    private PlatformFactory Host(string name) => name == "Development" ? hosts.Development : hosts.Standard;

    private static RouteEndpoint[] RouteEndpoints(PlatformFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToArray();

    private static string Describe(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"];
        return $"{string.Join(',', methods)} {endpoint.RoutePattern.RawText} ({endpoint.DisplayName})";
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_route_endpoint_is_anonymous_by_declaration_or_requires_a_permission(string host)
    {
        var endpoints = RouteEndpoints(Host(host));

        var offenders = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<PermissionMetadata>() is null)
            .Select(Describe)
            .ToArray();

        Assert.NotEmpty(endpoints);
        Assert.True(offenders.Length == 0,
            $"Endpoints neither marked AllowAnonymous nor bound to a permission with RequirePermission:{Environment.NewLine}{string.Join(Environment.NewLine, offenders)}");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_required_permission_is_declared_in_the_permission_catalog(string host)
    {
        var factory = Host(host);
        var catalog = factory.Services.GetRequiredService<PermissionCatalog>();

        var undeclared = RouteEndpoints(factory)
            .SelectMany(e => e.Metadata.GetOrderedMetadata<PermissionMetadata>()
                .Where(p => !catalog.IsDeclared(p.Permission))
                .Select(p => $"{Describe(e)} requires '{p.Permission}'"))
            .ToArray();

        Assert.True(undeclared.Length == 0,
            $"Endpoints requiring a permission no module declared:{Environment.NewLine}{string.Join(Environment.NewLine, undeclared)}");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Api_endpoints_are_bound_to_permissions_and_only_infrastructure_is_anonymous(string host)
    {
        var anonymousApi = RouteEndpoints(Host(host))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Select(e => e.RoutePattern.RawText)
            .ToArray();

        var expected = host == "Development" ? new[] { "/api/dev/tokens" } : [];
        Assert.Equal(expected, anonymousApi);
    }

    [Fact]
    public void Development_host_enumeration_includes_the_development_token_endpoint()
    {
        var token = Assert.Single(RouteEndpoints(hosts.Development), e => e.RoutePattern.RawText == "/api/dev/tokens");

        Assert.NotNull(token.Metadata.GetMetadata<IAllowAnonymous>());
        Assert.DoesNotContain(RouteEndpoints(hosts.Standard), e => e.RoutePattern.RawText == "/api/dev/tokens");
    }

    [Fact]
    public void Enumeration_sees_the_module_endpoints_with_their_permissions()
    {
        var permissions = RouteEndpoints(hosts.Standard)
            .Where(e => e.Metadata.GetMetadata<PermissionMetadata>() is not null)
            .ToDictionary(e => $"{Describe(e).Split(' ')[0]} {e.RoutePattern.RawText}", e => e.Metadata.GetMetadata<PermissionMetadata>()!.Permission, StringComparer.Ordinal);

        Assert.Equal("platform.outbox.read", permissions["GET /api/platform/outbox/dead-letters"]);
        Assert.Equal("platform.outbox.replay", permissions["POST /api/platform/outbox/dead-letters/{deliveryId:guid}/replay"]);
        Assert.Equal("audit.read", permissions["GET /api/platform/audit"]);
        Assert.Equal("platform.modules.read", permissions["GET /api/platform/modules"]);
    }
}
