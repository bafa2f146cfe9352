using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Security;

namespace Platform.Host.Composition;

/// <summary>
/// <c>POST /api/dev/tokens</c>: in Development only, and only when <c>Auth:DevelopmentTokens:Enabled</c>
/// is set, issues a token for a chosen role and region so the API can be tried in Scalar.
/// </summary>
internal static partial class DevelopmentTokens
{
    public const string Path = "/api/dev/tokens";

    public static void MapDevelopmentTokens(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (!app.Environment.IsDevelopment() || !auth.DevelopmentTokens.Enabled)
        {
            return;
        }

        app.MapPost(Path, Issue).AllowAnonymous().ExcludeFromDescription();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Host");
        app.Lifetime.ApplicationStarted.Register(() => LogHowTo(logger, """{"role":"administrator","region":"510000"}"""));
    }

    private static Results<Ok<DevelopmentToken>, ProblemHttpResult> Issue(DevelopmentTokenRequest request, IOptions<AuthOptions> options, RegionCatalog regions, TimeProvider time)
    {
        var errors = new Dictionary<string, LocalizedText[]>();
        if (!Roles.All.Contains(request.Role))
        {
            errors["role"] = [new($"取值之一：{string.Join(", ", Roles.All)}。", $"One of: {string.Join(", ", Roles.All)}.")];
        }

        if (RegionScope.FromClaim(request.Region, regions) is null)
        {
            errors["region"] = [new("已知的行政区划代码（510700、510000、500000 等），或用 * 表示川渝两地。", "A known division code (510700, 510000, 500000, …) or * for both provinces.")];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var settings = options.Value;
        var key = AuthSetup.SigningKeys(settings)[0];
        var expires = time.GetUtcNow() + settings.DevelopmentTokens.Lifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = AuthSetup.Identity(request.Subject ?? $"dev-{request.Role}", request.Role, request.Region, request.Organisation),
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return TypedResults.Ok(new DevelopmentToken(token, expires));
    }

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message =
        "Development tokens are on. Get one: curl -s -X POST http://localhost:5080" + Path
        + " -H 'Content-Type: application/json' -d '{Body}'"
        + " — then in Scalar open Authentication, choose Bearer and paste the accessToken.")]
    private static partial void LogHowTo(ILogger logger, string body);
}

/// <param name="Role">operator, reviewer, auditor, training_institution, integrator or administrator.</param>
/// <param name="Region">A division code such as 510700, or * for a cross-province scope.</param>
/// <param name="Subject">The caller's identifier; defaults to dev-&lt;role&gt;.</param>
/// <param name="Organisation">For training_institution: the institution's unified social credit code.</param>
internal sealed record DevelopmentTokenRequest(string Role, string Region, string? Subject, string? Organisation = null);

internal sealed record DevelopmentToken(string AccessToken, DateTimeOffset ExpiresAt);
