using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Modules;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Http;

/// <summary>A colour, to test enum binding.</summary>
public enum ProbeColor
{
    Red,
    Green,
}

/// <summary>A nested part of the probe body, to test nested field paths.</summary>
public sealed record ProbeAddress(string? PostalCode);

/// <summary>The probe body: an int, an enum, a string and a nested object.</summary>
public sealed record ProbeRequest(int Count, ProbeColor Color, string Name, ProbeAddress? Address);

/// <summary>Rules of the probe body; registered as a service so the host's validation filter runs it.</summary>
public sealed class ProbeValidator : AbstractValidator<ProbeRequest>
{
    public ProbeValidator()
    {
        RuleFor(r => r.Count).InclusiveBetween(1, 10);
        RuleFor(r => r.Name).NotEmpty();
        RuleFor(r => r.Address!.PostalCode).Matches("^[0-9]{6}$").When(r => r.Address is not null);
    }
}

/// <summary>
/// A test-only module with a JSON endpoint and endpoints that fail, mapped exactly as the host maps
/// its own modules: on <c>/api/probe</c> with the validation filter and the problem conventions.
/// </summary>
public sealed class ProbeModule : IModule
{
    /// <summary>The body limit the <c>echo-large</c> endpoint declares for itself.</summary>
    public const int LargeBodyLimit = 16 * 1024;

    public const string SecretMessage = "probe-secret: Password=hunter2 at Platform.Internal";

    public string Name => "Probe";

    public string RoutePrefix => "probe";

    public string Version => "0.0.1";

    /// <summary>
    /// Adds the probe to a host under test. The host's module list is fixed, so this replaces the
    /// <see cref="ModuleCatalog"/> the host registered with one that also lists the probe; the
    /// pipeline maps the catalog it resolves, so the probe gets its route group like any module.
    /// </summary>
    public static void AddToHost(IServiceCollection services) => TestModules.AddToHost(services, new ProbeModule());

    public void AddServices(IServiceCollection services, ModuleContext context) => AddProbeServices(services);

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/echo", Echo).WithName("Probe_Echo");
        routes.MapPost("/echo-large", Echo).WithName("Probe_EchoLarge").WithMetadata(new RequestSizeLimitAttribute(LargeBodyLimit));
        routes.MapPost("/echo-unlimited", Echo).WithName("Probe_EchoUnlimited").WithMetadata(new DisableRequestSizeLimitAttribute());
        routes.MapGet("/boom", Boom).WithName("Probe_Boom");
        routes.MapGet("/conflict", Conflict).WithName("Probe_Conflict");
    }

    private static void AddProbeServices(IServiceCollection services) =>
        services.AddScoped<IValidator<ProbeRequest>, ProbeValidator>();

    private static Ok<ProbeRequest> Echo(ProbeRequest request) => TypedResults.Ok(request);

    private static Ok Boom() => throw new InvalidOperationException(SecretMessage);

    private static Ok Conflict() => throw DomainException.Conflict("probe.already_done", "The probe was already done.");
}
