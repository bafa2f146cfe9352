using System.Net;
using System.Text;
using Platform.BuildingBlocks.Http;
using Platform.IntegrationTests.Http;

namespace Platform.IntegrationTests.Localization;

/// <summary>
/// FluentValidation messages, body errors, business refusals and server errors in the language of
/// the request, through a probe module mapped like any other.
/// </summary>
public sealed class LocalizedValidationTests(LocalizationProbeHostFixture host) : IClassFixture<LocalizationProbeHostFixture>
{
    private const string EchoPath = "/api/l10n-probe/echo";
    private const string InvalidBody = """{"name":"","count":0,"address":{"postalCode":"abc"},"code":"12"}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? acceptLanguage, HttpContent? content = null)
    {
        using var client = host.Factory.CreateClient();
        using var request = Language.Request(method, path, acceptLanguage, content);
        return await client.SendAsync(request, Token);
    }

    private Task<HttpResponseMessage> PostEchoAsync(string body, string? acceptLanguage) =>
        SendAsync(HttpMethod.Post, EchoPath, acceptLanguage, new StringContent(body, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Built_in_validation_messages_are_chinese_by_default_naming_fields_by_camel_case_path()
    {
        using var response = await PostEchoAsync(InvalidBody, acceptLanguage: null);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal("一个或多个字段无效。", problem.GetProperty("title").GetString());
        Assert.Equal(["'name' 不能为空。"], HttpAssert.FieldErrors(problem, "name"));
        Assert.Equal(["'address.postalCode' 的格式不正确。"], HttpAssert.FieldErrors(problem, "address.postalCode"));
        var count = Assert.Single(HttpAssert.FieldErrors(problem, "count"));
        Assert.StartsWith("'count' ", count, StringComparison.Ordinal);
        Assert.True(Language.HasChinese(count), count);
        Language.AssertContentLanguage(response, english: false);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-US")]
    public async Task Built_in_validation_messages_are_english_on_accept_language_en(string acceptLanguage)
    {
        using var response = await PostEchoAsync(InvalidBody, acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        Assert.Equal("One or more fields are invalid.", problem.GetProperty("title").GetString());
        Assert.Equal(["'name' must not be empty."], HttpAssert.FieldErrors(problem, "name"));
        Assert.Equal(["'address.postalCode' is not in the correct format."], HttpAssert.FieldErrors(problem, "address.postalCode"));
        Assert.Equal(["'count' must be between 1 and 10. You entered 0."], HttpAssert.FieldErrors(problem, "count"));
        Language.AssertContentLanguage(response, english: true);
    }

    [Fact]
    public async Task Localized_with_message_is_picked_per_request_by_a_validator_built_once()
    {
        // The validator is a singleton: the language must be picked when a rule fails, not when it was built.
        foreach (var acceptLanguage in new[] { "en", null, "en-GB", "zh-CN" })
        {
            using var response = await PostEchoAsync(InvalidBody, acceptLanguage);

            var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
            Assert.Equal([Language.IsEnglish(acceptLanguage) ? "'code' must be six digits." : "“code”须为六位数字。"], HttpAssert.FieldErrors(problem, "code"));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Malformed_json_is_a_400_problem_in_the_requested_language(string? acceptLanguage)
    {
        using var response = await PostEchoAsync("""{"name":"probe","count":""", acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.MalformedJson);
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "The request is invalid." : "请求无效。", problem.GetProperty("title").GetString());
        Assert.Equal(english ? "The request body is not valid JSON for this operation." : "请求体不是此操作所需的有效 JSON。", problem.GetProperty("detail").GetString());
        Language.AssertContentLanguage(response, english);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Wrong_json_type_names_the_field_in_the_requested_language(string? acceptLanguage)
    {
        using var response = await PostEchoAsync("""{"name":"probe","count":"many"}""", acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.MalformedJson);
        var message = Assert.Single(HttpAssert.FieldErrors(problem, "count"));
        Assert.Contains("count", message, StringComparison.Ordinal);
        Assert.Equal(!Language.IsEnglish(acceptLanguage), Language.HasChinese(message));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Unsupported_media_type_is_a_415_problem_in_the_requested_language(string? acceptLanguage)
    {
        using var response = await SendAsync(HttpMethod.Post, EchoPath, acceptLanguage, new StringContent("""{"name":"probe","count":1}""", Encoding.UTF8, "text/plain"));

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, ProblemCodes.UnsupportedMediaType);
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "The media type is not supported." : "不支持该媒体类型。", problem.GetProperty("title").GetString());
        Assert.Equal(english ? "Send the body as application/json." : "请以 application/json 格式发送请求体。", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Body_above_the_limit_is_a_413_problem_in_the_requested_language(string? acceptLanguage)
    {
        var body = $$"""{"name":"{{new string('x', 4096)}}","count":1}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.ContentLength = Encoding.UTF8.GetByteCount(body);

        using var response = await SendAsync(HttpMethod.Post, EchoPath, acceptLanguage, content);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ProblemCodes.BodyTooLarge);
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "The request body is too large." : "请求体过大。", problem.GetProperty("title").GetString());
        Assert.Equal(english ? "The body is larger than 2048 bytes." : "请求体超过 2048 字节。", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Domain_exception_declared_in_both_languages_is_written_in_the_requested_language(string? acceptLanguage)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/l10n-probe/refused", acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity, LocalizationProbeModule.RefusedCode);
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "A business rule refused the request." : "业务规则拒绝了该请求。", problem.GetProperty("title").GetString());
        Assert.Equal(english ? "The probe was refused." : "探针已被拒绝。", problem.GetProperty("detail").GetString());
        Assert.Equal([english ? "The field was refused." : "该字段被拒绝。"], HttpAssert.FieldErrors(problem, "name"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Server_error_is_a_500_problem_in_the_requested_language_that_keeps_its_content_language(string? acceptLanguage)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/l10n-probe/boom", acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.InternalServerError, ProblemCodes.ServerError);
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "An unexpected error occurred." : "发生了意外错误。", problem.GetProperty("title").GetString());
        Assert.Equal(english ? "The server could not complete the request. Quote the trace id to support." : "服务器无法完成该请求。联系技术支持时请提供 traceId。",
            problem.GetProperty("detail").GetString());
        Language.AssertContentLanguage(response, english);
    }
}
