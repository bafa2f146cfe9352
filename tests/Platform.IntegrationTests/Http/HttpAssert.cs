using System.Net;
using System.Text.Json;

namespace Platform.IntegrationTests.Http;

/// <summary>Reads JSON answers and checks the platform's problem-details conventions.</summary>
public static class HttpAssert
{
    public const string ProblemContentType = "application/problem+json";

    /// <summary>Reads the body as JSON, failing with the body text when it is not JSON.</summary>
    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            Assert.Fail($"{(int)response.StatusCode} body is not JSON ({exception.Message}): {text}");
            throw;
        }
    }

    /// <summary>Reads a successful JSON answer.</summary>
    public static async Task<JsonElement> ReadOkJsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Fail($"Expected 200 but got {(int)response.StatusCode}: {text}");
        }

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await ReadJsonAsync(response);
    }

    /// <summary>
    /// Asserts a problem answer: the status, the problem media type, the stable code, a trace id, and
    /// the type derived from the code. Returns the problem for further checks.
    /// </summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        ArgumentNullException.ThrowIfNull(response);
        var problem = await ReadJsonAsync(response);
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {problem}");
        Assert.Equal(ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal($"urn:chuanyu:problem:{code}", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), $"Problem without a title: {problem}");
        Assert.True(problem.TryGetProperty("traceId", out var traceId) && !string.IsNullOrWhiteSpace(traceId.GetString()),
            $"Problem without a traceId: {problem}");
        return problem;
    }

    /// <summary>The messages of one field in a problem's <c>errors</c>, failing when the field is absent.</summary>
    public static string[] FieldErrors(JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"Problem without errors: {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No errors for '{field}' in {errors}");
        var result = messages.EnumerateArray().Select(m => m.GetString() ?? "").ToArray();
        Assert.NotEmpty(result);
        return result;
    }

    /// <summary>The field names of a problem's <c>errors</c>.</summary>
    public static string[] ErrorFields(JsonElement problem)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"Problem without errors: {problem}");
        return errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
    }
}
