using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Contracts;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Insights.Features.Exports;
using Platform.Modules.Insights.Features.Indicators;
using Platform.Modules.Insights.Features.Integration;
using Platform.Modules.Insights.Features.Journey;
using Platform.Modules.Insights.Features.Progress;
using Platform.Modules.Insights.Features.Targets;
using Platform.Modules.Insights.Persistence;
using Platform.Modules.Insights.Persistence.Seeding;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.VeteranEmployment.Contracts;

namespace Platform.Modules.Insights;

/// <summary>
/// Insights: the targets of the region's employment plans as data, the actuals counted from the events
/// the four program modules publish (never their tables), progress per region and period, comparison of
/// cities, exports and charts a bureau can forward, and one person's journey across the programs.
/// </summary>
public sealed class InsightsModule : IModule
{
    public string Name => InsightsDbContext.Module;

    public string RoutePrefix => "insights";

    public string Version => "1.0.0";

    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddModuleDbContext<InsightsDbContext, InsightsDbContextSqlite, InsightsDbContextPostgreSql, InsightsDbContextSqlServer>(context);
        services.AddScoped<IModuleSeeder, ReferenceDataSeeder>();
        services.AddValidatorsFromAssemblyContaining<InsightsModule>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddPermissions(InsightsPermissions.Grants);
        Count<VoucherIssued>(services, "voucher_issued");
        Count<TrainingCompleted>(services, "training_completed");
        Count<SubsidyPaid>(services, "subsidy_paid");
        Count<StudioAccredited>(services, "studio_accredited");
        Count<StudioRevoked>(services, "studio_revoked");
        Count<ApprenticeQualified>(services, "apprentice_qualified");
        Count<VeteranRegistered>(services, "veteran_registered");
        Count<VeteranEmploymentChanged>(services, "veteran_employment_changed");
        Count<BusinessRegistered>(services, "business_registered");
        Count<JobsCreated>(services, "jobs_created");
        Count<LoanDisbursed>(services, "loan_disbursed");
    }

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapIndicatorEndpoints();
        routes.MapTargetEndpoints();
        routes.MapProgressEndpoints();
        routes.MapExportEndpoints();
        routes.MapJourneyEndpoints();
    }

    private static void Count<TEvent>(IServiceCollection services, string name)
        where TEvent : IntegrationEvent =>
        services.AddBatchIntegrationEventHandler<TEvent, CountingHandler<TEvent>, InsightsDbContext>($"insights.{name}", handlerDeduplicates: true);
}
