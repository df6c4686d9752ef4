using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Cli;

/// <summary>A thin client of the Switchyard HTTP API: JSON in, JSON or a problem out.</summary>
public sealed class SwitchyardClient(HttpClient http)
{
    public static SwitchyardClient Create(Uri baseUrl, string? key) =>
        Create(new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) }, key);

    /// <summary>A client over <paramref name="http"/> (its base address set), sending <paramref name="key"/> when given.</summary>
    public static SwitchyardClient Create(HttpClient http, string? key)
    {
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

    /// <summary>A GET whose successful body is kept as text (a CSV export); a failure is read as a problem.</summary>
    public async Task<(ApiResult Result, string? Text)> GetTextAsync(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct);
        if (!response.IsSuccessStatusCode)
        {
            return (await ApiResult.ReadAsync(response, ct), null);
        }
        return (new ApiResult((int)response.StatusCode, null), await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>
    /// A GET whose successful body is read as it arrives (a large export): the caller owns the response. A
    /// failure is read as a problem and the response is null.
    /// </summary>
    public async Task<(ApiResult Result, HttpResponseMessage? Response)> GetStreamingAsync(string path, CancellationToken ct)
    {
        // Headers only: the client's timeout then covers the wait for the answer to start, not a long download.
        var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                return (await ApiResult.ReadAsync(response, ct), null);
            }
        }
        return (new ApiResult((int)response.StatusCode, null), response);
    }

    /// <summary>
    /// A POST of a non-JSON body (a CSV file); the content is sent as given, with an Idempotency-Key when the caller
    /// has one (a retried upload is then answered once).
    /// </summary>
    public async Task<ApiResult> PostContentAsync(string path, HttpContent content, string? idempotencyKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await ApiResult.ReadAsync(await http.SendAsync(request, ct), ct);
    }

    /// <summary>Every item of a paged list, or the first failure (a 401/403 stops at the first page).</summary>
    public async Task<List<JsonNode>> ListAllAsync(string path, CancellationToken ct)
    {
        var items = new List<JsonNode>();
        await foreach (var item in ListAsync(path, ct))
        {
            items.Add(item);
        }
        return items;
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

    /// <summary>401 or 403: every further request with this key would be refused the same way.</summary>
    public bool IsAuthorizationFailure => Status is 401 or 403;

    /// <summary>A POST answered from the server's idempotency store: the first run already did it (SEC-3).</summary>
    public bool Replayed { get; init; }

    /// <summary>The problem's stable code, when the body is a problem.</summary>
    public string? Code => Body is JsonObject obj && obj["code"] is JsonValue code ? code.ToString() : null;

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
        return new ApiResult((int)response.StatusCode, body)
        {
            Replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"),
        };
    }

    /// <summary>The problem's detail and each field error, one per line.</summary>
    public string Describe()
    {
        if (IsSuccess)
        {
            return "OK";
        }
        var detail = Body is JsonObject problem
            ? problem["detail"]?.GetValue<string>() ?? problem["title"]?.GetValue<string>() ?? "request failed"
            : "request failed";
        var hint = Status == 401 ? " Give an API key with --key or SWITCHYARD_KEY." : "";
        var lines = new List<string> { $"{Status}: {detail}{hint}" };
        if (Body is JsonObject withErrors && withErrors["errors"] is JsonObject errors)
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
