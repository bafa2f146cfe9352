using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Platform.Modules.SkillMasterStudios.Features.Studios;
using Kit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;

namespace Platform.IntegrationTests.SkillMasterStudios;

/// <summary>
/// The term expiry job: a studio whose term ended is marked expired and its master is free to lead
/// another studio; a renewal within the window (with a qualified last year) brings it back for a new
/// term that continues the old one.
/// </summary>
public sealed class TermExpiryTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task An_ended_term_expires_the_studio_frees_its_master_and_a_renewal_reactivates_it(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var today = Kit.ChinaToday;
        using var op = Kit.Operator(host);
        using var reviewer = Kit.Reviewer(host, Kit.Leshan, "term-decider");

        // Accredited for three years from three years ago less ten days: the term ended ten days ago.
        var startsOn = today.AddYears(-3).AddDays(-10);
        var (studioId, masterId, _) = await Kit.AccreditedStudioAsync(host, startsOn);
        var before = await Kit.GetOkAsync(op, $"/studios/{studioId}");
        Assert.Equal(today.AddDays(-11), DateOnly.Parse(before.GetProperty("termEndsOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Active", before.GetProperty("status").GetString());

        var expiry = host.Services.GetRequiredService<TermExpiry>();
        Assert.True(await expiry.RunAsync(today, Token) >= 1);
        var expired = await Kit.GetOkAsync(op, $"/studios/{studioId}");
        Assert.Equal("Expired", expired.GetProperty("status").GetString());
        Assert.Equal(TermExpiry.Reason, expired.GetProperty("closingReason").GetString());
        var master = await Kit.GetOkAsync(op, $"/masters/{masterId}");
        Assert.False(master.TryGetProperty("activeStudioId", out var active) && active.ValueKind != System.Text.Json.JsonValueKind.Null);

        // A second run finds nothing more for this studio; an expired studio cannot be upgraded.
        await expiry.RunAsync(today, Token);
        using var upgradeDraft = await Kit.PostAsync(op, "/applications", new { kind = "Upgrade", studioId, level = "Provincial", teamSize = 3, plan = "升级。" });
        var upgrade = (await HttpAssert.ReadJsonAsync(upgradeDraft)).GetProperty("id").GetGuid();
        using (var refused = await Kit.PostAsync(op, $"/applications/{upgrade}/submission", null))
        {
            await HttpAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "studios.studio_not_active");
        }

        await Kit.PostOkAsync(op, $"/applications/{upgrade}/withdrawal", new { note = "先续期" });

        // Renewal needs a qualified last year: report and assess last year, then renew.
        var report = await Kit.PostCreatedAsync(op, $"/studios/{studioId}/annual-reports", new { year = today.Year - 1, apprentices = Array.Empty<object>(), problemsSolved = 2, craftsHandedDown = 1, innovations = 1, patents = 0, trainingSessions = 6, competitions = 1, summary = "完成年度任务。" });
        await Kit.PostOkAsync(reviewer, $"/annual-reports/{report.GetProperty("id").GetGuid()}/assessment", new { score = 75m, fraud = false, comment = "合格" });
        var renewal = await Kit.RecommendedApplicationAsync(host, new { kind = "Renewal", studioId, level = "Municipal", teamSize = 5, plan = "续期三年。" });
        await Kit.ScoreAsync(host, renewal, 84m, 86m, 88m);
        await Kit.PostOkAsync(reviewer, $"/applications/{renewal}/decision", new { approve = true, reason = "续期通过" });

        var renewed = await Kit.GetOkAsync(op, $"/studios/{studioId}");
        Assert.Equal("Active", renewed.GetProperty("status").GetString());
        var terms = renewed.GetProperty("accreditations");
        Assert.Equal(2, terms.GetArrayLength());
        Assert.Equal("Renewal", terms[1].GetProperty("kind").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), terms[1].GetProperty("startsOn").GetString());
        master = await Kit.GetOkAsync(op, $"/masters/{masterId}");
        Assert.Equal(studioId, master.GetProperty("activeStudioId").GetGuid());
    }
}
