using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Features.Progress;
using Platform.Modules.Insights.Features.Shared;
using Platform.Modules.Insights.Persistence;

namespace Platform.Modules.Insights.Features.Exports;

/// <summary>The progress table as files a bureau can forward (CSV, Excel) and as a chart (SVG, PNG).</summary>
internal static class ExportEndpoints
{
    private const string SameQuery = "The query is Insights_GetProgress's: a region within the caller's (else 403), a period (both years) or every period containing the day's year, and the day to count to (default today).";

    public static void MapExportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/progress.csv", ExportCsvAsync)
            .WithName("Insights_ExportProgressCsv")
            .RequirePermission(InsightsPermissions.ProgressRead)
            .WithSummary("The progress table as CSV (UTF-8 with BOM, Chinese headers) for forwarding")
            .WithDescription("One line per target, the header line first: 指标代码, 指标, 单位, 区域, 期间, 目标类型, 目标值, 基数, 实际完成, 完成率(%), 按进度应达, 是否达到进度, 剩余月数, 剩余每月需完成, 状态, 目标来源. UTF-8 with a byte-order mark so Excel reads the Chinese; RFC 4180 quoting, CRLF line ends; numbers invariant without grouping, the percentage with one decimal; an empty cell where there is no value. Sent as an attachment progress-<region>-<day>.csv. " + SameQuery)
            .Produces(StatusCodes.Status200OK, typeof(Stream), ProgressCsv.ContentType)
            .ProducesApiProblem(StatusCodes.Status403Forbidden);

        routes.MapGet("/progress.xlsx", ExportXlsxAsync)
            .WithName("Insights_ExportProgressXlsx")
            .RequirePermission(InsightsPermissions.ProgressRead)
            .WithSummary("The progress table as an Excel workbook for forwarding")
            .WithDescription("A worksheet 进度: a title row (region and day), the bold header row (the CSV's columns) frozen above the table, numbers stored as numbers (the percentage with one decimal), column widths set. Sent as an attachment progress-<region>-<day>.xlsx (in Chinese in filename*). " + SameQuery)
            .Produces(StatusCodes.Status200OK, typeof(Stream), ProgressWorkbook.ContentType)
            .ProducesApiProblem(StatusCodes.Status403Forbidden);

        routes.MapGet("/progress/chart.svg", ChartSvgAsync)
            .WithName("Insights_GetProgressChart")
            .RequirePermission(InsightsPermissions.ProgressRead)
            .WithSummary("A bar chart of the progress of each indicator, as SVG")
            .WithDescription("One horizontal bar per target: the percentage achieved on a 0–100 % scale (beyond 100 % the bar stops at the right edge and the number says how far), a vertical marker where an even pace would be by the day (expected ÷ target), green when completed or on track, amber when behind, red when the period ended unmet, grey across the scale when the platform does not record the indicator; the indicator's name and period on the left and the region and day in the title, in Chinese. " + SameQuery)
            .Produces(StatusCodes.Status200OK, typeof(Stream), ChartSvg.ContentType)
            .ProducesApiProblem(StatusCodes.Status403Forbidden);

        routes.MapGet("/progress/chart.png", ChartPngAsync)
            .WithName("Insights_GetProgressChartPng")
            .RequirePermission(InsightsPermissions.ProgressRead)
            .WithSummary("The same bar chart, rasterised as PNG")
            .WithDescription("Insights_GetProgressChart drawn to a PNG of the same size. The text uses a Chinese font when the server has one. " + SameQuery)
            .Produces(StatusCodes.Status200OK, typeof(Stream), ChartPng.ContentType)
            .ProducesApiProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<FileContentHttpResult> ExportCsvAsync(
        [AsParameters] ProgressQuery query, InsightsDbContext db, RegionCatalog regions, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(query, db, regions, time, cancellationToken);
        Attach(response, report, "csv");
        return TypedResults.File(ProgressCsv.Write(report), ProgressCsv.ContentType + "; charset=utf-8");
    }

    private static async Task<FileContentHttpResult> ExportXlsxAsync(
        [AsParameters] ProgressQuery query, InsightsDbContext db, RegionCatalog regions, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(query, db, regions, time, cancellationToken);
        Attach(response, report, "xlsx");
        return TypedResults.File(ProgressWorkbook.Write(report), ProgressWorkbook.ContentType);
    }

    private static async Task<ContentHttpResult> ChartSvgAsync(
        [AsParameters] ProgressQuery query, InsightsDbContext db, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(query, db, regions, time, cancellationToken);
        return TypedResults.Text(ChartSvg.Write(ProgressChart.Build(report)), ChartSvg.ContentType, Encoding.UTF8);
    }

    private static async Task<FileContentHttpResult> ChartPngAsync(
        [AsParameters] ProgressQuery query, InsightsDbContext db, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(query, db, regions, time, cancellationToken);
        return TypedResults.File(ChartPng.Render(ProgressChart.Build(report)), ChartPng.ContentType);
    }

    private static async Task<ProgressReport> ReportAsync(ProgressQuery query, InsightsDbContext db, RegionCatalog regions, TimeProvider time, CancellationToken cancellationToken)
    {
        InsightsAccess.RequireRegion(db.Caller, query.RegionCode!);
        var on = query.On ?? ChinaCalendar.Today(time);
        return await ProgressQueries.ReportAsync(db, regions, query.RegionCode!, query.FromYear, query.ToYear, on, cancellationToken);
    }

    /// <summary>
    /// Sends the file as an attachment named <c>progress-&lt;region&gt;-&lt;day&gt;.&lt;extension&gt;</c>,
    /// and in Chinese (<c>进度-&lt;region name&gt;-&lt;day&gt;</c>) in <c>filename*</c> for the clients that read it.
    /// </summary>
    private static void Attach(HttpResponse response, ProgressReport report, string extension)
    {
        var day = report.OnDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var disposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = $"progress-{report.RegionCode}-{day}.{extension}",
            FileNameStar = $"进度-{report.RegionName}-{day}.{extension}",
        };
        response.Headers.ContentDisposition = disposition.ToString();
    }
}
