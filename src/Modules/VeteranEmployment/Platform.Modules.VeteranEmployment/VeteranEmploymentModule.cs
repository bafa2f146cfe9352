using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.VeteranEmployment.Features.Incentives;
using Platform.Modules.VeteranEmployment.Features.Integration;
using Platform.Modules.VeteranEmployment.Features.Jobs;
using Platform.Modules.VeteranEmployment.Features.Ledger;
using Platform.Modules.VeteranEmployment.Features.Needs;
using Platform.Modules.VeteranEmployment.Features.Registry;
using Platform.Modules.VeteranEmployment.Features.Statistics;
using Platform.Modules.VeteranEmployment.Persistence;
using Platform.Modules.VeteranEmployment.Persistence.Seeding;

namespace Platform.Modules.VeteranEmployment;

/// <summary>
/// Veteran employment (退役军人就业): a county bureau registers discharged veterans who settle there,
/// surveys their training needs, keeps a real-name dated ledger of each veteran's employment status,
/// matches them to employers' postings, computes the tax incentives of hiring or self-employment, and
/// reports employment rates and training against its targets.
/// </summary>
public sealed class VeteranEmploymentModule : IModule
{
    public string Name => VeteranEmploymentDbContext.Module;

    public string RoutePrefix => "veteran-employment";

    public string Version => "1.0.0";

    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddModuleDbContext<VeteranEmploymentDbContext, VeteranEmploymentDbContextSqlite, VeteranEmploymentDbContextPostgreSql, VeteranEmploymentDbContextSqlServer>(context);
        services.AddScoped<IModuleSeeder, ReferenceDataSeeder>();
        services.AddValidatorsFromAssemblyContaining<VeteranEmploymentModule>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddBatchIntegrationEventHandler<TrainingCompleted, TrainingCompletedHandler, VeteranEmploymentDbContext>("veteran_employment.training_completed");
        services.AddIntegrationEventHandler<BusinessRegistered, BusinessRegisteredHandler, VeteranEmploymentDbContext>("veteran_employment.business_registered");
        services.AddPermissions(VeteranPermissions.Grants);
    }

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapVeteranEndpoints();
        routes.MapTrainingNeedEndpoints();
        routes.MapLedgerEndpoints();
        routes.MapLedgerImport();
        routes.MapJobEndpoints();
        routes.MapIncentiveEndpoints();
        routes.MapStatisticsEndpoints();
    }
}
