using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Jobs;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.Modules.SkillMasterStudios.Features.Applications;
using Platform.Modules.SkillMasterStudios.Features.Funding;
using Platform.Modules.SkillMasterStudios.Features.Masters;
using Platform.Modules.SkillMasterStudios.Features.Reference;
using Platform.Modules.SkillMasterStudios.Features.Reports;
using Platform.Modules.SkillMasterStudios.Features.Shared;
using Platform.Modules.SkillMasterStudios.Features.Statistics;
using Platform.Modules.SkillMasterStudios.Features.Studios;
using Platform.Modules.SkillMasterStudios.Persistence;
using Platform.Modules.SkillMasterStudios.Persistence.Seeding;

namespace Platform.Modules.SkillMasterStudios;

/// <summary>
/// Skill-master studios (技能大师工作室): a host organisation applies for a studio led by a master
/// craftsman, the city bureau recommends it, experts score it, the province or the ministry approves it
/// at a level and it is funded; every year the studio reports its duties, is assessed, and is renewed,
/// upgraded or revoked.
/// </summary>
public sealed class SkillMasterStudiosModule : IModule
{
    public string Name => SkillMasterStudiosDbContext.Module;

    public string RoutePrefix => "skill-master-studios";

    public string Version => "1.0.0";

    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddModuleDbContext<SkillMasterStudiosDbContext, SkillMasterStudiosDbContextSqlite, SkillMasterStudiosDbContextPostgreSql, SkillMasterStudiosDbContextSqlServer>(context);
        services.AddScoped<IModuleSeeder, ReferenceDataSeeder>();
        services.AddValidatorsFromAssemblyContaining<SkillMasterStudiosModule>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton<ReferenceData>();
        services.AddScoped<EligibilityReader>();
        services.AddScoped<ApplicationResults>();
        services.AddOptions<TermExpiryOptions>()
            .Bind(context.Section.GetSection(TermExpiryOptions.Section))
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1), "Modules:SkillMasterStudios:TermExpiry:Interval must be at least one second.")
            .Validate(o => o.BatchSize is >= 1 and <= 10000, "Modules:SkillMasterStudios:TermExpiry:BatchSize must be 1–10000.")
            .ValidateOnStart();
        services.AddSingleton<TermExpiry>();
        if (context.RunMode == HostRunMode.Serve)
        {
            services.AddHostedService<DailySweepService<TermExpiry>>();
        }

        services.AddPermissions(StudioPermissions.Grants);
    }

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapReferenceEndpoints();
        routes.MapMasterEndpoints();
        routes.MapApplicationEndpoints();
        routes.MapApplicationReview();
        routes.MapApplicationQueries();
        routes.MapStudioEndpoints();
        routes.MapFundingEndpoints();
        routes.MapReportEndpoints();
        routes.MapStatisticsEndpoints();
    }
}
