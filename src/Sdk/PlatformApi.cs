namespace Platform.Sdk;

/// <summary>
/// One entry point to every module's client. Each property is the generated typed client of one
/// module; a new module adds one property here and one line in <see cref="PlatformSdkServiceCollectionExtensions"/>.
/// </summary>
public sealed class PlatformApi(IPlatformClient platform, ITrainingVouchersClient trainingVouchers, ISkillMasterStudiosClient skillMasterStudios, IVeteranEmploymentClient veteranEmployment,
    IReturnHomeEntrepreneurshipClient returnHomeEntrepreneurship,
    IInsightsClient insights)
{
    /// <summary>The built-in Platform module: modules, regions, outbox dead letters.</summary>
    public IPlatformClient Platform { get; } = platform;

    /// <summary>Training vouchers: eligibility, issue, enrolment, attendance, assessment, settlement, payment, statistics.</summary>
    public ITrainingVouchersClient TrainingVouchers { get; } = trainingVouchers;

    /// <summary>Skill-master studios: masters, applications and expert review, accreditation, funding, annual reports, statistics.</summary>
    public ISkillMasterStudiosClient SkillMasterStudios { get; } = skillMasterStudios;

    /// <summary>Veteran employment: registry, training needs, employment ledger, job matching, hiring incentives, statistics.</summary>
    public IVeteranEmploymentClient VeteranEmployment { get; } = veteranEmployment;

    /// <summary>Return-home entrepreneurship: founders, businesses and jobs, parks, start-up subsidies, guaranteed loans and interest subsidy, mentors, statistics.</summary>
    public IReturnHomeEntrepreneurshipClient ReturnHomeEntrepreneurship { get; } = returnHomeEntrepreneurship;

    /// <summary>Insights: indicators and targets, progress per region and period, regional comparison, exports and charts, a person's journey.</summary>
    public IInsightsClient Insights { get; } = insights;
}
