using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Modules.Platform.Persistence;

namespace Platform.Modules.Platform.Features.Regions;

/// <summary>
/// The region table held in memory: reference data read on nearly every request and changed only by
/// seeding, which reloads it. Loaded from the module's database on first use, so what is served is
/// what is stored.
/// </summary>
internal sealed class RegionDirectory(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Snapshot? snapshot;

    public async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken) =>
        snapshot ?? await LoadAsync(force: false, cancellationToken);

    /// <summary>Re-reads the table; called after seeding changed it.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken) => await LoadAsync(force: true, cancellationToken);

    private async Task<Snapshot> LoadAsync(bool force, CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            if (!force && snapshot is { } loaded)
            {
                return loaded;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var rows = await db.Regions.AsNoTracking()
                .Select(r => new RegionResponse(r.Code, r.Name, r.NameEn, r.Level, r.ParentCode))
                .ToListAsync(cancellationToken);
            var fresh = new Snapshot(rows.OrderBy(r => r.Code, StringComparer.Ordinal).ToArray());
            snapshot = fresh;
            return fresh;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>An immutable view of the table, ordered by code.</summary>
    internal sealed class Snapshot(IReadOnlyList<RegionResponse> ordered)
    {
        private readonly Dictionary<string, RegionResponse> byCode = ordered.ToDictionary(r => r.Code, StringComparer.Ordinal);

        public IReadOnlyList<RegionResponse> Ordered { get; } = ordered;

        public RegionResponse? Find(string code) => byCode.GetValueOrDefault(code);
    }
}
