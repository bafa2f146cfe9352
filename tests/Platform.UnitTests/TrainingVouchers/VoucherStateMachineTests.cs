using Platform.BuildingBlocks.Http;
using Platform.Modules.TrainingVouchers.Domain;
using static Platform.Modules.TrainingVouchers.Domain.VoucherStatus;

namespace Platform.UnitTests.TrainingVouchers;

public sealed class VoucherStateMachineTests
{
    /// <summary>Marks a refused transition in <see cref="Expected"/>.</summary>
    private static readonly VoucherStatus? Refused = null;

    /// <summary>The columns of <see cref="Expected"/>, in this order.</summary>
    private static readonly VoucherStatus[] Columns =
        [Issued, Enrolled, Completed, SettlementClaimed, SettlementApproved, Paid, Expired, Cancelled, Revoked];

    /// <summary>
    /// The lifecycle of the domain guide (M1), written out: one row per action, one cell per status in the order
    /// of <see cref="Columns"/>, holding the status the action leads to from that status, or <see cref="Refused"/>.
    /// Recording attendance and adding to a payment batch do not move the voucher.
    /// </summary>
    private static readonly Dictionary<VoucherAction, VoucherStatus?[]> Expected = new()
    {
        [VoucherAction.Enrol] = [Enrolled, Refused, Refused, Refused, Refused, Refused, Refused, Refused, Refused],
        [VoucherAction.RecordAttendance] = [Refused, Enrolled, Refused, Refused, Refused, Refused, Refused, Refused, Refused],
        [VoucherAction.Complete] = [Refused, Completed, Refused, Refused, Refused, Refused, Refused, Refused, Refused],
        [VoucherAction.ClaimSettlement] = [Refused, Refused, SettlementClaimed, Refused, Refused, Refused, Refused, Refused, Refused],
        [VoucherAction.ApproveSettlement] = [Refused, Refused, Refused, SettlementApproved, Refused, Refused, Refused, Refused, Refused],
        [VoucherAction.RejectSettlement] = [Refused, Refused, Refused, Completed, Refused, Refused, Refused, Refused, Refused],
        [VoucherAction.AddToPaymentBatch] = [Refused, Refused, Refused, Refused, SettlementApproved, Refused, Refused, Refused, Refused],
        [VoucherAction.Pay] = [Refused, Refused, Refused, Refused, Paid, Refused, Refused, Refused, Refused],
        [VoucherAction.Expire] = [Expired, Refused, Refused, Refused, Refused, Refused, Refused, Refused, Refused],
        [VoucherAction.Cancel] = [Cancelled, Refused, Refused, Refused, Refused, Refused, Refused, Refused, Refused],
        [VoucherAction.Revoke] = [Revoked, Revoked, Revoked, Revoked, Revoked, Refused, Refused, Refused, Refused],
    };

    /// <summary>Every action × status pair: action, current status, and the expected next status (null when refused).</summary>
    public static TheoryData<string, string, string?> Matrix
    {
        get
        {
            var data = new TheoryData<string, string, string?>();
            foreach (var (action, row) in Expected)
            {
                for (var column = 0; column < Columns.Length; column++)
                {
                    data.Add(action.ToString(), Columns[column].ToString(), row[column]?.ToString());
                }
            }

            return data;
        }
    }

    [Fact]
    public void The_expected_table_covers_every_action_and_every_status()
    {
        Assert.Equal(Enum.GetValues<VoucherAction>().Order(), Expected.Keys.Order());
        Assert.Equal(Enum.GetValues<VoucherStatus>().Order(), Columns.Order());
        Assert.All(Expected.Values, row => Assert.Equal(Columns.Length, row.Length));
        Assert.Equal(99, Matrix.Count);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Next_leads_to_the_documented_status_or_refuses_with_409_invalid_transition(string action, string from, string? expected)
    {
        var voucherAction = Enum.Parse<VoucherAction>(action);
        var status = Enum.Parse<VoucherStatus>(from);

        if (expected is null)
        {
            var refusal = Assert.Throws<DomainException>(() => VoucherStateMachine.Next(status, voucherAction));
            Assert.Equal(409, refusal.Status);
            Assert.Equal("vouchers.invalid_transition", refusal.Code);
            Assert.Contains(from, refusal.Detail.English, StringComparison.Ordinal);
            Assert.Contains(action, refusal.Detail.English, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(Enum.Parse<VoucherStatus>(expected), VoucherStateMachine.Next(status, voucherAction));
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void IsAllowed_agrees_with_the_documented_table(string action, string from, string? expected)
    {
        Assert.Equal(expected is not null, VoucherStateMachine.IsAllowed(Enum.Parse<VoucherStatus>(from), Enum.Parse<VoucherAction>(action)));
    }

    [Fact]
    public void AllowedFrom_lists_exactly_the_statuses_the_table_allows()
    {
        Assert.All(Expected, entry =>
        {
            var allowed = Columns.Where((_, column) => entry.Value[column] is not null).Order();
            Assert.Equal(allowed, VoucherStateMachine.AllowedFrom(entry.Key).Order());
        });
    }

    [Fact]
    public void A_paid_voucher_can_no_longer_be_revoked()
    {
        var refusal = Assert.Throws<DomainException>(() => VoucherStateMachine.Next(Paid, VoucherAction.Revoke));

        Assert.Equal(409, refusal.Status);
        Assert.Equal(VoucherProblems.InvalidTransition, refusal.Code);
    }

    [Fact]
    public void A_rejected_claim_returns_the_voucher_to_completed_so_it_can_be_claimed_again()
    {
        var afterRejection = VoucherStateMachine.Next(SettlementClaimed, VoucherAction.RejectSettlement);

        Assert.Equal(Completed, afterRejection);
        Assert.Equal(SettlementClaimed, VoucherStateMachine.Next(afterRejection, VoucherAction.ClaimSettlement));
    }
}
