using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Shared;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Enrolment;

/// <summary>The course a holder enrols on.</summary>
internal sealed record Course(int ScheduledHours, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>
/// The enrolment rules, shared by single and class enrolment: the holder presents the voucher (its
/// number and their identity number), the voucher is unused and unexpired, the institution is approved
/// and licensed for the occupation and level, and a voucher used in the other province needs
/// cross-province recognition switched on in its region.
/// </summary>
internal sealed class EnrolmentRules(TrainingVouchersDbContext db, IPersonalDataProtector protector, ReferenceData referenceData, TimeProvider time)
{
    private readonly Dictionary<string, ProgramRules?> rulesByRegion = new(StringComparer.Ordinal);

    public DateTimeOffset Now { get; } = time.GetUtcNow();

    public DateOnly Today => ChinaCalendar.DayOf(Now);

    public string BlindIndexOf(string identityNumber) => protector.BlindIndexForLookup(PersonalDataKind.ResidentId, identityNumber) ?? "";

    /// <summary>
    /// Vouchers by number, tracked. Enrolment may take a voucher of another region into service (a Sichuan
    /// voucher at a Chongqing institution), so this read looks past the region filter; <see cref="CheckAsync"/>
    /// then admits only a voucher the caller's region covers or whose holder's identity number was presented.
    /// </summary>
    public async Task<Dictionary<Guid, Voucher>> LoadVouchersAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        await db.Vouchers.IgnoreQueryFilters().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);

    public async Task<Institution> LoadInstitutionAsync(string creditCode, CancellationToken cancellationToken)
    {
        var institution = await db.Institutions.AsNoTracking().Include(i => i.Licences).FirstOrDefaultAsync(i => i.CreditCode == creditCode, cancellationToken);
        return institution ?? throw VoucherProblems.Unprocessable(
            VoucherProblems.InstitutionNotFound, $"没有统一社会信用代码为 {creditCode} 的定点培训机构。", $"No approved-list training institution has credit code {creditCode}.");
    }

    public async Task<ProgramRules?> RulesAsync(string regionCode, CancellationToken cancellationToken)
    {
        if (!rulesByRegion.TryGetValue(regionCode, out var rules))
        {
            rules = await referenceData.RulesInForceAsync(regionCode, Today, cancellationToken);
            rulesByRegion[regionCode] = rules;
        }

        return rules;
    }

    /// <summary>The refusal of enrolling <paramref name="voucher"/>, or null when it may be enrolled.</summary>
    public async Task<DomainException?> CheckAsync(Guid voucherId, Voucher? voucher, string holderBlindIndex, Institution institution, CancellationToken cancellationToken)
    {
        var holderMatches = voucher is not null && string.Equals(voucher.Holder.BlindIndex, holderBlindIndex, StringComparison.Ordinal);
        var scope = db.Caller.Scope;
        var visible = voucher is not null && (scope.Covers(voucher.RegionCode) || scope.Covers(voucher.ServingRegionCode));
        if (voucher is null || (!visible && !holderMatches))
        {
            return VoucherProblems.NotFound(voucherId);
        }

        if (!holderMatches)
        {
            return VoucherProblems.Unprocessable(VoucherProblems.HolderMismatch, "身份证号码与培训券持有人不符。", "The identity number is not the voucher holder's.");
        }

        if (!VoucherStateMachine.IsAllowed(voucher.Status, VoucherAction.Enrol))
        {
            return VoucherStateMachine.RefusalOf(voucher.Status, VoucherAction.Enrol);
        }

        if (voucher.ExpiresOn < Today)
        {
            return VoucherProblems.Unprocessable(VoucherProblems.Expired, $"培训券已于 {voucher.ExpiresOn:yyyy-MM-dd} 过期。", $"The voucher expired on {voucher.ExpiresOn:yyyy-MM-dd}.");
        }

        if (institution.Status != InstitutionStatus.Approved)
        {
            return VoucherProblems.Unprocessable(
                VoucherProblems.InstitutionNotInGoodStanding,
                $"培训机构 {institution.Name} 当前状态为 {institution.Status}（{institution.StatusReason}），不能招收学员。",
                $"Institution {institution.CreditCode} is {institution.Status} ({institution.StatusReason}) and can enrol nobody.");
        }

        if (!institution.IsLicensedFor(voucher.OccupationCode, voucher.Level, Today))
        {
            return VoucherProblems.Unprocessable(
                VoucherProblems.InstitutionNotLicensed,
                $"培训机构 {institution.Name} 未获准开展职业 {voucher.OccupationCode} {voucher.Level.ChineseName()} 培训。",
                $"Institution {institution.CreditCode} is not licensed to train {voucher.OccupationCode} at {voucher.Level}.");
        }

        if (ReferenceData.CrossesProvince(voucher.RegionCode, institution.RegionCode))
        {
            var rules = await RulesAsync(voucher.RegionCode, cancellationToken);
            if (rules is null || !rules.CrossProvinceRecognition)
            {
                return VoucherProblems.Unprocessable(
                    VoucherProblems.CrossProvinceDisabled,
                    $"地区 {voucher.RegionCode} 的培训券目前不能在外省培训机构使用。",
                    $"Vouchers of region {voucher.RegionCode} cannot currently be used at institutions of the other province.");
            }
        }

        return null;
    }

    public void Enrol(Voucher voucher, Institution institution, Course course)
    {
        voucher.Apply(VoucherAction.Enrol);
        voucher.InstitutionCode = institution.CreditCode;
        voucher.ServingRegionCode = institution.RegionCode;
        voucher.EnrolledAt = Now;
        voucher.ScheduledHours = course.ScheduledHours;
        voucher.CourseStartsOn = course.StartsOn;
        voucher.CourseEndsOn = course.EndsOn;
    }
}
