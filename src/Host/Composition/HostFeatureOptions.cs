using Microsoft.Extensions.Options;

namespace Platform.Host.Composition;

/// <summary>Switches and limits of the host itself, bound from the configuration root.</summary>
internal sealed class HostFeatureOptions
{
    public OpenApiSwitch OpenApi { get; set; } = new();

    public ScalarSwitch Scalar { get; set; } = new();

    public HttpLimits Http { get; set; } = new();

    internal sealed class OpenApiSwitch
    {
        public bool Enabled { get; set; } = true;
    }

    internal sealed class ScalarSwitch
    {
        public bool Enabled { get; set; } = true;
    }

    internal sealed class HttpLimits
    {
        /// <summary>Largest request body accepted, in bytes (default 1 MiB).</summary>
        public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
    }
}

internal sealed class HostFeatureOptionsValidator : IValidateOptions<HostFeatureOptions>
{
    public ValidateOptionsResult Validate(string? name, HostFeatureOptions options)
    {
        if (options.Http.MaxRequestBodyBytes is < 1024 or > 100L * 1024 * 1024)
        {
            return ValidateOptionsResult.Fail("Http:MaxRequestBodyBytes must be between 1024 and 104857600.");
        }

        if (options.Scalar.Enabled && !options.OpenApi.Enabled)
        {
            return ValidateOptionsResult.Fail("Scalar:Enabled needs OpenApi:Enabled: the explorer reads the served document.");
        }

        return ValidateOptionsResult.Success;
    }
}
