using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.TrainingVouchers.Domain;
using Platform.Modules.TrainingVouchers.Features.Lookup;
using Platform.Modules.TrainingVouchers.Features.Statistics;
using Platform.Modules.TrainingVouchers.Persistence;

namespace Platform.Bench.Vouchers;

/// <summary>A query the endpoint runs, its SQL, its plan, and how long the database alone takes for it.</summary>
internal sealed record QueryPlan(string Title, string Sql, string Plan, double DatabaseMilliseconds);

/// <summary>
/// Rebuilds the LINQ of <see cref="SearchVouchers"/> and <see cref="GetStatistics"/> on a context of
/// its own (the same model and provider, the unrestricted caller the bench token also is), so EF
/// generates the same SQL; then asks the engine for the plan (SQLite: EXPLAIN QUERY PLAN; PostgreSQL:
/// EXPLAIN ANALYZE with buffers) and times the bare query. Keep in step with the two handlers.
/// </summary>
internal static class QueryPlans
{
    public static async Task<QueryPlan> SearchAsync(BenchDatabase database, IPersonalDataProtector protector, string title, SearchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = database.CreateContext();
        var query = SearchQuery(db, protector, filter);
        return await ExplainAsync(database, db, title, query.CreateDbCommand(), cancellationToken);
    }

    public static async Task<IReadOnlyList<QueryPlan>> StatisticsAsync(BenchDatabase database, string regionCode, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreateContext();
        var (low, high) = SearchVouchers.RegionRange(regionCode);
        var inRegion = db.Vouchers.AsNoTracking().Where(v => string.Compare(v.RegionCode, low) >= 0 && string.Compare(v.RegionCode, high) < 0);
        var issued = inRegion
            .Where(v => v.IssuedOn >= from && v.IssuedOn <= to)
            .GroupBy(v => new { v.Status, v.Groups })
            .Select(g => new { g.Key.Status, g.Key.Groups, Count = g.Count(), FaceValue = g.Sum(v => v.FaceValue) });
        var completions = inRegion
            .Where(v => v.CompletedOn >= from && v.CompletedOn <= to)
            .GroupBy(v => new { v.InstitutionCode, v.OccupationCode, v.Passed })
            .Select(g => new { g.Key.InstitutionCode, g.Key.OccupationCode, g.Key.Passed, Count = g.Count() });

        // SumAsync has no IQueryable to explain: the same filter and sum, grouped by a constant.
        var paid = inRegion
            .Where(v => v.PaidOn >= from && v.PaidOn <= to)
            .GroupBy(v => 1)
            .Select(g => g.Sum(v => v.SubsidyAmount ?? 0m));
        return
        [
            await ExplainAsync(database, db, $"statistics {regionCode}: issued by status and group", issued.CreateDbCommand(), cancellationToken),
            await ExplainAsync(database, db, $"statistics {regionCode}: completions by institution, occupation, result", completions.CreateDbCommand(), cancellationToken),
            await ExplainAsync(database, db, $"statistics {regionCode}: subsidy paid", paid.CreateDbCommand(), cancellationToken),
        ];
    }

    /// <summary>The query of <c>SearchVouchers.HandleAsync</c>, for a caller who sees every region.</summary>
    private static IQueryable<object> SearchQuery(TrainingVouchersDbContext db, IPersonalDataProtector protector, SearchFilter request)
    {
        var query = db.Vouchers.AsNoTracking();
        if (request.Status is { } status)
        {
            query = query.Where(v => v.Status == status);
        }

        if (request.RegionCode is { } region)
        {
            if (RegionCode.LevelOf(region) == RegionLevel.County)
            {
                query = query.Where(v => v.RegionCode == region);
            }
            else
            {
                var prefix = RegionCode.Prefix(region);
                query = query.Where(v => v.RegionCode.StartsWith(prefix));
            }
        }

        if (request.OccupationCode is not null)
        {
            query = query.Where(v => v.OccupationCode == request.OccupationCode);
        }

        if (request.Level is { } level)
        {
            query = query.Where(v => v.Level == level);
        }

        if (request.Group is { } group)
        {
            var flag = group.Flag();
            query = query.Where(v => (v.Groups & flag) == flag);
        }

        if (request.InstitutionCode is not null)
        {
            query = query.Where(v => v.InstitutionCode == request.InstitutionCode);
        }

        if (request.HolderIdNumber is not null)
        {
            var blindIndex = protector.BlindIndexForLookup(PersonalDataKind.ResidentId, request.HolderIdNumber);
            query = query.Where(v => v.Holder.BlindIndex == blindIndex);
        }

        if (request.IssuedFrom is { } from)
        {
            query = query.Where(v => v.IssuedOn >= from);
        }

        if (request.IssuedTo is { } to)
        {
            query = query.Where(v => v.IssuedOn <= to);
        }

        if (request.Cursor is not null && SearchVouchers.TryDecodeCursor(request.Cursor, out var after))
        {
            query = query.Where(v => v.IssuedAt < after.IssuedAt || (v.IssuedAt == after.IssuedAt && v.Id.CompareTo(after.Id) < 0));
        }

        return query
            .OrderByDescending(v => v.IssuedAt).ThenByDescending(v => v.Id)
            .Take(SearchVouchers.DefaultLimit + 1)
            .Select(v => (object)new { v.Id, v.Holder.Ciphertext, v.Groups, v.OccupationCode, v.Level, v.RegionCode, v.Status, v.FaceValue, v.IssuedOn, v.ExpiresOn, v.InstitutionCode, v.IssuedAt });
    }

    private static async Task<QueryPlan> ExplainAsync(BenchDatabase database, TrainingVouchersDbContext db, string title, DbCommand command, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            command.CommandTimeout = 600;
            var sql = command.CommandText;

            // The bare query, three times, the fastest counts: the database's share of the answer time.
            var best = double.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                    }
                }

                best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var plan = await database.ExplainAsync(command, cancellationToken);
            var parameters = string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => $"{p.ParameterName}={p.Value}"));
            return new QueryPlan(title, sql + (parameters.Length > 0 ? $"\n-- {parameters}" : ""), plan, best);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
