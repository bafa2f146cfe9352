using System.Text.Json;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Platform;
using Platform.Modules.Insights.Persistence.Seeding;
using Kit = Platform.IntegrationTests.Insights.CountingKit;
using RheKit = Platform.IntegrationTests.ReturnHomeEntrepreneurship.EntrepreneurshipTestKit;
using StudioKit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;
using VeteranKit = Platform.IntegrationTests.VeteranEmployment.VeteranTestKit;
using VoucherKit = Platform.IntegrationTests.TrainingVouchers.VoucherTestKit;

namespace Platform.IntegrationTests.Insights;

/// <summary>
/// The counters follow what the other modules do through their own HTTP APIs, their events reaching Insights
/// through the outbox: a veteran registered, a founder's businesses registered out of order and a guaranteed
/// loan paid out show in Insights_GetProgress against targets set with Insights_SetTarget, and in
/// Insights_CompareRegions; a voucher's training and a studio's accreditation show in their counters. Only
/// this class's tests act in 井研县 (511124) and 市中区 (511102) of its database.
/// </summary>
public sealed class CountingEndToEndTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string County = "511124";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_veteran_a_founders_businesses_and_a_loan_show_in_progress_against_targets(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var today = VoucherKit.ChinaToday;
        var (from, to) = (today.Year - 1, today.Year + 3);
        using var reviewer = Kit.Reviewer(host, Kit.Leshan, "it-e2e-reviewer");
        using var reader = Kit.Operator(host, Kit.Leshan, "it-e2e-reader");
        await Kit.SetTargetAsync(reviewer, Kit.TargetBody(SeedIndicators.VeteransRegistered, County, from, to, 4m));
        await Kit.SetTargetAsync(reviewer, Kit.TargetBody(SeedIndicators.ReturneeFounders, County, from, to, 10m, "Cumulative", baseline: 6m));
        await Kit.SetTargetAsync(reviewer, Kit.TargetBody(SeedIndicators.GuaranteedLoans, County, from, to, 400_000m));

        // The veteran registry registers a veteran of the county today.
        using var veterans = VeteranKit.Operator(host);
        await VeteranKit.RegisterAsync(veterans, region: County);

        // The founder's later business first; once it is counted, the earlier one.
        using var actors = RheKit.ActorsOf(host);
        var founder = RheKit.Id(await RheKit.RegisterFounderAsync(actors.Operator, County));
        var (laterDay, earlierDay) = (today.AddDays(-30), today.AddDays(-200));
        await RheKit.BusinessIdAsync(actors.Operator, founder, County, laterDay);
        Assert.Equal(1m, await Kit.EventuallyAsync(() => Kit.CounterAsync(host, SeedIndicators.ReturneeFounders, County, laterDay), v => v == 1m));
        var earlier = await RheKit.BusinessIdAsync(actors.Operator, founder, County, earlierDay);

        // The bank pays out a guaranteed loan of 80,000 today.
        await RheKit.DisbursedLoanAsync(actors, founder, 80_000m, RheKit.NewCreditCode(Kit.Leshan), business: earlier);

        var progress = await Kit.EventuallyAsync(
            () => Kit.ProgressAsync(reader, County, today, from, to),
            p => Actual(p, SeedIndicators.VeteransRegistered) == 1m && Actual(p, SeedIndicators.ReturneeFounders) == 7m && Actual(p, SeedIndicators.GuaranteedLoans) == 80_000m);

        // The even pace: the share of the five years elapsed today, both ends included.
        var share = (decimal)(today.DayNumber - new DateOnly(from, 1, 1).DayNumber + 1) / (new DateOnly(to, 12, 31).DayNumber - new DateOnly(from, 1, 1).DayNumber + 1);
        var monthsLeft = (to * 12) + 12 - ((today.Year * 12) + today.Month) + 1;
        Assert.Equal(County, Kit.Text(progress, "regionCode"));
        Assert.Equal("井研县", Kit.Text(progress, "regionName"));

        var veteransRow = Assert.Single(Kit.Rows(progress, SeedIndicators.VeteransRegistered));
        Assert.Equal((4m, 1m, 25.0m), (Kit.Number(veteransRow, "target"), Kit.Number(veteransRow, "actual"), Kit.Number(veteransRow, "percent")));
        Assert.Equal(Math.Round(4m * share, 2, MidpointRounding.AwayFromZero), Kit.Number(veteransRow, "expected"));
        Assert.Equal(monthsLeft, veteransRow.GetProperty("monthsLeft").GetInt32());
        Assert.Equal(Math.Round(3m / monthsLeft, 2, MidpointRounding.AwayFromZero), Kit.Number(veteransRow, "neededPerMonth"));

        // Cumulative: the baseline of 6 plus the one founder, counted once for two businesses.
        var foundersRow = Assert.Single(Kit.Rows(progress, SeedIndicators.ReturneeFounders));
        Assert.Equal(("Cumulative", 6m, 7m, 70.0m), (Kit.Text(foundersRow, "kind"), Kit.Number(foundersRow, "baseline"), Kit.Number(foundersRow, "actual"), Kit.Number(foundersRow, "percent")));
        Assert.Equal(Math.Round(6m + (4m * share), 2, MidpointRounding.AwayFromZero), Kit.Number(foundersRow, "expected"));

        var loansRow = Assert.Single(Kit.Rows(progress, SeedIndicators.GuaranteedLoans));
        Assert.Equal((80_000m, 20.0m, "元"), (Kit.Number(loansRow, "actual"), Kit.Number(loansRow, "percent"), Kit.Text(loansRow, "unit")));
        Assert.Equal(Math.Round(320_000m / monthsLeft, 2, MidpointRounding.AwayFromZero), Kit.Number(loansRow, "neededPerMonth"));
        Assert.Equal(Math.Round(400_000m * share, 2, MidpointRounding.AwayFromZero) <= 80_000m ? "OnTrack" : "Behind", Kit.Text(loansRow, "status"));

        // The founder counts on the earlier business's day, in the county, Leshan and Sichuan, not on the later one's.
        var founders = await Kit.CountersAsync(host, SeedIndicators.ReturneeFounders);
        Assert.Equal((1m, 1m, 1m), (founders[(County, earlierDay)], founders[(Kit.Leshan, earlierDay)], founders[(Kit.Sichuan, earlierDay)]));
        Assert.Equal(
            (0m, 0m, 0m),
            (founders.GetValueOrDefault((County, laterDay)), founders.GetValueOrDefault((Kit.Leshan, laterDay)), founders.GetValueOrDefault((Kit.Sichuan, laterDay))));
        var loans = await Kit.CountersAsync(host, SeedIndicators.GuaranteedLoans);
        Assert.Equal((80_000m, 80_000m, 80_000m), (loans[(County, today)], loans[(Kit.Leshan, today)], loans[(Kit.Sichuan, today)]));

        // Leshan's counties compared on the loans: the county with a target first.
        var compared = await Kit.CompareAsync(reader, Kit.Leshan, SeedIndicators.GuaranteedLoans, from, to, today);
        Assert.Equal(80_000m, Kit.Number(compared, "total"));
        var first = compared.GetProperty("rows")[0];
        Assert.Equal((1, County, 80_000m, 400_000m, 20.0m), (first.GetProperty("rank").GetInt32(), Kit.Text(first, "regionCode"), Kit.Number(first, "actual"), Kit.Number(first, "target"), Kit.Number(first, "percent")));
        Assert.Equal(11, compared.GetProperty("rows").GetArrayLength());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_completed_voucher_training_and_an_accredited_studio_show_in_their_counters(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var today = VoucherKit.ChinaToday;
        const string Shizhong = VoucherKit.LeshanCounty;
        var trainings = await Kit.TotalAsync(host, SeedIndicators.SubsidisedTrainings, Shizhong);
        var migrantTrainings = await Kit.TotalAsync(host, SeedIndicators.MigrantWorkerTrainings, Shizhong);
        var vouchers = await Kit.TotalAsync(host, SeedIndicators.VouchersIssued, Shizhong);
        var studios = await Kit.TotalAsync(host, SeedIndicators.MunicipalStudios, Shizhong);

        // A migrant worker's voucher issued, attended and completed; a municipal studio accredited from today.
        await VoucherKit.CompletedVoucherAsync(host);
        await StudioKit.AccreditedStudioAsync(host);

        Assert.Equal(trainings + 1m, await Kit.EventuallyAsync(() => Kit.TotalAsync(host, SeedIndicators.SubsidisedTrainings, Shizhong), v => v == trainings + 1m));
        Assert.Equal(migrantTrainings + 1m, await Kit.TotalAsync(host, SeedIndicators.MigrantWorkerTrainings, Shizhong));
        Assert.Equal(vouchers + 1m, await Kit.EventuallyAsync(() => Kit.TotalAsync(host, SeedIndicators.VouchersIssued, Shizhong), v => v == vouchers + 1m));
        Assert.Equal(studios + 1m, await Kit.EventuallyAsync(() => Kit.TotalAsync(host, SeedIndicators.MunicipalStudios, Shizhong), v => v == studios + 1m));

        // On today, in the county, Leshan and Sichuan; no veteran among the trainees, no national studio.
        Assert.True(await Kit.CounterAsync(host, SeedIndicators.SubsidisedTrainings, Kit.Leshan, today) >= 1m);
        Assert.True(await Kit.TotalAsync(host, SeedIndicators.MunicipalStudios, Kit.Sichuan) >= 1m);
        Assert.Equal(0m, await Kit.TotalAsync(host, SeedIndicators.VeteransTrained, Shizhong));
        Assert.Equal(0m, await Kit.TotalAsync(host, SeedIndicators.NationalStudios, Kit.Sichuan));
    }

    private static decimal? Actual(JsonElement progress, string indicator)
    {
        var rows = Kit.Rows(progress, indicator);
        return rows.Length == 1 && !Kit.IsAbsent(rows[0], "actual") ? Kit.Number(rows[0], "actual") : null;
    }
}
