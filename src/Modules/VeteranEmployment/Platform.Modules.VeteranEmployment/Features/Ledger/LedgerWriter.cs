using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Localization;
using Platform.BuildingBlocks.Time;
using Platform.Modules.VeteranEmployment.Contracts;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Features.Shared;
using Platform.Modules.VeteranEmployment.Persistence;

namespace Platform.Modules.VeteranEmployment.Features.Ledger;

/// <summary>One ledger line: VeteranEmployment_RecordEmploymentStatus's body and one row of an import.</summary>
/// <param name="EffectiveOn">The day the status holds from: not before discharge, not after today.</param>
/// <param name="Status">The status.</param>
/// <param name="EmployerCode">Employed: the employer's unified social credit code (required).</param>
/// <param name="Position">Employed: the position (at most 200 characters).</param>
/// <param name="ContractMonths">Employed: the labour contract's term in months, 0–600 (the hiring incentive needs 12 or more).</param>
/// <param name="SocialInsurance">Employed: whether social insurance is paid (the hiring incentive needs it).</param>
/// <param name="BusinessName">Self-employed: the business (required, at most 200 characters).</param>
/// <param name="BusinessCode">Self-employed: the business's credit code, when registered.</param>
/// <param name="CorrectsEntryId">When this entry corrects an earlier one: that entry.</param>
/// <param name="Note">A note (at most 500 characters).</param>
internal sealed record LedgerEntryRequest(
    DateOnly? EffectiveOn, EmploymentStatus? Status, string? EmployerCode, string? Position, int? ContractMonths, bool? SocialInsurance,
    string? BusinessName, string? BusinessCode, Guid? CorrectsEntryId, string? Note);

internal sealed class LedgerEntryRequestValidator : AbstractValidator<LedgerEntryRequest>
{
    private static readonly LocalizedText OnlyWhenEmployed = new("仅在“就业”状态下填写。", "Only for the Employed status.");
    private static readonly LocalizedText OnlyWhenSelfEmployed = new("仅在“自主创业”状态下填写。", "Only for the SelfEmployed status.");

    public LedgerEntryRequestValidator()
    {
        RuleFor(r => r.EffectiveOn).NotNull().InclusiveBetween(new DateOnly(1950, 1, 1), ChinaCalendar.LastDay);
        RuleFor(r => r.Status).NotNull().IsInEnum();
        RuleFor(r => r.Note).MaximumLength(500);
        When(r => r.Status == EmploymentStatus.Employed, () =>
        {
            RuleFor(r => r.EmployerCode).NotEmpty().ValidCreditCode();
            RuleFor(r => r.Position).MaximumLength(200);
            RuleFor(r => r.ContractMonths).InclusiveBetween(0, 600);
        }).Otherwise(() =>
        {
            RuleFor(r => r.EmployerCode).Null().WithMessage(OnlyWhenEmployed);
            RuleFor(r => r.Position).Null().WithMessage(OnlyWhenEmployed);
            RuleFor(r => r.ContractMonths).Null().WithMessage(OnlyWhenEmployed);
            RuleFor(r => r.SocialInsurance).Must(s => s is null or false).WithMessage(OnlyWhenEmployed);
        });
        When(r => r.Status == EmploymentStatus.SelfEmployed, () =>
        {
            RuleFor(r => r.BusinessName).NotEmpty().MaximumLength(200);
            RuleFor(r => r.BusinessCode).ValidCreditCode().When(r => r.BusinessCode is not null);
        }).Otherwise(() =>
        {
            RuleFor(r => r.BusinessName).Null().WithMessage(OnlyWhenSelfEmployed);
            RuleFor(r => r.BusinessCode).Null().WithMessage(OnlyWhenSelfEmployed);
        });
    }
}

/// <summary>
/// Appends to a veteran's ledger: the one path for a recorded status, an imported row, a placement and a
/// business registered by the return-home entrepreneurship module.
/// Refuses a day before discharge or after today and a correction of an entry the veteran does not
/// have; keeps the veteran's current status (the entry in force today) and publishes
/// <see cref="VeteranEmploymentChanged"/> in the same transaction.
/// </summary>
internal static class LedgerWriter
{
    /// <summary>The latest effective day on or before <paramref name="today"/> of each veteran's ledger.</summary>
    public static async Task<Dictionary<Guid, DateOnly>> CurrentDaysAsync(VeteranEmploymentDbContext db, IReadOnlyCollection<Guid> veterans, DateOnly today, CancellationToken cancellationToken) =>
        await db.Ledger.AsNoTracking()
            .Where(e => veterans.Contains(e.VeteranId) && e.EffectiveOn <= today)
            .GroupBy(e => e.VeteranId)
            .Select(g => new { g.Key, Day = g.Max(e => e.EffectiveOn) })
            .ToDictionaryAsync(g => g.Key, g => g.Day, cancellationToken);

    /// <summary>
    /// Adds the entry to <paramref name="db"/> (not saved). <paramref name="currentDays"/> holds the latest
    /// effective day in force today per veteran and is updated. <paramref name="correctable"/> says
    /// whether an entry id belongs to the veteran. <paramref name="now"/> is the entry's recording instant:
    /// of two entries for one day, the later recorded wins.
    /// </summary>
    public static LedgerEntry Append(
        VeteranEmploymentDbContext db, Veteran veteran, LedgerEntryRequest request, LedgerSource source, Func<Guid, bool> correctable,
        IDictionary<Guid, DateOnly> currentDays, DateTimeOffset now)
    {
        var today = ChinaCalendar.DayOf(now);
        var day = request.EffectiveOn!.Value;
        if (day > today)
        {
            throw VeteranAccess.FieldError("effectiveOn", "生效日期不能晚于今天：台账记录已发生的情况。", "The effective day cannot be after today: the ledger records what has happened.");
        }

        if (day < veteran.DischargedOn)
        {
            throw VeteranProblems.Unprocessable(VeteranProblems.EffectiveBeforeDischarge, $"生效日期早于退役日期 {veteran.DischargedOn:yyyy-MM-dd}。", $"The effective day is before the discharge on {veteran.DischargedOn:yyyy-MM-dd}.");
        }

        if (request.CorrectsEntryId is { } corrected && !correctable(corrected))
        {
            throw VeteranProblems.Unprocessable(VeteranProblems.CorrectedEntryNotFound, $"该退役军人的台账中没有记录 {corrected}。", $"The veteran's ledger has no entry {corrected}.");
        }

        var entry = new LedgerEntry
        {
            Id = Guid.CreateVersion7(now),
            VeteranId = veteran.Id,
            EffectiveOn = day,
            Status = request.Status!.Value,
            EmployerCode = request.EmployerCode is null ? null : VeteranAccess.CreditCode(request.EmployerCode),
            Position = request.Position?.Trim(),
            ContractMonths = request.ContractMonths,
            SocialInsurance = request.SocialInsurance ?? false,
            BusinessName = request.BusinessName?.Trim(),
            BusinessCode = request.BusinessCode is null ? null : VeteranAccess.CreditCode(request.BusinessCode),
            Source = source,
            CorrectsEntryId = request.CorrectsEntryId,
            Note = request.Note?.Trim() ?? "",
            RecordedAt = now,
            RecordedBy = db.Caller.Subject,
        };
        db.Ledger.Add(entry);

        // Recorded last, so among entries of its effective day it wins; it is in force today unless a
        // later effective day (still on or before today) exists.
        if (!currentDays.TryGetValue(veteran.Id, out var current) || day >= current)
        {
            currentDays[veteran.Id] = day;
            veteran.CurrentStatus = entry.Status;
        }

        db.Publish(new VeteranEmploymentChanged(veteran.Id, veteran.Person.BlindIndex, entry.Status.ToString(), day, veteran.RegionCode, entry.EmployerCode, entry.CorrectsEntryId is not null));
        return entry;
    }

    /// <summary>Appends one entry for one veteran, with the reads it needs.</summary>
    public static async Task<LedgerEntry> AppendOneAsync(
        VeteranEmploymentDbContext db, Veteran veteran, LedgerEntryRequest request, LedgerSource source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = ChinaCalendar.DayOf(now);
        var currentDays = await CurrentDaysAsync(db, [veteran.Id], today, cancellationToken);
        var correctable = request.CorrectsEntryId is { } corrected
            && await db.Ledger.AnyAsync(e => e.Id == corrected && e.VeteranId == veteran.Id, cancellationToken);
        return Append(db, veteran, request, source, _ => correctable, currentDays, now);
    }
}
