using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Platform.Host.Composition;

/// <summary>
/// The <c>Auth</c> section: either an external identity provider (<see cref="Authority"/>) or keys
/// for tokens the platform issues itself (<see cref="SigningKeys"/>); the first key signs, all verify,
/// so a key is rotated by putting the new one first and removing the old one once its tokens expired.
/// </summary>
internal sealed partial class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>OIDC authority (issuer URL) of an external identity provider.</summary>
    public string? Authority { get; set; }

    /// <summary>Expected audience of tokens.</summary>
    public string Audience { get; set; } = "chuanyu-platform";

    /// <summary>Issuer of self-issued tokens (ignored with an authority).</summary>
    public string Issuer { get; set; } = "chuanyu-platform";

    /// <summary>HMAC-SHA256 keys of self-issued tokens; the first signs.</summary>
    public IList<SigningKey> SigningKeys { get; set; } = [];

    public DevelopmentTokenOptions DevelopmentTokens { get; set; } = new();

    public AnonymousOptions Anonymous { get; set; } = new();

    internal sealed class SigningKey
    {
        public string Id { get; set; } = "";

        /// <summary>Base64 of at least 32 random bytes.</summary>
        public string Key { get; set; } = "";
    }

    internal sealed class DevelopmentTokenOptions
    {
        /// <summary>Serve <c>POST /api/dev/tokens</c>. Only allowed in Development.</summary>
        public bool Enabled { get; set; }

        public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(8);
    }

    /// <summary>Which infrastructure endpoints answer without a token.</summary>
    internal sealed class AnonymousOptions
    {
        public bool Health { get; set; } = true;

        public bool OpenApi { get; set; } = true;

        public bool Scalar { get; set; } = true;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    internal static partial Regex KeyIdPattern();
}

internal sealed class AuthOptionsValidator(IHostEnvironment environment, HostRunModeHolder runMode) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (runMode.Mode == Platform.BuildingBlocks.Modules.HostRunMode.DocumentGeneration)
        {
            return ValidateOptionsResult.Skip; // The build-time generator serves nothing and validates no token.
        }

        var failures = new List<string>();
        if (options.DevelopmentTokens.Enabled && !environment.IsDevelopment())
        {
            failures.Add($"Auth:DevelopmentTokens:Enabled is set in the '{environment.EnvironmentName}' environment; development tokens are only allowed in Development.");
        }

        if (string.IsNullOrWhiteSpace(options.Authority) && options.SigningKeys.Count == 0)
        {
            failures.Add("No way to validate tokens: configure Auth:Authority (an OIDC identity provider) or Auth:SigningKeys (self-issued tokens).");
        }

        if (!string.IsNullOrWhiteSpace(options.Authority) && !Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
        {
            failures.Add("Auth:Authority must be an absolute URL.");
        }

        if (options.DevelopmentTokens.Enabled && options.SigningKeys.Count == 0)
        {
            failures.Add("Auth:DevelopmentTokens:Enabled needs Auth:SigningKeys to sign the tokens.");
        }

        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            var key = options.SigningKeys[i];
            if (!AuthOptions.KeyIdPattern().IsMatch(key.Id))
            {
                failures.Add($"Auth:SigningKeys:{i}:Id must be 1-32 letters, digits, '-' or '_'.");
            }

            if (!TryDecode(key.Key, out var bytes) || bytes.Length < 32)
            {
                failures.Add($"Auth:SigningKeys:{i}:Key must be base64 of at least 32 bytes.");
            }
        }

        if (options.SigningKeys.Select(k => k.Id).Distinct(StringComparer.Ordinal).Count() != options.SigningKeys.Count)
        {
            failures.Add("Auth:SigningKeys ids must be unique.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool TryDecode(string value, out byte[] bytes)
    {
        bytes = [];
        try
        {
            bytes = Convert.FromBase64String(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
