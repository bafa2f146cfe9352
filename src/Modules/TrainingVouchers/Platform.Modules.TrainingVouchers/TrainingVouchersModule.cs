using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Jobs;
using Platform.BuildingBlocks.Modules;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.Security;
using Platform.Modules.TrainingVouchers.Features.Attendance;
using Platform.Modules.TrainingVouchers.Features.Catalogue;
using Platform.Modules.TrainingVouchers.Features.Closing;
using Platform.Modules.TrainingVouchers.Features.Completion;
using Platform.Modules.TrainingVouchers.Features.Eligibility;
using Platform.Modules.TrainingVouchers.Features.Enrolment;
using Platform.Modules.TrainingVouchers.Features.Expiry;
using Platform.Modules.TrainingVouchers.Features.Institutions;
using Platform.Modules.TrainingVouchers.Features.Issue;
using Platform.Modules.TrainingVouchers.Features.Lookup;
using Platform.Modules.TrainingVouchers.Features.Payments;
using Platform.Modules.TrainingVouchers.Features.Settlement;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Features.Statistics;
using Platform.Modules.TrainingVouchers.Persistence;
using Platform.Modules.TrainingVouchers.Persistence.Seeding;

namespace Platform.Modules.TrainingVouchers;

/// <summary>
/// Training vouchers (职业技能培训券): an operator issues an electronic voucher to an eligible worker, an
/// approved institution enrols the holder and records supervised attendance and the assessment, the
/// institution claims the subsidy, a reviewer approves it and approved claims are paid in batches.
/// </summary>
public sealed class TrainingVouchersModule : IModule
{
    public string Name => TrainingVouchersDbContext.Module;

    public string RoutePrefix => "training-vouchers";

    public string Version => "1.0.0";

    public void AddServices(IServiceCollection services, ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddModuleDbContext<TrainingVouchersDbContext, TrainingVouchersDbContextSqlite, TrainingVouchersDbContextPostgreSql, TrainingVouchersDbContextSqlServer>(context);
        services.AddScoped<IModuleSeeder, ReferenceDataSeeder>();
        services.AddValidatorsFromAssemblyContaining<TrainingVouchersModule>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton<ReferenceData>();
        services.AddScoped<HolderFactsReader>();
        services.AddScoped<EnrolmentRules>();
        services.AddScoped<VoucherResults>();
        services.AddOptions<ExpiryOptions>()
            .Bind(context.Section.GetSection(ExpiryOptions.Section))
            .Validate(o => o.Interval >= TimeSpan.FromSeconds(1), "Modules:TrainingVouchers:Expiry:Interval must be at least one second.")
            .Validate(o => o.BatchSize is >= 1 and <= 10000, "Modules:TrainingVouchers:Expiry:BatchSize must be 1–10000.")
            .ValidateOnStart();
        services.AddSingleton<VoucherExpiry>();
        if (context.RunMode == HostRunMode.Serve)
        {
            services.AddHostedService<DailySweepService<VoucherExpiry>>();
        }

        services.AddPermissions(TrainingVoucherPermissions.Grants);
    }

    public void MapEndpoints(IEndpointRouteBuilder routes)
    {
        routes.MapCatalogueEndpoints();
        routes.MapInstitutionEndpoints();
        routes.MapCheckEligibility();
        routes.MapIssueVoucher();
        routes.MapGetVoucher();
        routes.MapSearchVouchers();
        routes.MapCloseVoucher();
        routes.MapEnrolVoucher();
        routes.MapEnrolClass();
        routes.MapRecordAttendance();
        routes.MapCompleteTraining();
        routes.MapSettleVoucher();
        routes.MapPaymentBatches();
        routes.MapListFraudFlags();
        routes.MapGetStatistics();
    }
}
