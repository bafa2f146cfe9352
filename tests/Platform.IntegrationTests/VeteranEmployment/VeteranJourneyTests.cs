using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Platform.Modules.VeteranEmployment.Contracts;
using Platform.Modules.VeteranEmployment.Persistence;
using Kit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;
using VoucherKit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.VeteranEmployment;

/// <summary>
/// A veteran's path through the HTTP API on each provider: registered, surveyed, trained under a voucher
/// (the ledger learns it from the vouchers module's event), placed in a job, the status answered for
/// past days including a back-dated correction, the employer's incentive, a cross-province transfer,
/// and the statistics.
/// </summary>
public sealed class VeteranJourneyTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_veteran_is_registered_trained_placed_corrected_counted_and_transferred(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var today = Kit.ChinaToday;
        var idNumber = Kit.NewIdNumber();
        using var op = Kit.Operator(host);

        // Registered in Leshan; a second registration of the person anywhere is refused.
        var veteran = await Kit.RegisterAsync(op, idNumber, dischargedOn: today.AddYears(-2));
        var id = veteran.GetProperty("id").GetGuid();
        using (var twice = await Kit.PostAsync(Kit.Operator(host, Kit.Chongqing, "cq-officer"), "/veterans", Kit.VeteranBody(idNumber, region: Kit.ChongqingDistrict)))
        {
            await HttpAssert.ProblemAsync(twice, HttpStatusCode.Conflict, "veterans.veteran_exists");
        }

        await Kit.PostCreatedAsync(op, $"/veterans/{id}/training-needs", new { occupations = new[] { "6-24-04-04" }, preferredForm = "Classroom" });

        // Trained under a voucher: the vouchers module publishes TrainingCompleted, the ledger shows it.
        await VoucherKit.CompletedVoucherAsync(host, idNumber);
        var ledger = await Kit.EventuallyAsync(() => Kit.GetOkAsync(op, $"/veterans/{id}/ledger"), l => l.GetProperty("trainings").GetArrayLength() > 0);
        var training = Assert.Single(ledger.GetProperty("trainings").EnumerateArray());
        Assert.True(training.GetProperty("passed").GetBoolean());

        // Seeking work a year ago, then placed through a posting six months ago.
        var employer = Kit.NewCreditCode();
        await Kit.PostCreatedAsync(op, $"/veterans/{id}/ledger", Kit.Status(today.AddYears(-1), "SeekingWork"));
        var posting = await Kit.PostCreatedAsync(op, "/job-postings", new { employerCode = employer, employerName = "乐山某物流公司", regionCode = Kit.LeshanCounty, occupationCode = "6-24-04-04", title = "驾驶员", requirements = "C1 驾照", specialties = new[] { "汽车驾驶" }, headcount = 1, closesOn = today.AddDays(30) });
        var postingId = posting.GetProperty("id").GetGuid();
        var matches = await Kit.GetOkAsync(op, $"/veterans/{id}/job-matches");
        Assert.Contains(matches.EnumerateArray(), m => m.GetProperty("id").GetGuid() == postingId);
        var application = await Kit.PostCreatedAsync(op, $"/job-postings/{postingId}/applications", new { veteranId = id });
        var placedOn = today.AddMonths(-6);
        var placed = await Kit.PostOkAsync(op, $"/job-applications/{application.GetProperty("id").GetGuid()}/placement", new { startsOn = placedOn, contractMonths = 36, socialInsurance = true });
        Assert.Equal("Placed", placed.GetProperty("status").GetString());
        Assert.Equal("Filled", (await Kit.GetOkAsync(op, $"/job-postings/{postingId}")).GetProperty("status").GetString());

        // Status on past days; a back-dated correction (really employed from eight months ago) wins from its day.
        Assert.Equal("SeekingWork", (await Kit.GetOkAsync(op, $"/veterans/{id}/ledger?on={Day(today.AddMonths(-7))}")).GetProperty("statusOn").GetString());
        Assert.Equal("Employed", (await Kit.GetOkAsync(op, $"/veterans/{id}/ledger?on={Day(today)}")).GetProperty("statusOn").GetString());
        await Kit.PostCreatedAsync(op, $"/veterans/{id}/ledger", Kit.Employed(today.AddMonths(-8), employer));
        Assert.Equal("Employed", (await Kit.GetOkAsync(op, $"/veterans/{id}/ledger?on={Day(today.AddMonths(-7))}")).GetProperty("statusOn").GetString());
        Assert.Equal("SeekingWork", (await Kit.GetOkAsync(op, $"/veterans/{id}/ledger?on={Day(today.AddMonths(-9))}")).GetProperty("statusOn").GetString());

        // The employer's incentive this year: the months employed this year, at Sichuan's sample 9,000 a year.
        var incentive = await Kit.GetOkAsync(op, $"/incentives/hiring?employerCode={employer}&year={today.Year}");
        var part = Assert.Single(incentive.GetProperty("veterans").EnumerateArray());
        var months = part.GetProperty("monthsCounted").GetInt32();
        Assert.InRange(months, 1, 12);
        Assert.Equal(Math.Round(9_000m * months / 12m, 2), incentive.GetProperty("total").GetDecimal());

        // Statistics of the county count the veteran as working.
        var statistics = await Kit.GetOkAsync(op, $"/statistics?regionCode={Kit.LeshanCounty}");
        Assert.True(statistics.GetProperty("overall").GetProperty("working").GetInt32() >= 1);

        // Transferred to Chongqing: Leshan no longer sees the veteran, Chongqing sees the whole history.
        await Kit.PostOkAsync(op, $"/veterans/{id}/transfer", new { toRegionCode = Kit.ChongqingDistrict, reason = "随配偶迁居重庆" });
        using (var gone = await op.GetAsync($"{Kit.Base}/veterans/{id}", Token))
        {
            await HttpAssert.ProblemAsync(gone, HttpStatusCode.NotFound, "veterans.veteran_not_found");
        }

        using var chongqing = Kit.Operator(host, Kit.Chongqing, "cq-officer-2");
        var moved = await Kit.GetOkAsync(chongqing, $"/veterans/{id}");
        Assert.Equal(Kit.ChongqingDistrict, moved.GetProperty("regionCode").GetString());
        Assert.Equal(Kit.LeshanCounty, moved.GetProperty("transfers")[0].GetProperty("fromRegionCode").GetString());
        Assert.Equal(3, (await Kit.GetOkAsync(chongqing, $"/veterans/{id}/ledger")).GetProperty("entries").GetArrayLength());

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VeteranEmploymentDbContext>();
        var events = await db.OutboxMessages.AsNoTracking().Where(m => m.Payload.Contains(id.ToString())).Select(m => m.EventName).ToListAsync(Token);
        Assert.Single(events, e => e == VeteranRegistered.Name);
        Assert.Equal(3, events.Count(e => e == VeteranEmploymentChanged.Name));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
