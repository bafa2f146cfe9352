using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Modules.TrainingVouchers.Contracts;
using Kit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;
using VoucherKit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.VeteranEmployment;

/// <summary>
/// The veterans' consumer of TrainingCompleted takes batches (as the relay hands them, in one transaction with the
/// inbox): in one batch, the trainings of registered veterans are recorded once per voucher, other trainees leave
/// nothing, a voucher already recorded is not recorded again, and the same batch delivered again changes nothing.
/// </summary>
public sealed class VeteranTrainingBatchTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string Consumer = "veteran_employment.training_completed";

    /// <summary>井研县 (Leshan, the operator's city): no other veteran test uses it.</summary>
    private const string County = "511124";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_batch_records_each_veterans_voucher_once_and_ignores_other_trainees(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var (first, firstIndex) = await RegisterAsync(host, op);
        var (second, secondIndex) = await RegisterAsync(host, op);
        var day = Kit.ChinaToday.AddDays(-3);
        TrainingCompleted Training(string holder, Guid voucher, string certificate) =>
            new(voucher, holder, VoucherKit.Electrician, "电工", "Level4", true, certificate, VoucherKit.LeshanInstitution, County, day, ["Veterans"]);

        var alreadyRecorded = Training(secondIndex, Guid.CreateVersion7(), "CERT-BATCH-0004");
        await DispatchAsync(host, [alreadyRecorded]);
        var firstVoucher = Guid.CreateVersion7();
        var batch = new[]
        {
            Training(firstIndex, firstVoucher, "CERT-BATCH-0001"),
            Training("bi-not-a-veteran-" + Guid.NewGuid().ToString("N"), Guid.CreateVersion7(), "CERT-BATCH-0002"),
            Training(secondIndex, Guid.CreateVersion7(), "CERT-BATCH-0003"),
            Training(firstIndex, firstVoucher, "CERT-BATCH-0001") with { EventId = Guid.CreateVersion7() }, // the same voucher published twice
            alreadyRecorded with { EventId = Guid.CreateVersion7() },
        };

        await DispatchAsync(host, batch);
        await DispatchAsync(host, batch);

        Assert.Equal(["CERT-BATCH-0001"], await CertificatesAsync(op, first));
        Assert.Equal(["CERT-BATCH-0003", "CERT-BATCH-0004"], await CertificatesAsync(op, second));
        Assert.Equal(0, await Kit.ReadDbAsync(host, db => db.TrainingRecords.AsNoTracking().CountAsync(r => r.VoucherId == batch[1].VoucherId, Token)));
        var ids = batch.Select(e => e.EventId).ToArray();
        Assert.Equal(batch.Length, await Kit.ReadDbAsync(host, db => db.InboxRecords.AsNoTracking().CountAsync(r => r.Consumer == Consumer && ids.Contains(r.MessageId), Token)));
    }

    private static async Task<(Guid Veteran, string BlindIndex)> RegisterAsync(PlatformFactory host, HttpClient op)
    {
        var idNumber = Kit.NewIdNumber();
        var veteran = await Kit.RegisterIdAsync(op, idNumber, region: County);
        await using var scope = host.Services.CreateAsyncScope();
        return (veteran, scope.ServiceProvider.GetRequiredService<IPersonalDataProtector>().BlindIndexForLookup(PersonalDataKind.ResidentId, idNumber)!);
    }

    private static async Task<string[]> CertificatesAsync(HttpClient op, Guid veteran) =>
        (await Kit.LedgerAsync(op, veteran)).GetProperty("trainings").EnumerateArray()
            .Select(t => t.GetProperty("certificateNumber").GetString()!).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Hands the events to the consumer as the relay does: one transaction for the batch, with the inbox.</summary>
    private static async Task DispatchAsync(PlatformFactory host, IReadOnlyList<TrainingCompleted> events)
    {
        var subscription = host.Services.GetRequiredService<IntegrationEventSubscriptions>().Find(TrainingCompleted.Name, Consumer)
            ?? throw new InvalidOperationException($"{Consumer} does not subscribe to {TrainingCompleted.Name}.");
        Assert.NotNull(subscription.DispatchBatch);
        await using var scope = host.Services.CreateAsyncScope();
        await subscription.DispatchBatch(scope.ServiceProvider, events.Select(e => (e.EventId, IntegrationEventSerializer.Serialize(e))).ToList(), Token);
    }
}
