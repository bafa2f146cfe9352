using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.PersonalData;
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
/// EXPLAIN ANALYZE with buffers) and times the bare query. The queries come from the handlers
/// themselves (<see cref="SearchVouchers.Filter"/>, <see cref="StatisticsQueries"/>), so they cannot drift.
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
        var queries = new StatisticsQueries(db.Vouchers.AsNoTracking(), regionCode, from, to);
        var issued = queries.Issued;
        var completions = queries.Completions;

        // SumAsync has no IQueryable to explain: the same filter and sum, grouped by a constant.
        var paid = queries.Paid.GroupBy(v => 1).Select(g => g.Sum(v => v.SubsidyAmount ?? 0m));
        return
        [
            await ExplainAsync(database, db, $"statistics {regionCode}: issued by status and group", issued.CreateDbCommand(), cancellationToken),
            await ExplainAsync(database, db, $"statistics {regionCode}: completions by institution, occupation, result", completions.CreateDbCommand(), cancellationToken),
            await ExplainAsync(database, db, $"statistics {regionCode}: subsidy paid", paid.CreateDbCommand(), cancellationToken),
        ];
    }

    /// <summary>The query of <c>SearchVouchers.HandleAsync</c>, for a caller who sees every region.</summary>
    private static IQueryable<VoucherRow> SearchQuery(TrainingVouchersDbContext db, IPersonalDataProtector protector, SearchFilter filter)
    {
        var request = new SearchVouchersRequest(
            filter.Status, filter.RegionCode, filter.OccupationCode, filter.Level, filter.Group, filter.InstitutionCode,
            filter.HolderIdNumber, filter.IssuedFrom, filter.IssuedTo, filter.Cursor, Limit: null);
        return SearchVouchers.Page(SearchVouchers.Filter(db.Vouchers.AsNoTracking(), request, protector), SearchVouchers.DefaultLimit);
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
