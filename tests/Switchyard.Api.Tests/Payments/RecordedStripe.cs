using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Switchyard.Api.Tests.Infrastructure;

namespace Switchyard.Api.Tests.Payments;

/// <summary>One request as it reached "Stripe": the form fields decoded, the headers that matter.</summary>
public sealed record StripeCall(string Method, string Path, IReadOnlyDictionary<string, string> Form, string? IdempotencyKey, string? StripeAccount)
{
    public string Field(string name) => Form.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"{Method} {Path} has no field {name}: {string.Join("&", Form.Select(f => f.Key + "=" + f.Value))}");
}

/// <summary>
/// Stripe.net's HTTP seam: a <see cref="SystemNetHttpClient"/> over a handler that records each request and
/// answers with the recorded body for its path (Stripe's shapes, see <see cref="StripeFixtures"/>).
/// </summary>
public sealed class RecordedStripe : HttpMessageHandler
{
    private readonly ConcurrentQueue<(HttpStatusCode Status, string Body)> _forced = new();

    public ConcurrentQueue<StripeCall> Calls { get; } = new();

    /// <summary>The connected account "Stripe" creates for a partner (one per partner, as Stripe would).</summary>
    public static string AccountFor(string partnerId) => "acct_1" + partnerId[(partnerId.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public IStripeClient Client() => new StripeClient("sk_test_51Switchyard", httpClient: new SystemNetHttpClient(new HttpClient(this), maxNetworkRetries: 0));

    /// <summary>The next request is answered with this status and body instead.</summary>
    public void AnswerNext(HttpStatusCode status, string body) => _forced.Enqueue((status, body));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var form = body.Length == 0
            ? new Dictionary<string, string>()
            : body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "", StringComparer.Ordinal);
        var path = request.RequestUri!.AbsolutePath;
        if (request.RequestUri.Query.Length > 1)
        {
            foreach (var p in request.RequestUri.Query[1..].Split('&').Select(p => p.Split('=', 2)))
            {
                form[WebUtility.UrlDecode(p[0])] = p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "";
            }
        }
        Calls.Enqueue(new StripeCall(request.Method.Method, path, form, Header(request, "Idempotency-Key"), Header(request, "Stripe-Account")));
        var (status, json) = _forced.TryDequeue(out var forced) ? forced : (HttpStatusCode.OK, Route(request.Method.Method, path));
        if (path == "/v1/accounts" && form.TryGetValue("metadata[switchyard_partner_id]", out var partnerId))
        {
            json = json.Replace(StripeFixtures.AccountId, AccountFor(partnerId), StringComparison.Ordinal);
        }
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"), RequestMessage = request };
        response.Headers.Add("Request-Id", "req_" + Calls.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static string Route(string method, string path) => (method, path) switch
    {
        ("POST", "/v1/accounts") => StripeFixtures.Account,
        ("POST", "/v1/account_links") => StripeFixtures.AccountLink,
        ("POST", "/v1/customers") => StripeFixtures.Customer,
        ("GET", "/v1/customers/search") => StripeFixtures.EmptySearch("/v1/customers/search"),
        ("GET", "/v1/invoices/search") => StripeFixtures.EmptySearch("/v1/invoices/search"),
        ("GET", "/v1/invoiceitems") => StripeFixtures.EmptyList("/v1/invoiceitems"),
        ("POST", "/v1/invoices") => StripeFixtures.Invoice("draft"),
        ("POST", "/v1/invoiceitems") => StripeFixtures.InvoiceItem,
        ("POST", $"/v1/invoices/{StripeFixtures.InvoiceId}/finalize") => StripeFixtures.Invoice("open"),
        ("POST", "/v1/transfers") => StripeFixtures.Transfer,
        ("GET", "/v1/transfers") => StripeFixtures.EmptyList("/v1/transfers"),
        _ => throw new InvalidOperationException($"No recorded Stripe response for {method} {path}."),
    };
}

/// <summary>The app with Stripe configured (test keys) and Stripe.net talking to <see cref="RecordedStripe"/>.</summary>
public class StripeApp : SwitchyardApp
{
    public const string WebhookSecret = "whsec_test_5wItChYaRd0123456789abcdef";

    public RecordedStripe Stripe { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SWITCHYARD_STRIPE_SECRET_KEY"] = "sk_test_51Switchyard",
        ["SWITCHYARD_STRIPE_WEBHOOK_SECRET"] = WebhookSecret,
        ["SWITCHYARD_PAYOUT_FEE_PERCENT"] = "2.5",
        ["SWITCHYARD_PAYOUT_HOLD_DAYS"] = "1",
        ["SWITCHYARD_PUBLIC_URL"] = "https://switchyard.example",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(Stripe.Client()));
    }
}
