using System.Globalization;
using Platform.BuildingBlocks.Http;
using Platform.Modules.TrainingVouchers.Domain;

namespace Platform.UnitTests.TrainingVouchers;

public sealed class VoucherTests
{
    private const string QuotaSlot = "bi-0001|2026|1";
    private const string OpenSlot = "bi-0001|6-31-01-03|Level4";

    private static Voucher VoucherIn(VoucherStatus status) => new()
    {
        Id = Guid.NewGuid(),
        OccupationCode = "6-31-01-03",
        Level = SkillLevel.Level4,
        RegionCode = "511100",
        FaceValue = 1500m,
        Status = status,
        QuotaSlot = QuotaSlot,
        OpenSlot = OpenSlot,
    };

    [Theory]
    [InlineData(nameof(VoucherStatus.Issued), nameof(VoucherAction.Enrol), nameof(VoucherStatus.Enrolled))]
    [InlineData(nameof(VoucherStatus.Enrolled), nameof(VoucherAction.RecordAttendance), nameof(VoucherStatus.Enrolled))]
    public void An_open_voucher_keeps_both_its_open_slot_and_its_quota_slot(string from, string action, string to)
    {
        var voucher = VoucherIn(Enum.Parse<VoucherStatus>(from));

        voucher.Apply(Enum.Parse<VoucherAction>(action));

        Assert.Equal(Enum.Parse<VoucherStatus>(to), voucher.Status);
        Assert.Equal(OpenSlot, voucher.OpenSlot);
        Assert.Equal(QuotaSlot, voucher.QuotaSlot);
    }

    [Theory]
    [InlineData(nameof(VoucherStatus.Enrolled), nameof(VoucherAction.Complete), nameof(VoucherStatus.Completed))]
    [InlineData(nameof(VoucherStatus.Completed), nameof(VoucherAction.ClaimSettlement), nameof(VoucherStatus.SettlementClaimed))]
    [InlineData(nameof(VoucherStatus.SettlementClaimed), nameof(VoucherAction.ApproveSettlement), nameof(VoucherStatus.SettlementApproved))]
    [InlineData(nameof(VoucherStatus.SettlementClaimed), nameof(VoucherAction.RejectSettlement), nameof(VoucherStatus.Completed))]
    [InlineData(nameof(VoucherStatus.SettlementApproved), nameof(VoucherAction.AddToPaymentBatch), nameof(VoucherStatus.SettlementApproved))]
    [InlineData(nameof(VoucherStatus.SettlementApproved), nameof(VoucherAction.Pay), nameof(VoucherStatus.Paid))]
    public void A_completed_or_paid_voucher_frees_its_open_slot_but_keeps_counting_towards_the_quota(string from, string action, string to)
    {
        var voucher = VoucherIn(Enum.Parse<VoucherStatus>(from));

        voucher.Apply(Enum.Parse<VoucherAction>(action));

        Assert.Equal(Enum.Parse<VoucherStatus>(to), voucher.Status);
        Assert.Null(voucher.OpenSlot);
        Assert.Equal(QuotaSlot, voucher.QuotaSlot);
    }

    [Theory]
    [InlineData(nameof(VoucherStatus.Issued), nameof(VoucherAction.Expire), nameof(VoucherStatus.Expired))]
    [InlineData(nameof(VoucherStatus.Issued), nameof(VoucherAction.Cancel), nameof(VoucherStatus.Cancelled))]
    [InlineData(nameof(VoucherStatus.Issued), nameof(VoucherAction.Revoke), nameof(VoucherStatus.Revoked))]
    [InlineData(nameof(VoucherStatus.Enrolled), nameof(VoucherAction.Revoke), nameof(VoucherStatus.Revoked))]
    [InlineData(nameof(VoucherStatus.Completed), nameof(VoucherAction.Revoke), nameof(VoucherStatus.Revoked))]
    [InlineData(nameof(VoucherStatus.SettlementApproved), nameof(VoucherAction.Revoke), nameof(VoucherStatus.Revoked))]
    public void An_expired_cancelled_or_revoked_voucher_frees_both_its_open_slot_and_its_quota_slot(string from, string action, string to)
    {
        var voucher = VoucherIn(Enum.Parse<VoucherStatus>(from));

        voucher.Apply(Enum.Parse<VoucherAction>(action));

        Assert.Equal(Enum.Parse<VoucherStatus>(to), voucher.Status);
        Assert.Null(voucher.OpenSlot);
        Assert.Null(voucher.QuotaSlot);
    }

    [Fact]
    public void A_refused_action_leaves_the_status_and_both_slots_untouched()
    {
        var voucher = VoucherIn(VoucherStatus.Issued);

        var refusal = Assert.Throws<DomainException>(() => voucher.Apply(VoucherAction.Complete));

        Assert.Equal(409, refusal.Status);
        Assert.Equal("vouchers.invalid_transition", refusal.Code);
        Assert.Equal(VoucherStatus.Issued, voucher.Status);
        Assert.Equal(OpenSlot, voucher.OpenSlot);
        Assert.Equal(QuotaSlot, voucher.QuotaSlot);
    }

    [Fact]
    public void Closing_records_the_reason_who_and_when_and_frees_both_slots()
    {
        var voucher = VoucherIn(VoucherStatus.Enrolled);
        var at = new DateTimeOffset(2026, 6, 15, 9, 30, 0, TimeSpan.FromHours(8));

        voucher.Close(VoucherAction.Revoke, "Attendance reported at two institutions at once.", "reviewer-17", at);

        Assert.Equal(VoucherStatus.Revoked, voucher.Status);
        Assert.Equal("Attendance reported at two institutions at once.", voucher.ClosingReason);
        Assert.Equal("reviewer-17", voucher.ClosedBy);
        Assert.Equal(at, voucher.ClosedAt);
        Assert.Null(voucher.OpenSlot);
        Assert.Null(voucher.QuotaSlot);
    }

    [Fact]
    public void Cancelling_by_the_holder_before_enrolment_records_who_and_why()
    {
        var voucher = VoucherIn(VoucherStatus.Issued);
        var at = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

        voucher.Close(VoucherAction.Cancel, "Holder found a job.", "operator-3", at);

        Assert.Equal(VoucherStatus.Cancelled, voucher.Status);
        Assert.Equal("Holder found a job.", voucher.ClosingReason);
        Assert.Equal("operator-3", voucher.ClosedBy);
        Assert.Equal(at, voucher.ClosedAt);
    }

    [Fact]
    public void Closing_with_a_refused_action_records_nothing()
    {
        var voucher = VoucherIn(VoucherStatus.Enrolled);

        var refusal = Assert.Throws<DomainException>(() => voucher.Close(VoucherAction.Cancel, "Too late.", "operator-3", DateTimeOffset.UnixEpoch));

        Assert.Equal("vouchers.invalid_transition", refusal.Code);
        Assert.Equal(VoucherStatus.Enrolled, voucher.Status);
        Assert.Null(voucher.ClosingReason);
        Assert.Null(voucher.ClosedBy);
        Assert.Null(voucher.ClosedAt);
        Assert.Equal(OpenSlot, voucher.OpenSlot);
        Assert.Equal(QuotaSlot, voucher.QuotaSlot);
    }

    [Theory]
    [InlineData(1, 60, "100.00")]
    [InlineData(40, 60, "2.50")]
    [InlineData(40, 0, "0")]
    [InlineData(40, 1920, "80.00")]
    [InlineData(40, 1919, "79.95")]
    [InlineData(1, 40, "66.66")]
    [InlineData(3, 100, "55.55")]
    [InlineData(7, 1, "0.23")]
    [InlineData(1, 90, "150.00")]
    public void The_attendance_rate_is_a_percentage_of_scheduled_hours_cut_to_two_decimals(int scheduledHours, int attendedMinutes, string expected)
    {
        var voucher = new Voucher { ScheduledHours = scheduledHours, AttendedMinutes = attendedMinutes };

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), voucher.AttendanceRatePercent);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void The_attendance_rate_is_zero_without_scheduled_hours(int scheduledHours)
    {
        var voucher = new Voucher { ScheduledHours = scheduledHours, AttendedMinutes = 600 };

        Assert.Equal(0m, voucher.AttendanceRatePercent);
    }

    [Fact]
    public void A_quota_slot_names_the_holder_the_year_and_the_slot_number()
    {
        Assert.Equal("bi-0001|2026|3", Voucher.QuotaSlotFor("bi-0001", 2026, 3));
    }

    [Fact]
    public void An_open_slot_names_the_holder_the_occupation_and_the_level()
    {
        Assert.Equal("bi-0001|6-31-01-03|Level4", Voucher.OpenSlotFor("bi-0001", "6-31-01-03", SkillLevel.Level4));
        Assert.Equal("bi-0001|6-31-01-03|SpecialAbility", Voucher.OpenSlotFor("bi-0001", "6-31-01-03", SkillLevel.SpecialAbility));
    }

    [Fact]
    public void Slots_of_different_years_levels_or_holders_differ()
    {
        Assert.NotEqual(Voucher.QuotaSlotFor("bi-0001", 2026, 1), Voucher.QuotaSlotFor("bi-0001", 2027, 1));
        Assert.NotEqual(Voucher.QuotaSlotFor("bi-0001", 2026, 1), Voucher.QuotaSlotFor("bi-0002", 2026, 1));
        Assert.NotEqual(Voucher.OpenSlotFor("bi-0001", "6-31-01-03", SkillLevel.Level4), Voucher.OpenSlotFor("bi-0001", "6-31-01-03", SkillLevel.Level3));
    }
}
