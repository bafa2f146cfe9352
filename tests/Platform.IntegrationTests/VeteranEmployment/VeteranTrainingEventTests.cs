using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.TrainingVouchers.Persistence;
using Platform.Modules.VeteranEmployment.Features.Integration;
using Platform.Modules.VeteranEmployment.Persistence;
using Kit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;
using VoucherKit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.VeteranEmployment;

/// <summary>
/// The training vouchers module's TrainingCompleted on the veterans' side: a registered veteran's training
/// shows on the ledger with its certificate, a person who is not a registered veteran leaves no record, a
/// redelivered event adds one record, and the statistics count veterans trained and certified.
/// </summary>
public sealed class VeteranTrainingEventTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    /// <summary>马边彝族自治县: only this class registers veterans here (veteransTrained is counted).</summary>
    private const string County = "511133";

    private const string Consumer = "veteran_employment.training_completed";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_registered_veterans_voucher_training_shows_on_the_ledger_with_its_certificate(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber();
        var veteran = await Kit.RegisterIdAsync(op, idNumber, region: County);

        var voucher = await VoucherKit.CompletedVoucherAsync(host, idNumber);

        var ledger = await Kit.EventuallyAsync(() => Kit.LedgerAsync(op, veteran), l => l.GetProperty("trainings").GetArrayLength() > 0);
        var training = Assert.Single(ledger.GetProperty("trainings").EnumerateArray());
        Assert.Equal(VoucherKit.Photovoltaic, training.GetProperty("occupationCode").GetString());
        Assert.False(string.IsNullOrWhiteSpace(training.GetProperty("occupationName").GetString()));
        Assert.Equal("Level5", training.GetProperty("level").GetString());
        Assert.True(training.GetProperty("passed").GetBoolean());
        Assert.StartsWith("CERT-", training.GetProperty("certificateNumber").GetString(), StringComparison.Ordinal);
        Assert.Equal(VoucherKit.LeshanInstitution, training.GetProperty("institutionCode").GetString());
        Assert.Equal(Kit.Day(Kit.ChinaToday), training.GetProperty("completedOn").GetString());

        // The training is not an employment status: the ledger's entries are untouched.
        Assert.Equal(0, ledger.GetProperty("entries").GetArrayLength());
        var stored = await Kit.ReadDbAsync(host, db => db.TrainingRecords.AsNoTracking().SingleAsync(r => r.VoucherId == voucher, Token));
        Assert.Equal(veteran, stored.VeteranId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_person_who_is_not_a_registered_veteran_leaves_no_record_not_even_after_registering_later(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber();

        var voucher = await VoucherKit.CompletedVoucherAsync(host, idNumber);

        // Wait until the veterans' side has handled the event (its inbox records the message).
        var message = await VoucherMessageAsync(host, voucher);
        var handled = false;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!handled && DateTime.UtcNow < deadline)
        {
            handled = await Kit.ReadDbAsync(host, db => db.InboxRecords.AsNoTracking().AnyAsync(r => r.MessageId == message && r.Consumer == Consumer, Token));
            if (!handled)
            {
                await Task.Delay(100, Token);
            }
        }

        Assert.True(handled, "The TrainingCompleted event was not handled by the veterans' consumer within 15 s.");
        Assert.False(await Kit.ReadDbAsync(host, db => db.TrainingRecords.AsNoTracking().AnyAsync(r => r.VoucherId == voucher, Token)));
        var veteran = await Kit.RegisterIdAsync(op, idNumber, region: County);
        Assert.Equal(0, (await Kit.LedgerAsync(op, veteran)).GetProperty("trainings").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_redelivered_event_adds_one_record(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber();
        var veteran = await Kit.RegisterIdAsync(op, idNumber, region: County);
        string blindIndex;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            blindIndex = scope.ServiceProvider.GetRequiredService<IPersonalDataProtector>().BlindIndexForLookup(PersonalDataKind.ResidentId, idNumber)!;
        }

        var completed = new TrainingCompleted(
            Guid.CreateVersion7(), blindIndex, VoucherKit.Electrician, "电工", "Level4", true, "CERT-REDELIVERED-0001", VoucherKit.LeshanInstitution, Kit.LeshanCounty, Kit.ChinaToday.AddDays(-2), ["Veterans"]);

        for (var delivery = 0; delivery < 2; delivery++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var handler = new TrainingCompletedHandler(scope.ServiceProvider.GetRequiredService<VeteranEmploymentDbContext>());
            await handler.HandleAsync(completed, Token);
        }

        var training = Assert.Single((await Kit.LedgerAsync(op, veteran)).GetProperty("trainings").EnumerateArray());
        Assert.Equal(VoucherKit.Electrician, training.GetProperty("occupationCode").GetString());
        Assert.Equal("CERT-REDELIVERED-0001", training.GetProperty("certificateNumber").GetString());
        Assert.Equal(1, await Kit.ReadDbAsync(host, db => db.TrainingRecords.AsNoTracking().CountAsync(r => r.VoucherId == completed.VoucherId, Token)));
    }

    [Fact]
    public async Task The_statistics_count_veterans_trained_and_certified_in_the_period()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        using var op = Kit.Operator(host);
        var before = await Kit.GetOkAsync(op, $"/statistics?regionCode={County}");
        var yesterday = Kit.ChinaToday.AddDays(-1);
        var earlierQuery = $"/statistics?regionCode={County}&trainedFrom={Kit.Day(yesterday.AddDays(-30))}&trainedTo={Kit.Day(yesterday)}";
        var earlierBefore = await Kit.GetOkAsync(op, earlierQuery);
        var passedId = Kit.NewIdNumber();
        var failedId = Kit.NewIdNumber();
        var passed = await Kit.RegisterIdAsync(op, passedId, region: County);
        var failed = await Kit.RegisterIdAsync(op, failedId, region: County);

        await VoucherKit.CompletedVoucherAsync(host, passedId);
        await VoucherKit.CompletedVoucherAsync(host, failedId, passed: false);
        await Kit.EventuallyAsync(() => Kit.LedgerAsync(op, passed), l => l.GetProperty("trainings").GetArrayLength() > 0);
        var failedLedger = await Kit.EventuallyAsync(() => Kit.LedgerAsync(op, failed), l => l.GetProperty("trainings").GetArrayLength() > 0);

        Assert.False(failedLedger.GetProperty("trainings")[0].GetProperty("passed").GetBoolean());
        Assert.True(Kit.IsAbsent(failedLedger.GetProperty("trainings")[0], "certificateNumber"));
        var after = await Kit.GetOkAsync(op, $"/statistics?regionCode={County}");
        Assert.Equal(before.GetProperty("veteransTrained").GetInt32() + 2, after.GetProperty("veteransTrained").GetInt32());
        Assert.Equal(before.GetProperty("veteransCertified").GetInt32() + 1, after.GetProperty("veteransCertified").GetInt32());
        Assert.Equal($"{Kit.ChinaToday.Year}-01-01", after.GetProperty("trainedFrom").GetString());

        // A period that ends before today does not count them (other tests of the county may train
        // veterans on earlier days, so the figure is compared with itself); the city counts them too.
        var earlier = await Kit.GetOkAsync(op, earlierQuery);
        Assert.Equal(earlierBefore.GetProperty("veteransTrained").GetInt32(), earlier.GetProperty("veteransTrained").GetInt32());
        Assert.True((await Kit.GetOkAsync(op, $"/statistics?regionCode={Kit.Leshan}")).GetProperty("veteransTrained").GetInt32() >= 2);
    }

    private static async Task<Guid> VoucherMessageAsync(PlatformFactory host, Guid voucher)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var vouchers = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
        return await vouchers.OutboxMessages.AsNoTracking()
            .Where(m => m.EventName == TrainingCompleted.Name && m.Payload.Contains(voucher.ToString()))
            .Select(m => m.Id)
            .SingleAsync(Token);
    }
}
