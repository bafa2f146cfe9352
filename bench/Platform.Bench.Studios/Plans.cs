using System.Data.Common;
using System.Diagnostics;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Security;
using Platform.Modules.SkillMasterStudios;
using Platform.Modules.SkillMasterStudios.Features.Reports;
using Platform.Modules.SkillMasterStudios.Features.Statistics;
using Platform.Modules.SkillMasterStudios.Features.Studios;
using Platform.Modules.SkillMasterStudios.Persistence;

namespace Platform.Bench.Studios;

/// <summary>A handler's query: its SQL (<c>ToQueryString</c>), the engine's plan, the database's own best time, and what in the plan deserves a look.</summary>
internal sealed record QueryPlan(string Title, string Sql, string Plan, double DatabaseMilliseconds, IReadOnlyList<string> Concerns);

/// <summary>
/// The services a context reads its caller from, for a caller of one region: the module's query filters then
/// add that region's prefix exactly as for the host's requests.
/// </summary>
internal static class CallerScope
{
    public static ServiceProvider For(string role, string region)
    {
        var identity = new ClaimsIdentity(
            [new Claim(PlatformClaims.Subject, "bench"), new Claim(PlatformClaims.Role, role), new Claim(PlatformClaims.Region, region)], authenticationType: "bench");
        var services = new ServiceCollection();
        services.AddSingleton<IHttpContextAccessor>(new FixedHttpContext(new DefaultHttpContext { User = new ClaimsPrincipal(identity) }));
        services.AddSingleton(RegionCatalog.LoadEmbedded());
        services.AddSingleton(new PermissionCatalog(StudioPermissions.Grants));
        services.AddSingleton<CallerAccessor>();
        return services.BuildServiceProvider();
    }

    private sealed class FixedHttpContext(HttpContext context) : IHttpContextAccessor
    {
        public HttpContext? HttpContext
        {
            get => context;
            set { }
        }
    }
}

/// <summary>
/// Runs the handlers' own LINQ (<see cref="SearchStudios"/>, <see cref="StatisticsQueries"/>,
/// <see cref="ReportEndpoints.OverdueStudios"/>) on a context of the bench, so EF generates the SQL the host
/// runs, and asks the engine how it executes it: SQLite <c>EXPLAIN QUERY PLAN</c>, PostgreSQL
/// <c>EXPLAIN (ANALYZE, BUFFERS)</c>. Each plan is checked for full scans and sorts of every match.
/// </summary>
internal static partial class Plans
{
    public static async Task<QueryPlan> SearchAsync(StudioDatabase database, IServiceProvider? caller, string title, SearchStudiosRequest request, CancellationToken cancellationToken)
    {
        await using var db = database.Context(caller);
        var query = SearchStudios.Page(SearchStudios.Filter(db.Studios.AsNoTracking(), request), request.Limit ?? 50);
        return await ExplainAsync(database, db, title, query, cancellationToken);
    }

    public static async Task<IReadOnlyList<QueryPlan>> StatisticsAsync(StudioDatabase database, string regionCode, int year, CancellationToken cancellationToken)
    {
        await using var db = database.Context();
        return
        [
            await ExplainAsync(database, db, $"statistics {regionCode}: active studios by region, level, field", StatisticsQueries.ActiveStudios(db, regionCode), cancellationToken),
            await ExplainAsync(database, db, $"statistics {regionCode}: accreditations decided in {year}", StatisticsQueries.Accreditations(db, regionCode, year), cancellationToken),
            await ExplainAsync(database, db, $"statistics {regionCode}: apprentices of {year} by level reached", StatisticsQueries.Apprentices(db, regionCode, year), cancellationToken),

            // The handler sums this projection (SumAsync); the rows read are the same.
            await ExplainAsync(database, db, $"statistics {regionCode}: funding paid in {year} (the rows SumAsync adds up)", StatisticsQueries.FundingPaid(db, regionCode, year), cancellationToken),
        ];
    }

    public static async Task<QueryPlan> OverdueAsync(StudioDatabase database, string regionCode, int year, CancellationToken cancellationToken)
    {
        await using var db = database.Context();
        var query = ReportEndpoints.OverdueStudios(db.Studios.AsNoTracking(), db.AnnualReports, regionCode, year)
            .OrderBy(s => s.Id).Take(101)
            .Select(s => new OverdueStudio(s.Id, s.Name, s.RegionCode, s.Level, s.HostCode));
        return await ExplainAsync(database, db, $"overdue reports {regionCode} {year}: first page", query, cancellationToken);
    }

    /// <summary>What in a plan reads more than the answer needs: table scans, full index scans, sorts of every match.</summary>
    public static IReadOnlyList<string> ConcernsOf(string plan, bool postgres)
    {
        var concerns = new List<string>();
        foreach (var line in plan.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            if (postgres)
            {
                if (PostgresSeqScan().Match(line) is { Success: true } seq)
                {
                    concerns.Add($"sequential scan of `{seq.Groups[1].Value}`: {line}");
                }
                else if (PostgresRemoved().Match(line) is { Success: true } removed && long.Parse(removed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 1000)
                {
                    concerns.Add($"read and discarded {removed.Groups[1].Value} rows: {line}");
                }
                else if (line.StartsWith("Sort Method: external", StringComparison.Ordinal))
                {
                    concerns.Add($"sort spilled to disk: {line}");
                }
            }
            else if (SqliteScan().Match(line) is { Success: true } scan)
            {
                concerns.Add(scan.Groups[2].Success
                    ? $"full scan of `{scan.Groups[1].Value}` in index order ({scan.Groups[2].Value.Trim()}): reads until the page is full, so every row when few match: {line}"
                    : $"table scan of `{scan.Groups[1].Value}`: {line}");
            }
            else if (line.StartsWith("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal))
            {
                // (A temporary B-tree for GROUP BY only groups what the index range returned: not flagged.)
                concerns.Add($"sorts every matching row before the page is cut: {line}");
            }
        }

        return concerns;
    }

    private static async Task<QueryPlan> ExplainAsync<T>(StudioDatabase database, SkillMasterStudiosDbContext db, string title, IQueryable<T> query, CancellationToken cancellationToken)
    {
        var sql = query.ToQueryString();
        await using DbCommand command = query.CreateDbCommand();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            command.CommandTimeout = 600;

            // The bare query three times; the fastest is the database's share of an answer.
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
            return new QueryPlan(title, sql, plan, best, ConcernsOf(plan, database.IsPostgres));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [GeneratedRegex(@"^SCAN (\w+)( USING (?:COVERING )?INDEX \S+)?$")]
    private static partial Regex SqliteScan();

    [GeneratedRegex(@"Seq Scan on (\S+)")]
    private static partial Regex PostgresSeqScan();

    [GeneratedRegex(@"^Rows Removed by (?:Filter|Join Filter|Index Recheck): (\d+)")]
    private static partial Regex PostgresRemoved();
}
