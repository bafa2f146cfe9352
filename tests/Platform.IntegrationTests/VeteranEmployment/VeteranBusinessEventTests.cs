using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.BuildingBlocks.PersonalData;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.VeteranEmployment.Contracts;
using Platform.Modules.VeteranEmployment.Features.Integration;
using Platform.Modules.VeteranEmployment.Persistence;
using Kit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;

namespace Platform.IntegrationTests.VeteranEmployment;

/// <summary>
/// The return-home entrepreneurship module's BusinessRegistered on the veterans' side: a registered veteran
/// who founds a business shows as self-employed from its registration day (an ordinary ledger entry: current
/// status, status on a day, VeteranEmploymentChanged), a redelivered event adds one entry, a founder who is
/// not a registered veteran is ignored, and a business registered before the discharge counts from the
/// discharge day. The handler is called directly with a constructed event.
/// </summary>
public sealed class VeteranBusinessEventTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_registered_veteran_who_founds_a_business_is_self_employed_from_its_registration_day(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber();
        var veteran = await Kit.RegisterIdAsync(op, idNumber, dischargedOn: new DateOnly(2022, 9, 1));
        var registeredOn = Kit.ChinaToday.AddDays(-10);
        var business = Registered(await BlindIndexAsync(host, idNumber), Kit.NewCreditCode(), "乐山市市中区老兵农家乐", registeredOn);

        await HandleAsync(host, business);

        var ledger = await Kit.LedgerAsync(op, veteran);
        var entry = Assert.Single(ledger.GetProperty("entries").EnumerateArray());
        Assert.Equal("SelfEmployed", entry.GetProperty("status").GetString());
        Assert.Equal(Kit.Day(registeredOn), entry.GetProperty("effectiveOn").GetString());
        Assert.Equal("乐山市市中区老兵农家乐", entry.GetProperty("businessName").GetString());
        Assert.Equal(business.CreditCode, entry.GetProperty("businessCode").GetString());
        Assert.Equal("Entrepreneurship", entry.GetProperty("source").GetString());
        Assert.Equal(BusinessRegisteredHandler.RecordedBy, entry.GetProperty("recordedBy").GetString());
        Assert.Contains(Kit.Day(registeredOn), entry.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal("SelfEmployed", ledger.GetProperty("statusOn").GetString());
        Assert.Equal(entry.GetProperty("id").GetGuid(), ledger.GetProperty("entryInForce").GetGuid());

        // The status on a day: nothing the day before the registration, self-employed from it on.
        Assert.Null(await Kit.StatusOnAsync(op, veteran, registeredOn.AddDays(-1)));
        Assert.Equal("SelfEmployed", await Kit.StatusOnAsync(op, veteran, registeredOn));

        // The veteran's current status, and the module's event, as for any entry.
        Assert.Equal("SelfEmployed", (await Kit.GetOkAsync(op, $"/veterans/{veteran}")).GetProperty("currentStatus").GetString());
        var changed = Assert.Single(await ChangedEventsAsync(host, veteran));
        Assert.Equal(("SelfEmployed", Kit.Day(registeredOn), false), (changed.GetProperty("status").GetString(), changed.GetProperty("effectiveOn").GetString(), changed.GetProperty("isCorrection").GetBoolean()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_redelivered_event_adds_one_entry(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber();
        var veteran = await Kit.RegisterIdAsync(op, idNumber, dischargedOn: new DateOnly(2022, 9, 1));
        var business = Registered(await BlindIndexAsync(host, idNumber), Kit.NewCreditCode(), "沐川县退役军人竹编合作社", Kit.ChinaToday.AddDays(-3));

        for (var delivery = 0; delivery < 2; delivery++)
        {
            await HandleAsync(host, business);
        }

        var entry = Assert.Single((await Kit.LedgerAsync(op, veteran)).GetProperty("entries").EnumerateArray());
        Assert.Equal(business.CreditCode, entry.GetProperty("businessCode").GetString());
        Assert.Equal(1, await Kit.ReadDbAsync(host, db => db.Ledger.AsNoTracking().CountAsync(e => e.VeteranId == veteran, Token)));
        Assert.Single(await ChangedEventsAsync(host, veteran));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_founder_who_is_not_a_registered_veteran_is_ignored(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var business = Registered(await BlindIndexAsync(host, Kit.NewIdNumber()), Kit.NewCreditCode(), "峨眉山市返乡青年民宿", Kit.ChinaToday.AddDays(-5), founderCategory: "ReturningMigrantWorker");

        await HandleAsync(host, business);

        Assert.False(await Kit.ReadDbAsync(host, db => db.Ledger.AsNoTracking().AnyAsync(e => e.BusinessCode == business.CreditCode, Token)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_business_registered_before_the_discharge_counts_from_the_discharge_day(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        using var op = Kit.Operator(host);
        var idNumber = Kit.NewIdNumber();
        var discharged = Kit.ChinaToday.AddDays(-30);
        var veteran = await Kit.RegisterIdAsync(op, idNumber, dischargedOn: discharged);
        var registeredOn = discharged.AddDays(-400);
        var business = Registered(await BlindIndexAsync(host, idNumber), Kit.NewCreditCode(), "井研县家庭农场", registeredOn);

        await HandleAsync(host, business);

        var ledger = await Kit.LedgerAsync(op, veteran);
        var entry = Assert.Single(ledger.GetProperty("entries").EnumerateArray());
        Assert.Equal(Kit.Day(discharged), entry.GetProperty("effectiveOn").GetString());
        Assert.Equal("SelfEmployed", entry.GetProperty("status").GetString());

        // The note keeps the real registration day the entry could not carry.
        Assert.Contains(Kit.Day(registeredOn), entry.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Null(await Kit.StatusOnAsync(op, veteran, discharged.AddDays(-1)));
        Assert.Equal("SelfEmployed", await Kit.StatusOnAsync(op, veteran, discharged));
        Assert.Equal("SelfEmployed", (await Kit.GetOkAsync(op, $"/veterans/{veteran}")).GetProperty("currentStatus").GetString());
    }

    private static BusinessRegistered Registered(string founderBlindIndex, string creditCode, string name, DateOnly registeredOn, string founderCategory = "Veteran") =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), founderBlindIndex, founderCategory, creditCode, name, "Agriculture", Kit.LeshanCounty, registeredOn, null);

    private static async Task<string> BlindIndexAsync(PlatformFactory host, string idNumber)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<IPersonalDataProtector>().BlindIndexForLookup(PersonalDataKind.ResidentId, idNumber)!;
    }

    /// <summary>One delivery: the handler in a scope of its own, as the relay runs it.</summary>
    private static async Task HandleAsync(PlatformFactory host, BusinessRegistered business)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var handler = new BusinessRegisteredHandler(
            scope.ServiceProvider.GetRequiredService<VeteranEmploymentDbContext>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>());
        await handler.HandleAsync(business, Token);
    }

    private static async Task<JsonElement[]> ChangedEventsAsync(PlatformFactory host, Guid veteran)
    {
        var payloads = await Kit.ReadDbAsync(host, db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.EventName == VeteranEmploymentChanged.Name && m.Payload.Contains(veteran.ToString()))
            .Select(m => m.Payload).ToListAsync(Token));
        return payloads.Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToArray();
    }
}
