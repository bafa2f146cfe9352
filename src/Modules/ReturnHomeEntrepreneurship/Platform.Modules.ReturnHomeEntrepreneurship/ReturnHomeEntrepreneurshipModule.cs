using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Founders;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Integration;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Mentors;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Parks;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Reference;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Statistics;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Subsidies;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence.Seeding;
using Platform.Modules.VeteranEmployment.Contracts;

namespace Platform.Modules.ReturnHomeEntrepreneurship;

/// <summary>
/// Rural return-home entrepreneurship (返乡入乡创业): a county bureau registers people who come home to
/// start businesses, their businesses and the jobs those create, hosts them in parks and incubators, pays
/// the one-time start-up subsidy, and runs guaranteed business loans with a bank and a guarantee fund,
/// computing the interest subsidy public finance owes; mentors and projects are shared by both provinces.
/// </summary>
public sealed class ReturnHomeEntrepreneurshipModule : IModule
{
    public string Name => ReturnHomeEntrepreneurshipDbContext.Module;

    public string RoutePrefix => "return-home-entrepreneurship";

    public string Version => "1.0.0";

    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddModuleDbContext<ReturnHomeEntrepreneurshipDbContext, ReturnHomeEntrepreneurshipDbContextSqlite, ReturnHomeEntrepreneurshipDbContextPostgreSql, ReturnHomeEntrepreneurshipDbContextSqlServer>(context);
        services.AddScoped<IModuleSeeder, ReferenceDataSeeder>();
        services.AddValidatorsFromAssemblyContaining<ReturnHomeEntrepreneurshipModule>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddIntegrationEventHandler<VeteranRegistered, VeteranRegisteredHandler, ReturnHomeEntrepreneurshipDbContext>("return_home_entrepreneurship.veteran_registered");
        services.AddPermissions(EntrepreneurshipPermissions.Grants);
        services.AddSingleton<LoanStandingCheck>();
        if (context.RunMode == HostRunMode.Serve)
        {
            services.AddHostedService<LoanStandingService>();
        }
    }

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapEntrepreneurEndpoints();
        routes.MapBusinessEndpoints();
        routes.MapParkEndpoints();
        routes.MapSubsidyEndpoints();
        routes.MapLoanEndpoints();
        routes.MapInterestSubsidyEndpoints();
        routes.MapMentorEndpoints();
        routes.MapReferenceEndpoints();
        routes.MapStatisticsEndpoints();
    }
}
