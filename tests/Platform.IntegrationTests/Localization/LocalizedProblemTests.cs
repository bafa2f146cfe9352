using System.Net;
using Platform.BuildingBlocks.Http;
using Platform.IntegrationTests.Http;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Localization;

/// <summary>
/// Problems of the host as shipped come in Simplified Chinese by default and in English on
/// <c>Accept-Language: en</c> (or <c>en-*</c>): titles, details and field messages alike.
/// </summary>
public sealed class LocalizedProblemTests(LocalizationHostFixture host) : IClassFixture<LocalizationHostFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? acceptLanguage)
    {
        using var request = Language.Request(method, path, acceptLanguage);
        return await client.SendAsync(request, Token);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptLanguage)
    {
        using var client = host.Factory.CreateClient();
        return await SendAsync(client, HttpMethod.Get, path, acceptLanguage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("zh-CN")]
    [InlineData("zh-TW")]
    [InlineData("fr-FR")]
    [InlineData("en")]
    [InlineData("en-US")]
    [InlineData("en-GB,en;q=0.9")]
    public async Task Malformed_region_code_is_a_validation_problem_in_the_requested_language(string? acceptLanguage)
    {
        using var response = await GetAsync("/api/platform/regions/51070", acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "One or more fields are invalid." : "一个或多个字段无效。", problem.GetProperty("title").GetString());
        Assert.Equal(english ? "See errors for each field." : "请查看各字段的错误信息。", problem.GetProperty("detail").GetString());
        Assert.Equal([english ? "A division code is six digits, for example 510700." : "行政区划代码为六位数字，例如 510700。"], HttpAssert.FieldErrors(problem, "code"));
        Language.AssertContentLanguage(response, english);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Missing_region_is_a_not_found_problem_in_the_requested_language(string? acceptLanguage)
    {
        using var response = await GetAsync("/api/platform/regions/510799", acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "platform.region_not_found");
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "The resource was not found." : "未找到该资源。", problem.GetProperty("title").GetString());
        Assert.Equal(english ? "No division has the code 510799." : "没有代码为 510799 的行政区划。", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en-US")]
    public async Task Unknown_route_is_a_404_problem_in_the_requested_language(string? acceptLanguage)
    {
        using var response = await GetAsync("/api/platform/no-such-thing", acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, ProblemCodes.RouteNotFound);
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "The resource was not found." : "未找到该资源。", problem.GetProperty("title").GetString());
        Assert.Equal(english ? "No endpoint matches this path." : "没有与该路径匹配的接口。", problem.GetProperty("detail").GetString());
        Language.AssertContentLanguage(response, english);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Wrong_method_is_a_405_problem_in_the_requested_language(string? acceptLanguage)
    {
        using var client = host.Factory.CreateClient();

        using var response = await SendAsync(client, HttpMethod.Delete, "/api/platform/modules", acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.MethodNotAllowed, ProblemCodes.MethodNotAllowed);
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "The method is not allowed on this resource." : "该资源不支持此请求方法。", problem.GetProperty("title").GetString());
        Assert.True(english ? !Language.HasChinese(problem.GetProperty("detail").GetString()) : Language.HasChinese(problem.GetProperty("detail").GetString()),
            $"Detail in the wrong language: {problem}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Anonymous_call_is_a_401_problem_in_the_requested_language(string? acceptLanguage)
    {
        using var client = host.Factory.Server.CreateClient();

        using var response = await SendAsync(client, HttpMethod.Get, "/api/platform/regions", acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, ProblemCodes.Unauthenticated);
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "Authentication is required." : "需要身份认证。", problem.GetProperty("title").GetString());
        Assert.Equal(english ? "Send a bearer token in the Authorization header." : "请在 Authorization 请求头中发送 Bearer 令牌。", problem.GetProperty("detail").GetString());
        Language.AssertContentLanguage(response, english);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Expired_and_invalid_tokens_are_401_problems_in_the_requested_language(string? acceptLanguage)
    {
        var english = Language.IsEnglish(acceptLanguage);
        using var client = host.Factory.Server.CreateClient();

        client.DefaultRequestHeaders.Authorization = Language.Bearer(TestTokens.For("administrator", "*", expires: DateTimeOffset.UtcNow.AddHours(-1)));
        using var expired = await SendAsync(client, HttpMethod.Get, "/api/platform/regions", acceptLanguage);
        var expiredProblem = await HttpAssert.ProblemAsync(expired, HttpStatusCode.Unauthorized, "auth.token_expired");
        Assert.Equal(english ? "The bearer token has expired." : "Bearer 令牌已过期。", expiredProblem.GetProperty("detail").GetString());

        client.DefaultRequestHeaders.Authorization = Language.Bearer("not-a-token");
        using var invalid = await SendAsync(client, HttpMethod.Get, "/api/platform/regions", acceptLanguage);
        var invalidProblem = await HttpAssert.ProblemAsync(invalid, HttpStatusCode.Unauthorized, "auth.token_invalid");
        Assert.Equal(english ? "The bearer token is not valid for this platform." : "Bearer 令牌对本平台无效。", invalidProblem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Missing_permission_is_a_403_problem_in_the_requested_language(string? acceptLanguage)
    {
        using var client = host.Factory.CreateClientAs("operator", "510700");

        using var response = await SendAsync(client, HttpMethod.Get, "/api/platform/outbox/dead-letters", acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.Forbidden, "auth.permission_missing");
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "The caller may not do this." : "调用方无权执行此操作。", problem.GetProperty("title").GetString());
        Assert.Equal(english ? "The caller's roles do not hold the permission 'platform.outbox.read'." : "调用方的角色不具备权限“platform.outbox.read”。",
            problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Query_parameter_that_does_not_bind_is_a_400_problem_in_the_requested_language(string? acceptLanguage)
    {
        using var response = await GetAsync("/api/platform/regions?limit=abc", acceptLanguage);

        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, ProblemCodes.InvalidParameter);
        var english = Language.IsEnglish(acceptLanguage);
        Assert.Equal(english ? "The request is invalid." : "请求无效。", problem.GetProperty("title").GetString());
        Assert.Equal(english ? "The parameter 'limit' is invalid." : "参数“limit”无效。", problem.GetProperty("detail").GetString());
        Assert.Equal([english ? "The value could not be read as the expected type." : "无法将该值读取为预期的类型。"], HttpAssert.FieldErrors(problem, "limit"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    public async Task Successful_answers_also_state_their_language(string? acceptLanguage)
    {
        using var response = await GetAsync("/api/platform/regions/510000", acceptLanguage);

        await HttpAssert.ReadOkJsonAsync(response);
        Language.AssertContentLanguage(response, Language.IsEnglish(acceptLanguage));
    }
}
