// The baseline for the throughput ratio: one route, no middleware, the answer from memory.
// Same route shape, same status and the same JSON bytes as the host's GET /api/platform/regions/{code}.
var builder = WebApplication.CreateBuilder(args);

// As the host's appsettings.json: no per-request log lines from the framework.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

var app = builder.Build();

var regions = new Dictionary<string, BareRegion>(StringComparer.Ordinal)
{
    ["510700"] = new("510700", "绵阳市", "Mianyang", "Prefecture", "510000"),
};

app.MapGet("/api/platform/regions/{code}", (string code) =>
    regions.TryGetValue(code, out var region) ? Results.Ok(region) : Results.NotFound());

await app.RunAsync();

/// <summary>The region shape of the host's response, with the level already a string.</summary>
internal sealed record BareRegion(string Code, string Name, string? NameEn, string Level, string? ParentCode);
