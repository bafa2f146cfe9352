using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Security;

namespace Platform.Host.Composition;

/// <summary>
/// JWT bearer authentication (an OIDC authority, or self-issued tokens signed with configured keys),
/// permission-based authorisation, and a fallback that requires a caller on every endpoint that
/// does not say otherwise.
/// </summary>
internal static class AuthSetup
{
    public const string TokenExpired = "auth.token_expired";
    public const string TokenInvalid = "auth.token_invalid";

    public static WebApplicationBuilder AddPlatformAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().Bind(builder.Configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddPlatformSecurityCore();
        services.AddPermissions(
            new PermissionGrant(Permissions.PersonalDataRead, "See resident identity and phone numbers unmasked (audited).", Roles.Operator, Roles.Reviewer),
            new PermissionGrant(Permissions.AuditRead, "Query and verify the audit trail.", Roles.Auditor));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, TimeProvider>((jwt, auth, time) =>
            {
                Configure(jwt, auth.Value);
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new CachingTokenHandler(time));
            });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>The keys self-issued tokens are verified with; the first one signs.</summary>
    public static IReadOnlyList<SymmetricSecurityKey> SigningKeys(AuthOptions options) =>
        options.SigningKeys.Select(k => new SymmetricSecurityKey(Convert.FromBase64String(k.Key)) { KeyId = k.Id }).ToArray();

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        jwt.IncludeErrorDetails = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            NameClaimType = PlatformClaims.Subject,
            RoleClaimType = PlatformClaims.Role,
            ValidateAudience = true,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            jwt.Authority = auth.Authority;
            jwt.Audience = auth.Audience;
        }
        else
        {
            jwt.TokenValidationParameters.ValidateIssuer = true;
            jwt.TokenValidationParameters.ValidIssuer = auth.Issuer;
            jwt.TokenValidationParameters.ValidateIssuerSigningKey = true;
            jwt.TokenValidationParameters.IssuerSigningKeys = SigningKeys(auth);
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }

        jwt.Events = new JwtBearerEvents
        {
            OnChallenge = async context =>
            {
                // Answer with problem details that say whether the token was missing, expired or invalid.
                context.HandleResponse();
                var (code, detail) = context.AuthenticateFailure switch
                {
                    SecurityTokenExpiredException => (TokenExpired, ProblemTexts.TokenExpired),
                    not null => (TokenInvalid, ProblemTexts.TokenInvalid),
                    _ => (ProblemCodes.Unauthenticated, ProblemTexts.Unauthenticated),
                };
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await ApiProblems.Create(401, code, detail).ExecuteAsync(context.HttpContext);
            },
        };
    }

    /// <summary>Claims of a token for <paramref name="role"/> in <paramref name="region"/>.</summary>
    public static ClaimsIdentity Identity(string subject, string role, string region, string? organisation = null)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(PlatformClaims.Subject, subject),
            new Claim(PlatformClaims.Role, role),
            new Claim(PlatformClaims.Region, region),
        ]);
        if (!string.IsNullOrWhiteSpace(organisation))
        {
            identity.AddClaim(new Claim(PlatformClaims.Organisation, organisation));
        }

        return identity;
    }

    public static string Base64Key(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
