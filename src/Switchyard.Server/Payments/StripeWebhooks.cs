using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchyard.Data;
using Switchyard.Data.Payments;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Common;
using Switchyard.Domain.Partners;
using Switchyard.Server.Billing;

namespace Switchyard.Server.Payments;

/// <summary>What the webhook endpoint answers for an accepted event.</summary>
/// <param name="Id">Stripe's event id.</param>
/// <param name="Duplicate">True when the event had been processed before (a replay): nothing changed.</param>
/// <param name="Outcome">What processing did.</param>
public sealed record WebhookReceiptDto(string Id, bool Duplicate, string Outcome);

/// <summary>
/// SEC-6, ONB-2, BIL-3: Stripe's events. Accepted only with a valid <c>Stripe-Signature</c> (HMAC-SHA256
/// of <c>{t}.{body}</c> with the endpoint's signing secret, scheme v1) whose timestamp is within the
/// tolerance of the server's clock; each event id is processed once (a replay changes nothing);
/// <c>account.updated</c> moves the partner's payment account (an event older than the last applied
/// changes nothing); <c>invoice.paid</c> records the payment on the invoice it was created for.
/// </summary>
public static class StripeWebhooks
{
    public const string Path = "/webhooks/stripe";
    public const string SignatureHeader = "Stripe-Signature";
    private const int MaxBodyBytes = 512 * 1024;

    public static void MapStripeWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).WithTags("Webhooks").WithName("receiveStripeEvent").AllowAnonymous()
            .WithSummary("Receives a Stripe event (Connect account updates, paid invoices)")
            .WithDescription("Called by Stripe, not by clients: needs no key, but a valid Stripe-Signature header computed with the endpoint's signing secret "
                + "over the exact body, timestamped within the tolerance (300 seconds by default). An event already processed is acknowledged again and "
                + "changes nothing; an account update older than the last one applied changes nothing. account.updated moves the partner's payment "
                + "connection (onboarding, connected, restricted); invoice.paid records the payment on the invoice. Other event types are acknowledged "
                + "and ignored. 404 when Stripe is not configured.")
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<WebhookReceiptDto>, ProblemHttpResult>> ReceiveAsync(
        HttpContext http, SwitchyardDb db, StripeSettings settings, TimeProvider clock, MarketplaceCalendar calendar, ILoggerFactory logs, CancellationToken ct)
    {
        if (settings.WebhookSecret is not { } secret)
        {
            return TypedResults.Problem("Stripe is not configured on this server.", statusCode: StatusCodes.Status404NotFound, title: "Not found",
                type: "https://switchyard.dev/problems/notFound", extensions: new Dictionary<string, object?> { ["code"] = "notFound" });
        }
        var body = await ReadBodyAsync(http.Request, ct);
        if (body is null)
        {
            return Bad("malformedEvent", $"The body is not UTF-8 text of at most {MaxBodyBytes} bytes.");
        }
        var now = clock.GetUtcNow();
        var verified = Verify(http.Request.Headers[SignatureHeader].ToString(), body, secret, now, settings.WebhookTolerance);
        if (verified is { } refusal)
        {
            return refusal;
        }
        if (!TryParse(body, out var stripeEvent))
        {
            return Bad("malformedEvent", "The body is not a Stripe event: an object with id, type, created and data.object.");
        }
        db.Scope.ForSystem("stripe:" + stripeEvent.Id);
        if (await db.ProviderEvents.AnyAsync(e => e.Id == stripeEvent.Id, ct))
        {
            return TypedResults.Ok(new WebhookReceiptDto(stripeEvent.Id, true, "alreadyProcessed"));
        }
        var record = new ProviderEvent(stripeEvent.Id, StripeSettings.ProviderName, stripeEvent.Type, stripeEvent.Created, now);
        db.ProviderEvents.Add(record);
        try
        {
            record.Outcome = stripeEvent.Type switch
            {
                "account.updated" => await AccountUpdatedAsync(db, stripeEvent, record, ct),
                "invoice.paid" => await InvoicePaidAsync(db, stripeEvent, record, calendar.DateOf(now), now, ct),
                _ => "ignored",
            };
            // Usually one save for the event and its effect; after a recorded payment (saved with the event), the outcome.
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(ct);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another event changed the same partner or invoice meanwhile: nothing was written; Stripe retries a non-2xx answer.
            return TypedResults.Problem("The object this event changes was changed at the same time; nothing was written. Deliver the event again.",
                statusCode: StatusCodes.Status409Conflict, title: "Concurrent change", type: "https://switchyard.dev/problems/concurrentUpdate",
                extensions: new Dictionary<string, object?> { ["code"] = "concurrentUpdate" });
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // The same event delivered twice at once: the other delivery processed it.
            return TypedResults.Ok(new WebhookReceiptDto(stripeEvent.Id, true, "alreadyProcessed"));
        }
        logs.CreateLogger(typeof(StripeWebhooks)).LogInformation("Stripe event {EventId} ({EventType}): {Outcome}", stripeEvent.Id, stripeEvent.Type, record.Outcome);
        return TypedResults.Ok(new WebhookReceiptDto(stripeEvent.Id, false, record.Outcome));
    }

    /// <summary>ONB-2: the account's state from Stripe's flags; applied only when newer than the last applied.</summary>
    private static async Task<string> AccountUpdatedAsync(SwitchyardDb db, StripeEvent e, ProviderEvent record, CancellationToken ct)
    {
        var account = e.Object;
        if (Text(account, "id") is not { } accountId)
        {
            return "ignored: no account id";
        }
        var partner = await db.Partners.FirstOrDefaultAsync(p => p.PaymentAccountRef == accountId && p.PaymentProvider == StripeSettings.ProviderName, ct);
        if (partner is null)
        {
            return "ignored: unknown account";
        }
        record.PartnerId = partner.Id;
        var status = StatusOf(account);
        var before = partner.PaymentStatus;
        var asOf = partner.PaymentStatusAsOf;
        if (asOf is { } last && e.Created <= last)
        {
            return "ignored: older than the last applied update";
        }
        if (partner.ApplyPaymentAccountState(status, e.Created))
        {
            db.Audit.Describe(partner, AuditActions.AccountPaymentStatusChanged, $"Stripe: {before} → {status}");
        }
        return "applied: " + status.ToString();
    }

    /// <summary>
    /// ONB-2: connected when Stripe enables charges and payouts; restricted when the partner submitted its
    /// details but Stripe disabled the account or asks for more (requirements due); onboarding otherwise.
    /// </summary>
    public static PaymentConnectionStatus StatusOf(JsonElement account)
    {
        if (Flag(account, "charges_enabled") && Flag(account, "payouts_enabled"))
        {
            return PaymentConnectionStatus.Connected;
        }
        var requirements = account.TryGetProperty("requirements", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        var asked = requirements.ValueKind == JsonValueKind.Object
            && (NonEmpty(requirements, "past_due") || NonEmpty(requirements, "currently_due") || Text(requirements, "disabled_reason") is not null);
        return Flag(account, "details_submitted") || (asked && Flag(account, "charges_enabled"))
            ? PaymentConnectionStatus.Restricted
            : PaymentConnectionStatus.Onboarding;
    }

    /// <summary>BIL-3: the payment Stripe collected, recorded on our invoice (its id is in the Stripe invoice's metadata).</summary>
    private static async Task<string> InvoicePaidAsync(SwitchyardDb db, StripeEvent e, ProviderEvent record, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var stripeInvoice = e.Object;
        var invoiceId = stripeInvoice.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            ? Text(metadata, StripePaymentProvider.InvoiceMetadata) : null;
        if (invoiceId is null)
        {
            return "ignored: not one of our invoices";
        }
        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == InvoiceId.From(invoiceId), ct);
        if (invoice is null)
        {
            return "ignored: unknown invoice";
        }
        record.PartnerId = invoice.PartnerId;
        var reference = Text(stripeInvoice, "id");
        if (reference is not null && await db.Payments.AnyAsync(p => p.InvoiceId == invoice.Id && p.Reference == reference, ct))
        {
            return "ignored: already recorded";
        }
        if (!stripeInvoice.TryGetProperty("amount_paid", out var paid) || paid.ValueKind != JsonValueKind.Number || !paid.TryGetInt64(out var minor) || minor <= 0
            || Text(stripeInvoice, "currency") is not { } code || !Currency.TryFrom(code.ToUpperInvariant(), out var currency))
        {
            return "refused: no positive amount_paid in a known currency";
        }
        var amount = new Money(minor, currency);
        var recorded = await InvoiceActions.RecordPaymentAsync(db, invoice, new RecordPaymentRequest(amount.Amount, currency.Code, today, reference), today, now, ct);
        if (recorded.IsFailure)
        {
            // Nothing of the payment was written; the event is kept with the reason, for the operator.
            db.ChangeTracker.Entries().Where(x => x.Entity is not ProviderEvent).ToList().ForEach(x => x.State = EntityState.Detached);
            return Truncate("refused: " + string.Join("; ", recorded.Errors.Select(x => x.Message)));
        }
        return "applied: payment " + recorded.Value.Id;
    }

    private static ProblemHttpResult? Verify(string header, string body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }
            if (pair[0] == "t" && long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (pair[0] == "v1")
            {
                signatures.Add(pair[1]);
            }
        }
        if (timestamp is not { } seconds || signatures.Count == 0)
        {
            return Bad("invalidSignature", $"The {SignatureHeader} header needs a timestamp (t=) and a v1 signature.");
        }
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + "." + body)));
        var expectedBytes = Encoding.ASCII.GetBytes(expected);
        if (!signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expectedBytes)))
        {
            return Bad("invalidSignature", "No v1 signature matches the body and the endpoint's signing secret.");
        }
        if (seconds > now.ToUnixTimeSeconds() + (long)tolerance.TotalSeconds || seconds < now.ToUnixTimeSeconds() - (long)tolerance.TotalSeconds)
        {
            return Bad("signatureOutsideTolerance", $"The signature's timestamp is more than {(long)tolerance.TotalSeconds} seconds from the server's time.");
        }
        return null;
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private sealed record StripeEvent(string Id, string Type, DateTimeOffset Created, JsonElement Object);

    private static bool TryParse(string body, out StripeEvent stripeEvent)
    {
        stripeEvent = null!;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || Text(root, "id") is not { Length: > 0 and <= ProviderEvent.MaxIdLength } id || id.Any(char.IsControl)
                || Text(root, "type") is not { Length: > 0 and <= ProviderEvent.MaxTypeLength } type || type.Any(char.IsControl)
                || !root.TryGetProperty("created", out var created) || created.ValueKind != JsonValueKind.Number || !created.TryGetInt64(out var unix) || unix < 0 || unix > 253402300799
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            stripeEvent = new StripeEvent(id, type, DateTimeOffset.FromUnixTimeSeconds(unix), obj.Clone());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text && !text.Contains('\0') ? text : null;

    private static bool Flag(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static bool NonEmpty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0;

    private static string Truncate(string text) => text.Length <= ProviderEvent.MaxOutcomeLength ? text : text[..ProviderEvent.MaxOutcomeLength];

    private static ProblemHttpResult Bad(string code, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Webhook refused",
            type: "https://switchyard.dev/problems/" + code, extensions: new Dictionary<string, object?> { ["code"] = code });
}
