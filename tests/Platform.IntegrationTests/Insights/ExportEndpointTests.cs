using System.Net;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Http;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Sdk;
using SkiaSharp;
using DatabaseProvider = Platform.BuildingBlocks.Persistence.DatabaseProvider;

namespace Platform.IntegrationTests.Insights;

/// <summary>
/// The progress exports and chart over HTTP, on Leshan's seeded 2021–2025 targets counted to 30 June 2025:
/// the content types and file names, the CSV's header and one line per row of Insights_GetProgress, the
/// workbook and the chart readable, and a region outside the caller's refused.
/// </summary>
public sealed class ExportEndpointTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string Base = "/api/insights";
    private const string Leshan = "511100";
    private const string Sichuan = "510000";
    private const string Query = "?regionCode=" + Leshan + "&fromYear=2021&toYear=2025&on=2025-06-30";

    private static readonly string[] Paths = ["/progress.csv", "/progress.xlsx", "/progress/chart.svg", "/progress/chart.png"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_csv_is_UTF8_with_BOM_its_header_Chinese_and_one_line_per_progress_row()
    {
        using var client = await OperatorAsync();
        var rows = await ProgressRowCountAsync(client);

        using var response = await client.GetAsync(Base + "/progress.csv" + Query, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        AssertAttachment(response, "progress-511100-2025-06-30.csv", "进度-乐山市-2025-06-30.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("指标代码,指标,单位,区域,期间,目标类型,目标值,基数,实际完成,完成率(%),按进度应达,是否达到进度,剩余月数,剩余每月需完成,状态,目标来源", lines[0]);
        Assert.True(rows > 0, "Leshan has seeded targets for 2021–2025");
        Assert.Equal(rows + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("subsidised_trainings,补贴性职业技能培训,人次,乐山市,2021–2025,期间累计,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_workbook_is_an_xlsx_attachment_with_the_Chinese_headers()
    {
        using var client = await OperatorAsync();
        var rows = await ProgressRowCountAsync(client);

        using var response = await client.GetAsync(Base + "/progress.xlsx" + Query, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        AssertAttachment(response, "progress-511100-2025-06-30.xlsx", "进度-乐山市-2025-06-30.xlsx");
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Token)), false);
        var sheet = Assert.Single(document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>());
        Assert.Equal("进度", sheet.Name?.Value);
        var data = ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!.Value!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToArray();
        Assert.Equal(rows + 2, data.Length);
        var headers = data[1].Elements<Cell>().Select(c => c.InlineString?.Text?.Text).ToArray();
        Assert.Equal("指标代码", headers[0]);
        Assert.Equal("完成率(%)", headers[9]);
        Assert.Equal("目标来源", headers[15]);
        var target = data[2].Elements<Cell>().ElementAt(6);
        Assert.Equal(CellValues.Number, target.DataType?.Value);
    }

    [Fact]
    public async Task The_chart_is_an_svg_with_a_bar_per_row_and_a_png_of_the_same_size()
    {
        using var client = await OperatorAsync();
        var rows = await ProgressRowCountAsync(client);

        using var svgResponse = await client.GetAsync(Base + "/progress/chart.svg" + Query, Token);
        using var pngResponse = await client.GetAsync(Base + "/progress/chart.png" + Query, Token);

        Assert.Equal(HttpStatusCode.OK, svgResponse.StatusCode);
        Assert.Equal("image/svg+xml", svgResponse.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await svgResponse.Content.ReadAsStringAsync(Token));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(rows, svg.Descendants(ns + "rect").Count(r => (string?)r.Attribute("class") == "bar"));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.Contains("乐山市", StringComparison.Ordinal) && t.Value.Contains("2025-06-30", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, pngResponse.StatusCode);
        Assert.Equal("image/png", pngResponse.Content.Headers.ContentType?.MediaType);
        using var bitmap = SKBitmap.Decode(await pngResponse.Content.ReadAsByteArrayAsync(Token));
        Assert.NotNull(bitmap);
        Assert.Equal(int.Parse((string)svg.Root!.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture), bitmap.Width);
        Assert.Equal(int.Parse((string)svg.Root.Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture), bitmap.Height);
    }

    [Fact]
    public async Task A_region_outside_the_callers_is_refused_on_every_export()
    {
        using var client = await OperatorAsync();

        foreach (var path in Paths)
        {
            using var response = await client.GetAsync($"{Base}{path}?regionCode={Sichuan}", Token);
            await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden, "insights.region_outside_caller");
        }
    }

    [Fact]
    public async Task The_query_is_validated_as_Insights_GetProgress_is()
    {
        using var client = await OperatorAsync();

        foreach (var path in Paths)
        {
            using var response = await client.GetAsync($"{Base}{path}?regionCode={Leshan}&fromYear=2025&toYear=2021", Token);
            var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
            Assert.NotEmpty(HttpAssert.FieldErrors(problem, "toYear"));
        }
    }

    [Fact]
    public async Task The_generated_client_answers_the_exports_as_files()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        var collection = new ServiceCollection();
        var builders = collection.AddPlatformSdk(options =>
        {
            options.BaseAddress = host.Server.BaseAddress;
            options.AccessTokenProvider = (_, _) => ValueTask.FromResult<string?>(TestTokens.For("operator", Leshan, "insights-export-sdk"));
        });
        foreach (var builder in builders)
        {
            builder.ConfigurePrimaryHttpMessageHandler(() => host.Server.CreateHandler());
        }

        await using var services = collection.BuildServiceProvider(validateScopes: true);
        var insights = services.GetRequiredService<PlatformApi>().Insights;
        var on = new DateOnly(2025, 6, 30);

        using (var csv = await insights.ExportProgressCsvAsync(Leshan, 2021, 2025, on, Token))
        {
            Assert.Equal(200, csv.StatusCode);
            using var reader = new StreamReader(csv.Stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            Assert.StartsWith("指标代码,指标,单位,", await reader.ReadLineAsync(Token), StringComparison.Ordinal);
        }

        using (var png = await insights.GetProgressChartPngAsync(Leshan, 2021, 2025, on, Token))
        {
            using var bytes = new MemoryStream();
            await png.Stream.CopyToAsync(bytes, Token);
            using var bitmap = SKBitmap.Decode(bytes.ToArray());
            Assert.NotNull(bitmap);
        }

        var refused = await Assert.ThrowsAnyAsync<PlatformApiException>(() => insights.GetProgressChartAsync(Sichuan, cancellationToken: Token));
        Assert.Equal(403, refused.StatusCode);
    }

    private async Task<HttpClient> OperatorAsync()
    {
        var host = await hosts.GetAsync(DatabaseProvider.Sqlite);
        return host.CreateClientAs("operator", Leshan, "insights-export-officer");
    }

    /// <summary>The rows Insights_GetProgress answers for the same query.</summary>
    private static async Task<int> ProgressRowCountAsync(HttpClient client)
    {
        using var response = await client.GetAsync(Base + "/progress" + Query, Token);
        var report = await HttpAssert.ReadOkJsonAsync(response);
        return report.GetProperty("rows").GetArrayLength();
    }

    private static void AssertAttachment(HttpResponseMessage response, string fileName, string chineseName)
    {
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(fileName, disposition.FileName?.Trim('"'));
        Assert.Equal(chineseName, disposition.FileNameStar);
    }
}
