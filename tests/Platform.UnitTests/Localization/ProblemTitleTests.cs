using System.Globalization;
using Platform.BuildingBlocks.Http;

namespace Platform.UnitTests.Localization;

public sealed class ProblemTitleTests
{
    public static TheoryData<int, string, string> Titles => new()
    {
        { 400, "请求无效。", "The request is invalid." },
        { 401, "需要身份认证。", "Authentication is required." },
        { 403, "调用方无权执行此操作。", "The caller may not do this." },
        { 404, "未找到该资源。", "The resource was not found." },
        { 405, "该资源不支持此请求方法。", "The method is not allowed on this resource." },
        { 409, "请求与资源的当前状态冲突。", "The request conflicts with the current state." },
        { 412, "资源在读取后已被修改。", "The resource has changed since it was read." },
        { 413, "请求体过大。", "The request body is too large." },
        { 415, "不支持该媒体类型。", "The media type is not supported." },
        { 422, "业务规则拒绝了该请求。", "A business rule refused the request." },
        { 429, "请求过于频繁。", "Too many requests." },
        { 500, "发生了意外错误。", "An unexpected error occurred." },
        { 503, "发生了意外错误。", "An unexpected error occurred." },
        { 418, "请求失败。", "The request failed." },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void Title_for_a_status_is_chinese_by_default_and_english_for_en(int status, string chinese, string english)
    {
        Assert.Equal(chinese, ApiProblems.TitleFor(status, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal(english, ApiProblems.TitleFor(status, CultureInfo.GetCultureInfo("en")));
        Assert.Equal(english, ApiProblems.TitleFor(status, CultureInfo.GetCultureInfo("en-US")));
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal(chinese, ApiProblems.TitleFor(status));
        }

        using (new CultureScope("en"))
        {
            Assert.Equal(english, ApiProblems.TitleFor(status));
        }
    }

    [Fact]
    public void Framework_problems_get_a_detail_for_the_codes_a_caller_can_act_on()
    {
        using var scope = new CultureScope("zh-CN");

        Assert.Equal("没有与该路径匹配的接口。", ProblemTexts.DefaultDetailFor(ProblemCodes.RouteNotFound)?.ToString());
        Assert.NotNull(ProblemTexts.DefaultDetailFor(ProblemCodes.MethodNotAllowed));
        Assert.NotNull(ProblemTexts.DefaultDetailFor(ProblemCodes.Unauthenticated));
        Assert.Null(ProblemTexts.DefaultDetailFor("platform.region_not_found"));
    }

    [Fact]
    public void Parameterised_texts_keep_the_value_in_both_languages()
    {
        var text = ProblemTexts.InvalidParameter("limit");

        Assert.Equal("参数“limit”无效。", text.Chinese);
        Assert.Equal("The parameter 'limit' is invalid.", text.English);
        Assert.Contains("2048", ProblemTexts.BodyLargerThan(2048).Chinese, StringComparison.Ordinal);
        Assert.Contains("platform.outbox.read", ProblemTexts.PermissionMissing("platform.outbox.read").English, StringComparison.Ordinal);
    }
}
