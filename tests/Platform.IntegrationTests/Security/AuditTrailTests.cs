using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Platform.Persistence;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// The audit trail: every command is recorded with who, where, what and how it ended, the entries can
/// be searched and paged, and the hash chain shows any change or removal made behind the platform's back.
/// </summary>
public sealed class AuditTrailTests(SecurityProbeHosts hosts) : IClassFixture<SecurityProbeHosts>
{
    private const string ReplayAction = "Platform_ReplayDeadLetter";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> ReplayAsync(HttpClient client, Guid deliveryId) =>
        await SecurityHost.PostAsync(client, $"/api/platform/outbox/dead-letters/{deliveryId}/replay");

    /// <summary>Runs <paramref name="count"/> replays of unknown dead letters as <paramref name="subject"/>; each is audited as a 404.</summary>
    private static async Task RunCommandsAsync(PlatformFactory factory, string subject, int count)
    {
        using var client = SecurityHost.ClientFor(factory, "administrator", "*", subject);
        for (var i = 0; i < count; i++)
        {
            using var response = await ReplayAsync(client, Guid.NewGuid());
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private static long[] Sequences(IEnumerable<JsonElement> entries) => entries.Select(e => e.GetProperty("sequence").GetInt64()).ToArray();

    /// <summary>Runs SQL against the Platform module's audit table, with the table and column names as the provider spells them.</summary>
    private static async Task<int> TamperAsync(PlatformFactory factory, string statement, long sequence, string? outcome = null)
    {
        var database = factory.Services.GetServices<ModuleDatabase>().Single(d => d.ModuleName == "Platform");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = (DbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        var entity = db.Model.FindEntityType(typeof(AuditEntry))!;
        var helper = db.GetService<ISqlGenerationHelper>();
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => helper.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(store)!);
        var sql = statement
            .Replace("{table}", helper.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema()), StringComparison.Ordinal)
            .Replace("{outcome}", Column(nameof(AuditEntry.Outcome)), StringComparison.Ordinal)
            .Replace("{sequence}", Column(nameof(AuditEntry.Sequence)), StringComparison.Ordinal);
        object[] parameters = outcome is null ? [sequence] : [outcome, sequence];
        return await db.Database.ExecuteSqlRawAsync(sql, parameters, Token);
    }

    /// <summary>Asserts the chain verifies; returns the verification.</summary>
    private static async Task<JsonElement> AssertIntactAsync(PlatformFactory factory, string situation)
    {
        var verification = await SecurityHost.VerifyAuditAsync(factory);
        Assert.True(verification.GetProperty("intact").GetBoolean(),
            $"The chain does not verify {situation}: {verification}. On PostgreSQL, 'Entry 1 was changed after it was written' on an "
            + "untouched chain is the OccurredAt precision defect: the hash covers 100 ns ticks, timestamptz keeps microseconds.");
        return verification;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Command_is_audited_with_caller_region_outcome_and_the_response_trace_id(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        var subject = SecurityHost.UniqueSubject("replayer");
        var deliveryId = Guid.NewGuid();
        using var client = SecurityHost.ClientFor(factory, "administrator", "*", subject);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var response = await ReplayAsync(client, deliveryId);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "platform.dead_letter_not_found");
        var entry = Assert.Single(await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}"));
        Assert.Equal(ReplayAction, entry.GetProperty("action").GetString());
        Assert.Equal(subject, entry.GetProperty("subject").GetString());
        Assert.Equal("administrator", entry.GetProperty("roles").GetString());
        Assert.Equal("*", entry.GetProperty("region").GetString());
        Assert.Equal("404 platform.dead_letter_not_found", entry.GetProperty("outcome").GetString());
        Assert.Equal("Platform", entry.GetProperty("entityType").GetString());
        Assert.Contains(deliveryId.ToString(), entry.GetProperty("entityId").GetString(), StringComparison.OrdinalIgnoreCase);
        var traceId = problem.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrEmpty(traceId));
        Assert.Equal(traceId, entry.GetProperty("correlationId").GetString());
        var occurredAt = entry.GetProperty("occurredAt").GetDateTimeOffset();
        Assert.InRange(occurredAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Matches("^[0-9a-f]{64}$", entry.GetProperty("hash").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Caller_in_one_region_is_audited_with_that_region_and_role(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        var subject = SecurityHost.UniqueSubject("mianyang-operator");
        using var client = SecurityHost.ClientFor(factory, "operator", "510700", subject);

        using var response = await SecurityHost.PostAsync(client, $"/api/security-probe/count/{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}"));
        Assert.Equal("SecurityProbe_Count", entry.GetProperty("action").GetString());
        Assert.Equal("operator", entry.GetProperty("roles").GetString());
        Assert.Equal("510700", entry.GetProperty("region").GetString());
        Assert.Equal("200", entry.GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Reads_are_not_audited(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        var subject = SecurityHost.UniqueSubject("reader");
        using var client = SecurityHost.ClientFor(factory, "administrator", "*", subject);

        using var region = await client.GetAsync("/api/platform/regions/510700", Token);
        using var letters = await client.GetAsync("/api/platform/outbox/dead-letters", Token);

        Assert.Equal(HttpStatusCode.OK, region.StatusCode);
        Assert.Equal(HttpStatusCode.OK, letters.StatusCode);
        Assert.Empty(await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Search_filters_by_subject_action_and_outcome(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        var subject = SecurityHost.UniqueSubject("filtered");
        var other = SecurityHost.UniqueSubject("other");
        await RunCommandsAsync(factory, subject, 3);
        await RunCommandsAsync(factory, other, 1);
        using (var client = SecurityHost.ClientFor(factory, "administrator", "*", subject))
        {
            for (var i = 0; i < 2; i++)
            {
                using var ok = await SecurityHost.PostAsync(client, $"/api/security-probe/count/{Guid.NewGuid():N}");
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }
        }

        var all = await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}");
        var replays = await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}&action={ReplayAction}");
        var notFound = await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}&outcome=404");
        var succeeded = await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}&outcome=200");
        var probes = await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}&action=SecurityProbe_Count&outcome=200");

        Assert.Equal(5, all.Length);
        Assert.All(all, e => Assert.Equal(subject, e.GetProperty("subject").GetString()));
        Assert.Equal(3, replays.Length);
        Assert.All(replays, e => Assert.Equal(ReplayAction, e.GetProperty("action").GetString()));
        Assert.Equal(Sequences(replays), Sequences(notFound));
        Assert.Equal(2, succeeded.Length);
        Assert.Equal(Sequences(succeeded), Sequences(probes));
        Assert.Single(await SecurityHost.AuditEntriesAsync(factory, $"subject={other}"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Search_pages_newest_first_with_before_and_nextCursor(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        var subject = SecurityHost.UniqueSubject("paged");
        await RunCommandsAsync(factory, subject, 5);
        var all = Sequences(await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}"));

        var first = await SecurityHost.AuditPageAsync(factory, $"subject={subject}&limit=2");
        var cursor1 = first.GetProperty("nextCursor").GetInt64();
        var second = await SecurityHost.AuditPageAsync(factory, $"subject={subject}&limit=2&before={cursor1}");
        var cursor2 = second.GetProperty("nextCursor").GetInt64();
        var third = await SecurityHost.AuditPageAsync(factory, $"subject={subject}&limit=2&before={cursor2}");

        Assert.Equal(5, all.Length);
        Assert.Equal(all.OrderDescending(), all);
        var pages = new[] { first, second, third }.Select(p => Sequences(p.GetProperty("items").EnumerateArray())).ToArray();
        Assert.Equal([2, 2, 1], pages.Select(p => p.Length));
        Assert.Equal(all, pages.SelectMany(p => p));
        Assert.Equal(pages[0][^1], cursor1);
        Assert.Equal(pages[1][^1], cursor2);
        Assert.False(third.TryGetProperty("nextCursor", out var none) && none.ValueKind != JsonValueKind.Null, $"The last page has a cursor: {third}");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Verification_is_intact_after_several_commands(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        await RunCommandsAsync(factory, SecurityHost.UniqueSubject("verified"), 6);

        var verification = await AssertIntactAsync(factory, "after several commands");

        Assert.True(verification.GetProperty("checked").GetInt64() >= 6, verification.ToString());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Changing_an_entry_in_the_database_breaks_verification_at_that_entry(DatabaseProvider provider)
    {
        await using var factory = await SecurityHost.StartAsync(provider);
        var subject = SecurityHost.UniqueSubject("tampered");
        await RunCommandsAsync(factory, subject, 4);
        var sequences = Sequences(await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}")).Order().ToArray();
        await AssertIntactAsync(factory, "before tampering");
        var victim = sequences[1];

        var changed = await TamperAsync(factory, "UPDATE {table} SET {outcome} = {0} WHERE {sequence} = {1}", victim, "202");

        Assert.Equal(1, changed);
        var verification = await SecurityHost.VerifyAuditAsync(factory);
        Assert.False(verification.GetProperty("intact").GetBoolean(), $"A changed outcome went unnoticed: {verification}");
        Assert.Equal(victim, verification.GetProperty("brokenAt").GetInt64());
        Assert.Equal(victim - 1, verification.GetProperty("checked").GetInt64());
        Assert.Contains(victim.ToString(CultureInfo.InvariantCulture), verification.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Deleting_a_middle_entry_breaks_verification_at_the_missing_sequence(DatabaseProvider provider)
    {
        await using var factory = await SecurityHost.StartAsync(provider);
        var subject = SecurityHost.UniqueSubject("deleted");
        await RunCommandsAsync(factory, subject, 5);
        var sequences = Sequences(await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}")).Order().ToArray();
        await AssertIntactAsync(factory, "before tampering");
        var victim = sequences[2];

        var deleted = await TamperAsync(factory, "DELETE FROM {table} WHERE {sequence} = {0}", victim);

        Assert.Equal(1, deleted);
        var verification = await SecurityHost.VerifyAuditAsync(factory);
        Assert.False(verification.GetProperty("intact").GetBoolean(), $"A deleted entry went unnoticed: {verification}");
        Assert.Equal(victim, verification.GetProperty("brokenAt").GetInt64());
        Assert.Contains("missing", verification.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_instances_on_one_database_append_to_one_gap_free_intact_chain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new PlatformFactory(new SharedDatabase(database));
        await using var second = new PlatformFactory(new SharedDatabase(database));
        first.StartServer();
        second.StartServer();
        var subject = SecurityHost.UniqueSubject("two-instances");
        using var one = SecurityHost.ClientFor(first, "administrator", "*", subject);
        using var two = SecurityHost.ClientFor(second, "administrator", "*", subject);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var response = await ReplayAsync(i % 2 == 0 ? one : two, Guid.NewGuid());
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        var sequences = Sequences(await SecurityHost.AuditEntriesAsync(first, "limit=500"));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i).Reverse(), sequences);
        var verification = await AssertIntactAsync(second, "after appends from two instances");
        Assert.Equal(30, verification.GetProperty("checked").GetInt64());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Twenty_concurrent_commands_leave_a_gap_free_intact_chain(DatabaseProvider provider)
    {
        var factory = await hosts.GetAsync(provider);
        var subject = SecurityHost.UniqueSubject("concurrent");
        using var client = SecurityHost.ClientFor(factory, "administrator", "*", subject);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await ReplayAsync(client, Guid.NewGuid());
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(20, (await SecurityHost.AuditEntriesAsync(factory, $"subject={subject}")).Length);
        var everything = Sequences(await SecurityHost.AuditEntriesAsync(factory, "limit=500"));
        var newest = everything.Max();
        Assert.True(newest < 500, "The host's chain outgrew one page; page through it.");
        Assert.Equal(Enumerable.Range(1, (int)newest).Select(i => (long)i).Reverse(), everything);
        var verification = await AssertIntactAsync(factory, "after concurrent appends");
        Assert.True(verification.GetProperty("checked").GetInt64() >= newest, verification.ToString());
    }
}

/// <summary>A test database several hosts share; disposing a host leaves it for the owner to drop.</summary>
internal sealed class SharedDatabase(TestDatabase owner) : TestDatabase
{
    public override DatabaseProvider Provider => owner.Provider;

    public override IReadOnlyDictionary<string, string?> Settings => owner.Settings;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
