using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Cli;

/// <summary>A thin client of the Switchyard HTTP API: JSON in, JSON or a problem out.</summary>
public sealed class SwitchyardClient(HttpClient http)
{
    public static SwitchyardClient Create(Uri baseUrl, string? key)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
        if (!string.IsNullOrEmpty(key))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return new SwitchyardClient(http);
    }

    public async Task<ApiResult> GetAsync(string path, CancellationToken ct) =>
        await ApiResult.ReadAsync(await http.GetAsync(new Uri(path, UriKind.Relative), ct), ct);

    public async Task<ApiResult> PostAsync(string path, object body, string? idempotencyKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(body, options: JsonSerializerOptions.Web),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await ApiResult.ReadAsync(await http.SendAsync(request, ct), ct);
    }

    /// <summary>Every item of a paged list (`{data, next}`), following the cursor.</summary>
    public async IAsyncEnumerable<JsonNode> ListAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await GetAsync(after is null ? $"{path}{separator}limit=500" : $"{path}{separator}limit=500&after={Uri.EscapeDataString(after)}", ct);
            page.EnsureSuccess();
            foreach (var item in page.Body!["data"]!.AsArray())
            {
                yield return item!;
            }
            after = page.Body["next"]?.GetValue<string>();
        }
        while (after is not null);
    }
}

/// <summary>A response: status and parsed body. Problems become a readable message.</summary>
public sealed record ApiResult(int Status, JsonNode? Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public static async Task<ApiResult> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonNode? body;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            body = JsonValue.Create(text);
        }
        return new ApiResult((int)response.StatusCode, body);
    }

    /// <summary>The problem's detail and each field error, one per line.</summary>
    public string Describe()
    {
        if (IsSuccess)
        {
            return "OK";
        }
        var lines = new List<string> { $"{Status}: {Body?["detail"]?.GetValue<string>() ?? Body?["title"]?.GetValue<string>() ?? "request failed"}" };
        if (Body?["errors"] is JsonObject errors)
        {
            lines.AddRange(errors.Select(e => $"  {e.Key}: {string.Join(" ", e.Value!.AsArray().Select(m => m!.GetValue<string>()))}"));
        }
        return string.Join(Environment.NewLine, lines);
    }

    public void EnsureSuccess()
    {
        if (!IsSuccess)
        {
            throw new CliException(Describe());
        }
    }
}

/// <summary>An expected failure, shown to the user without a stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
