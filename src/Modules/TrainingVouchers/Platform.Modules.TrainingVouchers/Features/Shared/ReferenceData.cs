using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.ReferenceData;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Modules.TrainingVouchers.Features.Shared;

/// <summary>
/// The reference data in force for a region on a day: the county's own, else its city's, else its
/// province's. Occupations, program rules and subsidy standards are read on every issue and change
/// rarely, so they are served from a snapshot of their tables, reloaded when this instance changes
/// them and at most <see cref="MaxAge"/> after another instance did (documented in the README).
/// </summary>
internal sealed class ReferenceData(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim loading = new(1, 1);
    private Snapshot? current;

    /// <summary>The region and the divisions containing it: <c>511102</c>, <c>511100</c>, <c>510000</c>.</summary>
    public static string[] SelfAndAncestors(string regionCode)
    {
        var city = string.Concat(regionCode.AsSpan(0, 4), "00");
        var province = string.Concat(regionCode.AsSpan(0, 2), "0000");
        return new[] { regionCode, city, province }.Distinct().ToArray();
    }

    /// <summary>True when the two divisions are in different provinces (Sichuan and Chongqing).</summary>
    public static bool CrossesProvince(string first, string second) => !first.AsSpan(0, 2).SequenceEqual(second.AsSpan(0, 2));

    public async Task<Occupation?> OccupationAsync(string code, CancellationToken cancellationToken) =>
        (await SnapshotAsync(cancellationToken)).Occupations.GetValueOrDefault(code);

    public async Task<ProgramRules?> RulesInForceAsync(string regionCode, DateOnly day, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        var candidates = SelfAndAncestors(regionCode);
        return RegionalRules.InForce(snapshot.Rules.Where(r => candidates.Contains(r.RegionCode)), regionCode, day);
    }

    public async Task<SubsidyStandard?> StandardInForceAsync(string occupationCode, SkillLevel level, string regionCode, DateOnly day, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken);
        return snapshot.Standards.TryGetValue((occupationCode, level), out var standards)
            ? RegionalRules.InForce(standards, regionCode, day)
            : null;
    }

    /// <summary>Drops the snapshot after this instance changed reference data; the next read reloads it.</summary>
    public void Invalidate() => current = null;

    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < MaxAge)
        {
            return snapshot;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            snapshot = current;
            if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < MaxAge)
            {
                return snapshot;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrainingVouchersDbContext>();
            var loadedAt = time.GetUtcNow();
            var occupations = await db.Occupations.AsNoTracking().ToDictionaryAsync(o => o.Code, StringComparer.Ordinal, cancellationToken);
            var rules = await db.ProgramRules.AsNoTracking().ToListAsync(cancellationToken);
            var standards = await db.SubsidyStandards.AsNoTracking().ToListAsync(cancellationToken);
            current = snapshot = new Snapshot(
                loadedAt,
                occupations,
                rules,
                standards.GroupBy(s => (s.OccupationCode, s.Level)).ToDictionary(g => g.Key, g => (IReadOnlyList<SubsidyStandard>)g.ToArray()));
            return snapshot;
        }
        finally
        {
            loading.Release();
        }
    }

    private sealed record Snapshot(
        DateTimeOffset LoadedAt,
        IReadOnlyDictionary<string, Occupation> Occupations,
        IReadOnlyList<ProgramRules> Rules,
        IReadOnlyDictionary<(string Occupation, SkillLevel Level), IReadOnlyList<SubsidyStandard>> Standards);
}
