using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Eligibility;

/// <summary>What the rules need to know about an applicant and the training asked for.</summary>
internal sealed record HolderFacts(
    ResidentIdNumber IdNumber,
    string BlindIndex,
    EligibilityQuestion Question,
    Occupation? Occupation,
    ProgramRules? Rules,
    SubsidyStandard? Standard,
    IReadOnlyList<HeldVoucher> Held)
{
    public EligibilityVerdict Evaluate() => EligibilityEvaluator.Evaluate(Question, Occupation, Rules, Standard, Held);
}

/// <summary>Gathers <see cref="HolderFacts"/>; shared by the eligibility check and issuing, so both apply the same rules.</summary>
internal sealed class HolderFactsReader(TrainingVouchersDbContext db, IPersonalDataProtector protector, ReferenceData referenceData)
{
    public async Task<HolderFacts> ReadAsync(
        string identityNumber, TraineeGroups groups, string occupationCode, SkillLevel level, string regionCode, DateOnly day, CancellationToken cancellationToken)
    {
        VoucherCallers.RequireRegion(db.Caller, regionCode);
        var idNumber = ResidentIdNumber.Parse(identityNumber);
        var blindIndex = protector.BlindIndex(PersonalDataKind.ResidentId, idNumber.Value);

        // The quota and the repeat rules count the person's vouchers in every region (a Chongqing voucher
        // counts for a Sichuan applicant), so this one read looks past the caller's region. Only the
        // verdict leaves it; no voucher of another region is shown.
        var held = await db.Vouchers.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.Holder.BlindIndex == blindIndex)
            .Select(v => new HeldVoucher(v.OccupationCode, v.Level, v.Status, v.IssuedOn, v.Passed, v.QuotaSlot))
            .ToListAsync(cancellationToken);
        var occupation = await referenceData.OccupationAsync(occupationCode, cancellationToken);
        var rules = await referenceData.RulesInForceAsync(regionCode, day, cancellationToken);
        var standard = await referenceData.StandardInForceAsync(occupationCode, level, regionCode, day, cancellationToken);
        var question = new EligibilityQuestion(idNumber.BirthDate, groups, occupationCode, level, regionCode, day);
        return new HolderFacts(idNumber, blindIndex, question, occupation, rules, standard, held);
    }
}
