using System.Collections.Concurrent;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Security;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>The body of the personal-data probe: an identity number and a mobile number, as a form would send them.</summary>
public sealed record PersonalDataBody(string? IdNumber, string? Phone);

/// <summary>What the personal-data probe answers: the values as the caller may see them.</summary>
public sealed record PersonalDataView(string IdNumber, string Phone);

/// <summary>How often a probe endpoint ran for one id.</summary>
public sealed record ProbeRun(string Id, int Runs);

/// <summary>Rules of the personal-data body; registered so the host's validation filter runs them.</summary>
public sealed class PersonalDataBodyValidator : AbstractValidator<PersonalDataBody>
{
    public PersonalDataBodyValidator()
    {
        RuleFor(b => b.IdNumber).Must(v => ResidentIdNumber.TryParse(v, out _)).WithMessage("Not a valid resident identity number.");
        RuleFor(b => b.Phone).Must(v => PersonalDataNormalizer.NormalizePhone(v) is not null).WithMessage("Not a valid mobile number.");
    }
}

/// <summary>A gate a probe request waits at: the test sees when the request arrived and decides when it goes on.</summary>
public sealed class ProbeGate
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a request reached the endpoint.</summary>
    public Task Entered => entered.Task;

    internal Task Released => released.Task;

    public void Release() => released.TrySetResult();

    internal void Enter() => entered.TrySetResult();
}

/// <summary>
/// A test-only module mapped like the host's own modules, on <c>/api/security-probe</c>. Every endpoint
/// requires <see cref="UsePermission"/>, which every role holds, so the fallback policy, the permission
/// check and the region check all apply. It stores nothing; it counts runs so tests can tell whether
/// the endpoint itself ran.
/// </summary>
public sealed class SecurityProbeModule : IModule
{
    public const string UsePermission = "security_probe.use";
    public const string RefusedCode = "security_probe.refused";
    public const string EntityType = "SecurityProbe";

    private static readonly ConcurrentDictionary<string, int> RunCounts = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ProbeGate> Gates = new(StringComparer.Ordinal);

    public string Name => "SecurityProbe";

    public string RoutePrefix => "security-probe";

    public string Version => "0.0.1";

    /// <summary>Opens a gate for <paramref name="id"/>: <c>POST gated/{id}</c> waits at it until released.</summary>
    public static ProbeGate OpenGate(string id) => Gates.GetOrAdd(id, _ => new ProbeGate());

    /// <summary>How often an endpoint ran for <paramref name="id"/>.</summary>
    public static int Runs(string id) => RunCounts.TryGetValue(id, out var runs) ? runs : 0;

    /// <summary>Adds the probe to a host under test by replacing its module catalog, as the HTTP probe does.</summary>
    public static void AddToHost(IServiceCollection services) => TestModules.AddToHost(services, new SecurityProbeModule());

    public void AddServices(IServiceCollection services, ModuleContext context) => AddProbeServices(services);

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/count/{id}", Count).WithName("SecurityProbe_Count").RequirePermission(UsePermission);
        routes.MapPost("/gated/{id}", GatedAsync).WithName("SecurityProbe_Gated").RequirePermission(UsePermission);
        routes.MapPost("/flaky/{id}", Flaky).WithName("SecurityProbe_Flaky").RequirePermission(UsePermission);
        routes.MapPost("/refuse/{id}", Refuse).WithName("SecurityProbe_Refuse").RequirePermission(UsePermission);
        routes.MapPost("/personal-data", PresentAsync).WithName("SecurityProbe_PresentPersonalData").RequirePermission(UsePermission);
        routes.MapPost("/personal-data/refuse", RefusePersonalData).WithName("SecurityProbe_RefusePersonalData").RequirePermission(UsePermission);
        routes.MapPost("/personal-data/boom", FailOnPersonalData).WithName("SecurityProbe_FailOnPersonalData").RequirePermission(UsePermission);
    }

    private static void AddProbeServices(IServiceCollection services)
    {
        services.AddScoped<IValidator<PersonalDataBody>, PersonalDataBodyValidator>();
        services.AddPermissions(new PermissionGrant(UsePermission, "Call the security probe.", [.. Roles.All]));
    }

    private static int Run(string id) => RunCounts.AddOrUpdate(id, 1, (_, runs) => runs + 1);

    private static Ok<ProbeRun> Count(string id) => TypedResults.Ok(new ProbeRun(id, Run(id)));

    private static async Task<Ok<ProbeRun>> GatedAsync(string id)
    {
        var runs = Run(id);
        var gate = OpenGate(id);
        gate.Enter();
        await gate.Released.WaitAsync(TimeSpan.FromSeconds(30));
        return TypedResults.Ok(new ProbeRun(id, runs));
    }

    /// <summary>Fails on its first run for an id, succeeds afterwards.</summary>
    private static Ok<ProbeRun> Flaky(string id)
    {
        var runs = Run(id);
        return runs == 1 ? throw new InvalidOperationException("The flaky probe fails on its first run.") : TypedResults.Ok(new ProbeRun(id, runs));
    }

    private static Ok<ProbeRun> Refuse(string id)
    {
        Run(id);
        throw DomainException.Unprocessable(RefusedCode, "The probe refuses this request.");
    }

    private static async Task<Ok<PersonalDataView>> PresentAsync(
        PersonalDataBody body, IPersonalDataProtector protector, PersonalDataPresenter presenter, CancellationToken cancellationToken)
    {
        var idNumber = protector.Protect(PersonalDataKind.ResidentId, body.IdNumber!);
        var phone = protector.Protect(PersonalDataKind.Phone, body.Phone!);
        return TypedResults.Ok(new PersonalDataView(
            await presenter.PresentAsync(PersonalDataKind.ResidentId, idNumber.Ciphertext, EntityType, "probe-person", cancellationToken),
            await presenter.PresentAsync(PersonalDataKind.Phone, phone.Ciphertext, EntityType, "probe-person", cancellationToken)));
    }

    private static Ok<PersonalDataView> RefusePersonalData(PersonalDataBody body) =>
        throw DomainException.Unprocessable(RefusedCode, "The probe refuses this person.");

    private static Ok<PersonalDataView> FailOnPersonalData(PersonalDataBody body) =>
        throw new InvalidOperationException("The personal-data probe failed.");
}
