using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Modules;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Localization;

/// <summary>A nested part of the probe body, for nested field paths in messages.</summary>
public sealed record LocalizationProbeAddress(string? PostalCode);

/// <summary>The probe body: fields checked by FluentValidation's built-in rules and by a rule with a localised message.</summary>
public sealed record LocalizationProbeRequest(string? Name, int Count, LocalizationProbeAddress? Address, string? Code);

/// <summary>
/// Rules of the probe body. Registered as a singleton on purpose: it is built once, under whatever
/// culture is current then, and must still answer each request in that request's language.
/// </summary>
public sealed class LocalizationProbeValidator : AbstractValidator<LocalizationProbeRequest>
{
    public static readonly LocalizedText CodeMessage = new("“{PropertyName}”须为六位数字。", "'{PropertyName}' must be six digits.");

    public LocalizationProbeValidator()
    {
        RuleFor(r => r.Name).NotEmpty();
        RuleFor(r => r.Count).InclusiveBetween(1, 10);
        RuleFor(r => r.Address!.PostalCode).Matches("^[0-9]{6}$").When(r => r.Address is not null);
        RuleFor(r => r.Code).Matches("^[0-9]{6}$").WithMessage(CodeMessage);
    }
}

/// <summary>
/// A test-only module, added to the host like <c>Http.ProbeModule</c>: a JSON endpoint with a
/// validator, a business refusal declared in both languages, and an endpoint that throws.
/// </summary>
public sealed class LocalizationProbeModule : IModule
{
    public const string RefusedCode = "l10n_probe.refused";

    public static readonly LocalizedText RefusedDetail = new("探针已被拒绝。", "The probe was refused.");

    public static readonly LocalizedText RefusedField = new("该字段被拒绝。", "The field was refused.");

    public string Name => "LocalizationProbe";

    public string RoutePrefix => "l10n-probe";

    public string Version => "0.0.1";

    /// <summary>Adds the probe to a host under test by replacing the host's module catalog with one that also lists it.</summary>
    public static void AddToHost(IServiceCollection services) => TestModules.AddToHost(services, new LocalizationProbeModule());

    public void AddServices(IServiceCollection services, ModuleContext context) => AddProbeServices(services);

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/echo", Echo).WithName("LocalizationProbe_Echo");
        routes.MapGet("/refused", Refused).WithName("LocalizationProbe_Refused");
        routes.MapGet("/boom", Boom).WithName("LocalizationProbe_Boom");
    }

    private static void AddProbeServices(IServiceCollection services) =>
        services.AddSingleton<IValidator<LocalizationProbeRequest>, LocalizationProbeValidator>();

    private static Ok<LocalizationProbeRequest> Echo(LocalizationProbeRequest request) => TypedResults.Ok(request);

    private static Ok Refused() =>
        throw new DomainException(422, RefusedCode, RefusedDetail, new Dictionary<string, LocalizedText[]> { ["name"] = [RefusedField] });

    private static Ok Boom() => throw new InvalidOperationException("l10n probe failure");
}
