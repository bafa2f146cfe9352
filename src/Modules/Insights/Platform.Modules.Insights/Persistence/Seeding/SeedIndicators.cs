using Platform.Modules.Insights.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.VeteranEmployment.Contracts;

namespace Platform.Modules.Insights.Persistence.Seeding;

/// <summary>The indicators the plans in the seeds set targets for, and how the platform's events count towards each.</summary>
internal static class SeedIndicators
{
    public const string SubsidisedTrainings = "subsidised_trainings";
    public const string MigrantWorkerTrainings = "migrant_worker_trainings";
    public const string VeteransTrained = "veterans_trained";
    public const string VouchersIssued = "vouchers_issued";
    public const string NationalStudios = "national_studios";
    public const string ProvincialStudios = "provincial_studios";
    public const string MunicipalStudios = "municipal_studios";
    public const string ApprenticesQualified = "apprentices_qualified";
    public const string VeteransRegistered = "veterans_registered";
    public const string ReturneeFounders = "returnee_founders";
    public const string JobsCreatedByFounders = "jobs_created_by_founders";
    public const string GuaranteedLoans = "guaranteed_loans";
    public const string ReturnHomeParks = "return_home_parks";

    public static IReadOnlyList<Indicator> All() =>
    [
        Define(SubsidisedTrainings, "补贴性职业技能培训", "Subsidised vocational trainings", "人次", TrainingCompleted.Name, IndicatorMeasure.Count, "",
            "Each training completed under a voucher (assessed, passed or not)."),
        Define(MigrantWorkerTrainings, "农民工补贴性职业技能培训", "Subsidised trainings of migrant workers", "人次", TrainingCompleted.Name, IndicatorMeasure.Count, "groups~MigrantWorkers",
            "Trainings completed by holders in the migrant-worker group."),
        Define(VeteransTrained, "退役军人职业技能培训", "Veterans trained", "人次", TrainingCompleted.Name, IndicatorMeasure.Count, "groups~Veterans",
            "Trainings completed by holders in the veteran group."),
        Define(VouchersIssued, "发放职业技能培训券", "Training vouchers issued", "张", VoucherIssued.Name, IndicatorMeasure.Count, "",
            "Each voucher issued."),
        Define(NationalStudios, "国家级技能大师工作室", "National skill-master studios", "个", StudioAccredited.Name, IndicatorMeasure.Count, "level=National;kind=New|Upgrade",
            "Studios accredited at national level (new or upgraded; renewals are not new studios)."),
        Define(ProvincialStudios, "省级技能大师工作室", "Provincial skill-master studios", "个", StudioAccredited.Name, IndicatorMeasure.Count, "level=Provincial;kind=New|Upgrade",
            "Studios accredited at provincial level (new or upgraded)."),
        Define(MunicipalStudios, "市级技能大师工作室（新建）", "New municipal skill-master studios", "个", StudioAccredited.Name, IndicatorMeasure.Count, "level=Municipal;kind=New",
            "New studios accredited at municipal level."),
        Define(ApprenticesQualified, "技能大师工作室培养徒弟取得等级", "Apprentices qualified by studios", "人", ApprenticeQualified.Name, IndicatorMeasure.Count, "",
            "Apprentices reported with a level reached, at assessment."),
        Define(VeteransRegistered, "退役军人登记", "Veterans registered", "人", VeteranRegistered.Name, IndicatorMeasure.Count, "",
            "Veterans registered where they resettle."),
        Define(ReturneeFounders, "返乡入乡创业人员", "Returnee founders", "人", BusinessRegistered.Name, IndicatorMeasure.DistinctPerson, "",
            "Each founder once, on the day of their first business registered."),
        Define(JobsCreatedByFounders, "返乡创业带动就业", "Jobs created by returnee businesses", "个", JobsCreated.Name, IndicatorMeasure.Sum, "",
            "Insured employees of returnee businesses: +1 when one starts, −1 when one leaves."),
        Define(GuaranteedLoans, "创业担保贷款发放额", "Guaranteed business loans paid out", "元", LoanDisbursed.Name, IndicatorMeasure.Sum, "",
            "The principal of each guaranteed loan on the day it is paid out."),
        Define(ReturnHomeParks, "市级返乡创业园", "Municipal return-home entrepreneurship parks", "个", null, IndicatorMeasure.Count, "",
            "Not counted by the platform: the entrepreneurship module publishes no event for parks."),
    ];

    private static Indicator Define(string code, string zh, string en, string unit, string? eventName, IndicatorMeasure measure, string filter, string description) => new()
    {
        Code = code,
        NameZh = zh,
        NameEn = en,
        Unit = unit,
        EventName = eventName,
        Measure = measure,
        Filter = filter,
        Description = description,
        IsSeeded = true,
        DefinedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Version = 1,
    };
}
