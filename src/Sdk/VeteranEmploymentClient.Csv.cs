using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Platform.Sdk;

/// <summary>
/// The ledger import takes a CSV body (<c>text/csv</c>). The generator writes every body as JSON, so
/// the CSV would arrive as one quoted JSON string; this puts the text itself on the wire, keeping the
/// generated method (<see cref="ImportLedgerAsync(string, CancellationToken)"/>) with its error handling.
/// </summary>
public partial class VeteranEmploymentClient
{
    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        if (request.Content is not ByteArrayContent content || content.Headers.ContentType?.MediaType != "text/csv")
        {
            return;
        }

        // In memory: the generated code built it from a byte array, so this completes at once.
        var json = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var csv = JsonSerializer.Deserialize<string>(json) ?? string.Empty;
        request.Content = new StringContent(csv, Encoding.UTF8, new MediaTypeHeaderValue("text/csv"));
    }
}
