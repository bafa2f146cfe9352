using Platform.BuildingBlocks.Contracts;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.VeteranEmployment.Contracts;

namespace Platform.Modules.Insights.Domain;

/// <summary>
/// What each published event of M1–M4 contributes as a counted event: the day it counts on (the business
/// day the event names, not the day it arrived), the region, the person, an amount and its attributes.
/// Nothing here reads another module's tables.
/// </summary>
internal static class EventFacts
{
    /// <summary>The events counted, by stable name, with a short label in Chinese and English for journeys and documentation.</summary>
    public static IReadOnlyDictionary<string, (string Zh, string En)> Labels { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [VoucherIssued.Name] = ("领取职业技能培训券", "training voucher issued"),
        [TrainingCompleted.Name] = ("完成补贴性职业技能培训", "subsidised training completed"),
        [SubsidyPaid.Name] = ("培训补贴已拨付", "training subsidy paid"),
        [StudioAccredited.Name] = ("技能大师工作室获认定", "skill-master studio accredited"),
        [StudioRevoked.Name] = ("技能大师工作室被撤销", "skill-master studio revoked"),
        [ApprenticeQualified.Name] = ("徒弟取得技能等级", "apprentice qualified"),
        [VeteranRegistered.Name] = ("退役军人登记", "registered as a veteran"),
        [VeteranEmploymentChanged.Name] = ("退役军人就业状态变更", "veteran's employment status changed"),
        [BusinessRegistered.Name] = ("返乡创业实体登记", "return-home business registered"),
        [JobsCreated.Name] = ("创业带动就业变化", "jobs created changed"),
        [LoanDisbursed.Name] = ("创业担保贷款发放", "guaranteed business loan disbursed"),
    };

    public static CountedEvent From(IntegrationEvent integrationEvent, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var fact = integrationEvent switch
        {
            VoucherIssued e => Fact(VoucherIssued.Name, e.IssuedOn, e.RegionCode, e.HolderBlindIndex, e.FaceValue,
                EventAttributes.Write(("groups", e.Groups), ("level", e.Level), ("occupation", e.OccupationCode))),
            TrainingCompleted e => Fact(TrainingCompleted.Name, e.CompletedOn, e.RegionCode, e.HolderBlindIndex, 1m,
                EventAttributes.Write(("groups", e.Groups), ("level", e.Level), ("occupation", e.OccupationCode), ("passed", e.Passed))),
            SubsidyPaid e => Fact(SubsidyPaid.Name, e.PaidOn, e.RegionCode, e.HolderBlindIndex, e.Amount, EventAttributes.Write(("groups", e.Groups))),
            StudioAccredited e => Fact(StudioAccredited.Name, e.StartsOn, e.RegionCode, e.LeadMasterBlindIndex, e.FundingGranted,
                EventAttributes.Write(("level", e.Level), ("kind", e.Kind), ("field", e.Field), ("occupation", e.OccupationCode))),
            StudioRevoked e => Fact(StudioRevoked.Name, e.RevokedOn, e.RegionCode, null, 1m, EventAttributes.Write(("level", e.Level), ("cause", e.Cause))),
            ApprenticeQualified e => Fact(ApprenticeQualified.Name, e.QualifiedOn, e.RegionCode, e.ApprenticeBlindIndex, 1m,
                EventAttributes.Write(("level", e.LevelReached), ("occupation", e.OccupationCode))),
            VeteranRegistered e => Fact(VeteranRegistered.Name, e.RegisteredOn, e.RegionCode, e.PersonBlindIndex, 1m, EventAttributes.Write(("category", e.Category))),
            VeteranEmploymentChanged e => Fact(VeteranEmploymentChanged.Name, e.EffectiveOn, e.RegionCode, e.PersonBlindIndex, 1m,
                EventAttributes.Write(("status", e.Status), ("correction", e.IsCorrection))),
            BusinessRegistered e => Fact(BusinessRegistered.Name, e.RegisteredOn, e.RegionCode, e.FounderBlindIndex, 1m,
                EventAttributes.Write(("category", e.FounderCategory), ("industry", e.Industry), ("business", e.BusinessName))),
            JobsCreated e => Fact(JobsCreated.Name, e.OnDay, e.RegionCode, null, e.Change, ""),
            LoanDisbursed e => Fact(LoanDisbursed.Name, e.DisbursedOn, e.RegionCode, e.BorrowerBlindIndex, e.Amount,
                EventAttributes.Write(("kind", e.Kind), ("term_months", e.TermMonths))),
            _ => throw new ArgumentException($"Insights does not count {integrationEvent.GetType().Name}.", nameof(integrationEvent)),
        };
        fact.EventId = integrationEvent.EventId;
        fact.ReceivedAt = receivedAt;
        return fact;
    }

    private static CountedEvent Fact(string name, DateOnly day, string region, string? person, decimal amount, string attributes) => new()
    {
        EventName = name,
        Day = day,
        RegionCode = region,
        PersonBlindIndex = person,
        Amount = amount,
        Attributes = attributes,
    };
}
