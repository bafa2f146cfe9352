using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.PersonalData;
using Platform.BuildingBlocks.Time;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Expiry;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Bench.Vouchers;

/// <summary>What the load wrote and how long it took.</summary>
internal sealed record GeneratorResult(
    int Vouchers, int Claims, int PaymentBatches, TimeSpan Planning, TimeSpan Writing, int BatchSize, string AfterLoad, string Size)
{
    public double VouchersPerSecond => Vouchers / Writing.TotalSeconds;

    public double RowsPerSecond => (Vouchers + Claims + PaymentBatches) / Writing.TotalSeconds;

    public double VouchersPerSecondOverall => Vouchers / (Planning + Writing).TotalSeconds;
}

/// <summary>
/// Turns planned vouchers into the module's entities and inserts them through its provider context:
/// batches of <c>batchSize</c> per <c>SaveChanges</c>, change detection off, the tracker cleared after
/// each batch. Holders are encrypted with the host's personal-data keys (a fresh nonce per voucher, as
/// issuing does), so the host decrypts them and its blind index finds them. Settlement claims go with
/// the vouchers that have one; payment batches (one per paying city and payment day) come last.
/// </summary>
internal sealed class VoucherWriter(Catalogue catalogue, RegionPlan regions, Population people, IPersonalDataProtector protector, int seed)
{
    private const string CancelReason = "持券人申请取消 / cancelled at the holder's request";
    private const string RevokeReason = "考勤记录异常，经核查撤销 / revoked after an attendance check";

    private static readonly TimeSpan China = ChinaCalendar.Offset;

    private readonly Random random = new(seed);
    private readonly Dictionary<(string City, DateOnly PaidOn), BatchTotals> batches = [];
    private long certificates;

    /// <summary>The part of the writing spent in AddRange and SaveChanges (the rest builds and encrypts the rows).</summary>
    public TimeSpan SavingTime { get; private set; }

    public async Task<(int Vouchers, int Claims, int Batches)> WriteAsync(
        TrainingVouchersDbContext db, PlannedVoucher[] plans, int batchSize, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(progress);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        var claims = 0;
        var clock = Stopwatch.StartNew();
        var saving = new Stopwatch();
        var lastReport = TimeSpan.Zero;
        for (var start = 0; start < plans.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(plans.Length, start + batchSize);
            var vouchers = new List<Voucher>(end - start);
            var claimRows = new List<SettlementClaim>();
            for (var i = start; i < end; i++)
            {
                var (voucher, claim) = Materialise(in plans[i]);
                vouchers.Add(voucher);
                if (claim is not null)
                {
                    claimRows.Add(claim);
                }
            }

            saving.Start();
            db.Vouchers.AddRange(vouchers);
            db.SettlementClaims.AddRange(claimRows);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            saving.Stop();
            claims += claimRows.Count;
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10) || end == plans.Length)
            {
                lastReport = clock.Elapsed;
                progress(string.Create(CultureInfo.InvariantCulture, $"inserted {end:N0} of {plans.Length:N0} vouchers ({end / clock.Elapsed.TotalSeconds:N0}/s; {saving.Elapsed.TotalSeconds:0.0} s of {clock.Elapsed.TotalSeconds:0.0} s in AddRange + SaveChanges)"));
            }
        }

        var batchRows = batches.Select(b => NewBatch(b.Key.City, b.Key.PaidOn, b.Value)).ToList();
        db.PaymentBatches.AddRange(batchRows);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        SavingTime = saving.Elapsed;
        return (plans.Length, claims, batchRows.Count);
    }

    private (Voucher Voucher, SettlementClaim? Claim) Materialise(in PlannedVoucher plan)
    {
        var person = plan.Person;
        var issuedAt = new DateTimeOffset(plan.IssuedAtUtcTicks, TimeSpan.Zero);
        var blindIndex = people.BlindIndexes[person];
        var status = plan.Status;
        var institution = plan.Institution >= 0 ? catalogue.Institutions[plan.Institution] : null;
        var voucher = new Voucher
        {
            Id = Guid.CreateVersion7(issuedAt),
            Holder = EncryptedPersonalData.From(protector.Protect(PersonalDataKind.ResidentId, people.IdNumbers[person])),
            HolderBirthDate = people.BirthDates[person],
            Groups = people.Groups[person],
            GroupEvidence = people.Evidence[person],
            OccupationCode = plan.Training.OccupationCode,
            Level = plan.Training.Level,
            RegionCode = plan.County,
            FaceValue = plan.FaceValue,
            Status = status,
            IssuedOn = plan.IssuedOn,
            IssuedAt = issuedAt,
            IssuedBy = string.Create(CultureInfo.InvariantCulture, $"operator-{plan.County}-{1 + random.Next(3)}"),
            ExpiresOn = plan.ExpiresOn,
            QuotaSlot = status.CountsTowardsQuota() ? Voucher.QuotaSlotFor(blindIndex, plan.IssuedOn.Year, plan.Slot) : null,
            OpenSlot = status.IsOpen() ? Voucher.OpenSlotFor(blindIndex, plan.Training.OccupationCode, plan.Training.Level) : null,
            Version = 1,
        };

        if (plan.EnrolledOn != DateOnly.MinValue && institution is not null)
        {
            voucher.InstitutionCode = institution.CreditCode;
            voucher.ServingRegionCode = institution.RegionCode;
            voucher.EnrolledAt = At(plan.EnrolledOn, 9, 8);
            voucher.CourseStartsOn = plan.CourseStartsOn;
            voucher.CourseEndsOn = plan.CourseEndsOn;
            voucher.ScheduledHours = plan.ScheduledHours;
            voucher.AttendedMinutes = plan.AttendedMinutes;
            voucher.Version += 1 + Math.Min(20, plan.AttendedMinutes / 480);
        }

        if (plan.CompletedOn != DateOnly.MinValue)
        {
            voucher.CompletedOn = plan.CompletedOn;
            voucher.Passed = plan.Passed;
            voucher.CertificateNumber = plan.Passed == true
                ? string.Create(CultureInfo.InvariantCulture, $"S{plan.County[..2]}{plan.CompletedOn:yyyy}{++certificates:D10}")
                : null;
            voucher.Version++;
        }

        if (status is VoucherStatus.Expired or VoucherStatus.Cancelled or VoucherStatus.Revoked)
        {
            voucher.ClosingReason = status switch
            {
                VoucherStatus.Expired => VoucherExpiry.Reason,
                VoucherStatus.Cancelled => CancelReason,
                _ => RevokeReason,
            };
            voucher.ClosedBy = status switch
            {
                VoucherStatus.Expired => "system",
                VoucherStatus.Cancelled => voucher.IssuedBy,
                _ => $"reviewer-{regions.CityOf(plan.County).Code}-1",
            };
            voucher.ClosedAt = status == VoucherStatus.Expired ? At(plan.ClosedOn, 2, 0) : At(plan.ClosedOn, 9, 8);
            voucher.Version++;
        }

        if (plan.ClaimedOn == DateOnly.MinValue || institution is null)
        {
            return (voucher, null);
        }

        var claimedAt = At(plan.ClaimedOn, 9, 8);
        var claim = new SettlementClaim
        {
            Id = Guid.CreateVersion7(claimedAt),
            VoucherId = voucher.Id,
            RegionCode = voucher.RegionCode,
            ServingRegionCode = voucher.ServingRegionCode,
            InstitutionCode = institution.CreditCode,
            Amount = voucher.FaceValue,
            Status = ClaimStatus.Claimed,
            ClaimedBy = $"staff-{institution.CreditCode}",
            ClaimedAt = claimedAt,
            Version = 1,
        };
        voucher.CurrentClaimId = claim.Id;
        voucher.SubsidyAmount = claim.Amount;
        voucher.Version++;
        if (plan.ApprovedOn != DateOnly.MinValue)
        {
            claim.Status = ClaimStatus.Approved;
            claim.DecidedBy = $"reviewer-{regions.CityOf(plan.County).Code}-1";
            claim.DecidedAt = At(plan.ApprovedOn, 9, 8);
            claim.Version++;
            voucher.Version++;
        }

        if (plan.PaidOn != DateOnly.MinValue)
        {
            var city = regions.CityOf(plan.County).Code;
            if (!batches.TryGetValue((city, plan.PaidOn), out var totals))
            {
                totals = new BatchTotals(Guid.CreateVersion7(At(plan.PaidOn.AddDays(-3), 10, 0)));
                batches[(city, plan.PaidOn)] = totals;
            }

            totals.Count++;
            totals.Total += claim.Amount;
            claim.Status = ClaimStatus.Paid;
            claim.PaymentBatchId = totals.Id;
            claim.Version += 2;
            voucher.PaidOn = plan.PaidOn;
            voucher.Version++;
        }

        return (voucher, claim);
    }

    private static PaymentBatch NewBatch(string city, DateOnly paidOn, BatchTotals totals) => new()
    {
        Id = totals.Id,
        RegionCode = city,
        Reference = string.Create(CultureInfo.InvariantCulture, $"PB-{city}-{paidOn:yyyyMMdd}"),
        DeclaredCount = totals.Count,
        DeclaredTotal = totals.Total,
        Status = PaymentBatchStatus.Paid,
        CreatedBy = $"operator-{city}-1",
        CreatedAt = new DateTimeOffset(paidOn.AddDays(-3).ToDateTime(new TimeOnly(10, 0)), China).ToUniversalTime(),
        ConfirmedBy = $"reviewer-{city}-1",
        ConfirmedAt = new DateTimeOffset(paidOn.ToDateTime(new TimeOnly(16, 0)), China).ToUniversalTime(),
        PaidOn = paidOn,
        Version = 2,
    };

    /// <summary>A moment on <paramref name="day"/> in China, from <paramref name="hour"/> within <paramref name="spanHours"/> hours.</summary>
    private DateTimeOffset At(DateOnly day, int hour, int spanHours)
    {
        var seconds = spanHours == 0 ? random.Next(600) : random.Next(spanHours * 3600);
        return new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)).AddSeconds(seconds), China).ToUniversalTime();
    }

    private sealed class BatchTotals(Guid id)
    {
        public Guid Id { get; } = id;

        public int Count { get; set; }

        public decimal Total { get; set; }
    }
}
