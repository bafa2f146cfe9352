using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Platform;
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.SkillMasterStudios.Persistence;
using Kit = Platform.IntegrationTests.SkillMasterStudios.StudioTestKit;

namespace Platform.IntegrationTests.SkillMasterStudios;

/// <summary>
/// A studio's life through the HTTP API on each provider: a master registered, an application
/// submitted, recommended, scored and approved, the studio funded in tranches, reporting and assessed
/// each year, upgraded to provincial level, and revoked after two unqualified years.
/// </summary>
public sealed class StudioJourneyTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_studio_is_accredited_funded_reports_is_upgraded_and_is_revoked_after_two_unqualified_years(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        var year = Kit.ChinaToday.Year;
        using var op = Kit.Operator(host);
        using var city = Kit.Reviewer(host, Kit.Leshan, "city-decider");
        using var province = Kit.Reviewer(host, Kit.Sichuan, "province-decider");

        // Accredited at municipal level three years ago: Leshan's sample grant is 50,000 yuan.
        var (studioId, masterId, _) = await Kit.AccreditedStudioAsync(host, new DateOnly(year - 3, 1, 1));
        var studio = await Kit.GetOkAsync(op, $"/studios/{studioId}");
        Assert.Equal("Municipal", studio.GetProperty("level").GetString());
        Assert.Equal("Active", studio.GetProperty("status").GetString());
        var accreditation = Assert.Single(studio.GetProperty("accreditations").EnumerateArray());
        Assert.Equal(50_000m, accreditation.GetProperty("fundingGranted").GetDecimal());
        var master = await Kit.GetOkAsync(op, $"/masters/{masterId}");
        Assert.Equal(studioId, master.GetProperty("activeStudioId").GetGuid());

        // Funding in two tranches; a third beyond the grant is refused.
        var accreditationId = accreditation.GetProperty("id").GetGuid();
        var today = Kit.ChinaToday;
        await Kit.PostCreatedAsync(op, $"/accreditations/{accreditationId}/tranches", new { amount = 30_000m, paidOn = today, reference = "GK-001" });
        var funded = await Kit.PostCreatedAsync(op, $"/accreditations/{accreditationId}/tranches", new { amount = 20_000m, paidOn = today, reference = "GK-002" });
        Assert.Equal(50_000m, funded.GetProperty("accreditations")[0].GetProperty("fundingPaid").GetDecimal());
        using (var tooMuch = await Kit.PostAsync(op, $"/accreditations/{accreditationId}/tranches", new { amount = 0.01m, paidOn = today, reference = "GK-003" }))
        {
            await HttpAssert.ProblemAsync(tooMuch, HttpStatusCode.UnprocessableEntity, "studios.tranche_exceeds_grant");
        }

        // Year one: qualified, with an apprentice who reached Level3.
        var apprenticeId = Kit.NewIdNumber(age: 24);
        var report = await Kit.PostCreatedAsync(op, $"/studios/{studioId}/annual-reports", new
        {
            year = year - 3,
            apprentices = new object[]
            {
                new { identityNumber = apprenticeId, levelReached = "Level3", qualifiedOn = new DateOnly(year - 3, 9, 1), certificateNumber = "S-001" },
                new { identityNumber = Kit.NewIdNumber(age: 22) },
            },
            problemsSolved = 3,
            craftsHandedDown = 1,
            innovations = 2,
            patents = 1,
            trainingSessions = 12,
            competitions = 1,
            summary = "带徒 2 名，攻关 3 项。",
        });
        Assert.Equal(2, report.GetProperty("apprenticeCount").GetInt32());
        Assert.Equal(1, report.GetProperty("qualifiedApprentices").GetInt32());
        Assert.DoesNotContain(apprenticeId, report.GetRawText(), StringComparison.Ordinal);
        var assessed = await Kit.PostOkAsync(city, $"/annual-reports/{report.GetProperty("id").GetGuid()}/assessment", new { score = 82m, fraud = false, comment = "合格" });
        Assert.Equal("Qualified", assessed.GetProperty("grade").GetString());

        // Upgraded to provincial level by a new application decided by the province.
        using var cityOp = Kit.Operator(host, Kit.Leshan, "city-recommender-2");
        var upgrade = await Kit.RecommendedApplicationAsync(host, new { kind = "Upgrade", studioId, level = "Provincial", teamSize = 8, plan = "升级为省级工作室。" });
        await Kit.ScoreAsync(host, upgrade, 90m, 91m, 86m);
        using (var cityTooLow = await Kit.PostAsync(city, $"/applications/{upgrade}/decision", new { approve = true, reason = "通过" }))
        {
            await HttpAssert.ProblemAsync(cityTooLow, HttpStatusCode.Forbidden, "studios.decision_level_too_low");
        }

        var approved = await Kit.PostOkAsync(province, $"/applications/{upgrade}/decision", new { approve = true, reason = "省级评审通过" });
        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        studio = await Kit.GetOkAsync(op, $"/studios/{studioId}");
        Assert.Equal("Provincial", studio.GetProperty("level").GetString());
        Assert.Equal(2, studio.GetProperty("accreditations").GetArrayLength());
        Assert.Equal(100_000m, studio.GetProperty("accreditations")[1].GetProperty("fundingGranted").GetDecimal());

        // Two unqualified years in a row revoke the studio in the same transaction.
        foreach (var (reportYear, score) in new[] { (year - 2, 55m), (year - 1, 40m) })
        {
            var yearly = await Kit.PostCreatedAsync(op, $"/studios/{studioId}/annual-reports", new { year = reportYear, apprentices = Array.Empty<object>(), problemsSolved = 0, craftsHandedDown = 0, innovations = 0, patents = 0, trainingSessions = 1, competitions = 0, summary = "未完成年度任务。" });
            var graded = await Kit.PostOkAsync(province, $"/annual-reports/{yearly.GetProperty("id").GetGuid()}/assessment", new { score, fraud = false, comment = "不合格" });
            Assert.Equal("Unqualified", graded.GetProperty("grade").GetString());
        }

        studio = await Kit.GetOkAsync(op, $"/studios/{studioId}");
        Assert.Equal("Revoked", studio.GetProperty("status").GetString());
        Assert.Equal(2, studio.GetProperty("consecutiveUnqualified").GetInt32());
        master = await Kit.GetOkAsync(op, $"/masters/{masterId}");
        Assert.False(master.TryGetProperty("activeStudioId", out var active) && active.ValueKind != System.Text.Json.JsonValueKind.Null, "A revoked studio frees its master.");

        // The module's outbox holds the accreditations, the qualified apprentice and the revocation.
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkillMasterStudiosDbContext>();
        var events = await db.Set<OutboxMessage>().AsNoTracking().ToListAsync(Token);
        var mine = events.Where(e => e.Payload.Contains(studioId.ToString(), StringComparison.OrdinalIgnoreCase)).Select(e => e.EventName).ToList();
        Assert.Equal(2, mine.Count(t => t == StudioAccredited.Name));
        Assert.Single(mine, t => t == ApprenticeQualified.Name);
        Assert.Single(mine, t => t == StudioRevoked.Name);
    }
}
