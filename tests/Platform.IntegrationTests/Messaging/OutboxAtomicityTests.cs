using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Platform.Persistence;

namespace Platform.IntegrationTests.Messaging;

/// <summary>An event is written in the same transaction as the state change it announces, or not at all.</summary>
public sealed class OutboxAtomicityTests
{
    private const string ProbeRegionCode = "990001";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Publishing_with_a_state_change_commits_the_outbox_row_and_one_delivery_per_subscribed_consumer(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = OutboxHarness.StartHost(database, relayEnabled: false);
        using var run = ProbeRun.Start();
        var probe = run.NewEvent("committed");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Regions.Add(new RegionRecord { Code = ProbeRegionCode, Name = "Probe", Level = RegionLevel.County, ParentCode = "510100" });
            db.Publish(probe);
            await db.SaveChangesAsync(ct);
        }

        var (region, message) = await OutboxHarness.QueryAsync(host, async (db, token) => (
            await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == ProbeRegionCode, token),
            await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == probe.EventId, token)));
        Assert.NotNull(region);
        Assert.NotNull(message);
        Assert.Equal(ProbeHappened.Name, message.EventName);
        Assert.Contains(probe.Label, message.Payload, StringComparison.Ordinal);
        Assert.Equal(probe.OccurredAt.ToUnixTimeMilliseconds(), message.OccurredAt.ToUnixTimeMilliseconds());

        var deliveries = await OutboxHarness.DeliveriesAsync(host, probe.EventId);
        Assert.Equal(ProbeConsumers.All.Order(StringComparer.Ordinal), deliveries.Select(d => d.Consumer).Order(StringComparer.Ordinal));
        Assert.All(deliveries, d =>
        {
            Assert.Equal(DeliveryStatus.Pending, d.Status);
            Assert.Equal(0, d.Attempts);
            Assert.Null(d.LeaseOwner);
        });
        Assert.Empty(run.Handled);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_failed_save_writes_neither_the_state_change_nor_the_outbox_rows(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = OutboxHarness.StartHost(database, relayEnabled: false);
        using var run = ProbeRun.Start();
        var existing = await OutboxHarness.QueryAsync(host, (db, token) => db.Regions.AsNoTracking().OrderBy(r => r.Code).FirstAsync(token));
        var probe = run.NewEvent("rolled-back");
        var newRegion = "990002";

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Regions.Add(new RegionRecord { Code = newRegion, Name = "Probe", Level = RegionLevel.County, ParentCode = "510100" });
            db.Regions.Add(new RegionRecord { Code = existing.Code, Name = "Duplicate", Level = existing.Level });
            db.Publish(probe);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
        }

        var (regionSaved, messages, deliveries) = await OutboxHarness.QueryAsync(host, async (db, token) => (
            await db.Regions.AnyAsync(r => r.Code == newRegion, token),
            await db.OutboxMessages.CountAsync(token),
            await db.OutboxDeliveries.CountAsync(token)));
        Assert.False(regionSaved);
        Assert.Equal(0, messages);
        Assert.Equal(0, deliveries);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_event_nobody_subscribes_to_is_stored_without_deliveries(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = OutboxHarness.StartHost(database, relayEnabled: false);
        var ignored = new ProbeIgnored("nobody listens");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.Publish(ignored);
            await db.SaveChangesAsync(ct);
        }

        var message = await OutboxHarness.QueryAsync(host, (db, token) => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == ignored.EventId, token));
        Assert.Equal(ProbeIgnored.Name, message.EventName);
        Assert.Empty(await OutboxHarness.DeliveriesAsync(host, ignored.EventId));
    }
}
