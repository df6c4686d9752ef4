namespace Switchyard.Api.Tests.Payments;

/// <summary>
/// Response bodies shaped like Stripe's own (the objects of the fixtures published with Stripe's OpenAPI
/// description), trimmed to the fields that matter plus enough of the rest to parse as Stripe sends them.
/// </summary>
public static class StripeFixtures
{
    public const string AccountId = "acct_1Nv0FGQ9RKHgCVdK";

    public const string Account = $$"""
        {
          "id": "{{AccountId}}",
          "object": "account",
          "business_profile": { "mcc": null, "name": "Seller", "product_description": null, "support_address": null, "support_email": null, "support_phone": null, "support_url": null, "url": null },
          "business_type": null,
          "capabilities": { "card_payments": "inactive", "transfers": "inactive" },
          "charges_enabled": false,
          "controller": { "is_controller": true, "type": "application" },
          "country": "US",
          "created": 1695830751,
          "default_currency": "usd",
          "details_submitted": false,
          "email": "jenny.rosen@example.com",
          "external_accounts": { "object": "list", "data": [], "has_more": false, "total_count": 0, "url": "/v1/accounts/{{AccountId}}/external_accounts" },
          "future_requirements": { "alternatives": [], "current_deadline": null, "currently_due": [], "disabled_reason": null, "errors": [], "eventually_due": [], "past_due": [], "pending_verification": [] },
          "metadata": { "switchyard_partner_id": "ptn_x" },
          "payouts_enabled": false,
          "requirements": { "alternatives": [], "current_deadline": null, "currently_due": ["business_profile.url", "external_account", "tos_acceptance.date"], "disabled_reason": "requirements.past_due", "errors": [], "eventually_due": ["business_profile.url", "external_account"], "past_due": ["external_account"], "pending_verification": [] },
          "settings": { "payouts": { "debit_negative_balances": true, "schedule": { "delay_days": 2, "interval": "daily" }, "statement_descriptor": null } },
          "tos_acceptance": { "date": null, "ip": null, "user_agent": null },
          "type": "express"
        }
        """;

    public const string OnboardingUrl = "https://connect.stripe.com/setup/e/acct_1Nv0FGQ9RKHgCVdK/YnPh2eqG6tKX";

    public const string AccountLink = $$"""
        {
          "object": "account_link",
          "created": 1680577733,
          "expires_at": 1680578033,
          "url": "{{OnboardingUrl}}"
        }
        """;

    public const string CustomerId = "cus_NffrFeUfNV2Hib";

    public const string Customer = $$"""
        {
          "id": "{{CustomerId}}",
          "object": "customer",
          "address": null,
          "balance": 0,
          "created": 1680893993,
          "currency": null,
          "default_source": null,
          "delinquent": false,
          "description": null,
          "email": "billing@globex.example",
          "invoice_prefix": "0759376C",
          "invoice_settings": { "custom_fields": null, "default_payment_method": null, "footer": null, "rendering_options": null },
          "livemode": false,
          "metadata": {},
          "name": "Globex",
          "next_invoice_sequence": 1,
          "phone": null,
          "preferred_locales": [],
          "shipping": null,
          "tax_exempt": "none",
          "test_clock": null
        }
        """;

    public const string InvoiceId = "in_1MtHbELkdIwHu7ixl4OzzPMv";

    public static string Invoice(string status) => $$"""
        {
          "id": "{{InvoiceId}}",
          "object": "invoice",
          "account_country": "US",
          "account_name": "Stripe Docs",
          "amount_due": 0,
          "amount_paid": 0,
          "amount_remaining": 0,
          "attempt_count": 0,
          "attempted": false,
          "auto_advance": false,
          "automatic_tax": { "enabled": false, "liability": null, "status": null },
          "billing_reason": "manual",
          "collection_method": "send_invoice",
          "created": 1680644467,
          "currency": "usd",
          "customer": "{{CustomerId}}",
          "customer_email": "billing@globex.example",
          "customer_name": "Globex",
          "days_until_due": 30,
          "description": null,
          "due_date": 1683236467,
          "hosted_invoice_url": null,
          "invoice_pdf": null,
          "lines": { "object": "list", "data": [], "has_more": false, "total_count": 0, "url": "/v1/invoices/{{InvoiceId}}/lines" },
          "livemode": false,
          "metadata": {},
          "number": null,
          "on_behalf_of": "{{AccountId}}",
          "period_end": 1680644467,
          "period_start": 1680644467,
          "status": "{{status}}",
          "status_transitions": { "finalized_at": null, "marked_uncollectible_at": null, "paid_at": null, "voided_at": null },
          "subtotal": 0,
          "total": 0
        }
        """;

    public const string InvoiceItem = $$"""
        {
          "id": "ii_1MtGUtLkdIwHu7ixBYwjAM00",
          "object": "invoiceitem",
          "amount": 1099,
          "currency": "usd",
          "customer": "{{CustomerId}}",
          "date": 1680640231,
          "description": "T-shirt",
          "discountable": true,
          "discounts": [],
          "invoice": "{{InvoiceId}}",
          "livemode": false,
          "metadata": {},
          "period": { "end": 1680640231, "start": 1680640231 },
          "proration": false,
          "quantity": 1,
          "tax_rates": [],
          "test_clock": null
        }
        """;

    public const string TransferId = "tr_1MiN3gLkdIwHu7ixNCZvFdgA";

    public const string Transfer = $$"""
        {
          "id": "{{TransferId}}",
          "object": "transfer",
          "amount": 400,
          "amount_reversed": 0,
          "balance_transaction": "txn_1MiN3gLkdIwHu7ixxapQrznl",
          "created": 1678043844,
          "currency": "usd",
          "description": null,
          "destination": "{{AccountId}}",
          "destination_payment": "py_1MiN3gQ9PRzxEwkZWTPGNq9o",
          "livemode": false,
          "metadata": {},
          "reversals": { "object": "list", "data": [], "has_more": false, "total_count": 0, "url": "/v1/transfers/{{TransferId}}/reversals" },
          "reversed": false,
          "source_transaction": null,
          "source_type": "card",
          "transfer_group": "ORDER_95"
        }
        """;

    public static string EmptyList(string url) => $$"""{ "object": "list", "data": [], "has_more": false, "url": "{{url}}" }""";

    /// <summary>A search answer (Stripe's search_result list) with nothing found.</summary>
    public static string EmptySearch(string url) => $$"""{ "object": "search_result", "data": [], "has_more": false, "next_page": null, "url": "{{url}}" }""";

    public static string SearchOf(string url, string item) => $$"""{ "object": "search_result", "data": [{{item}}], "has_more": false, "next_page": null, "url": "{{url}}" }""";

    /// <summary>The invoice item a first attempt made for our line <paramref name="position"/>.</summary>
    public static string InvoiceItemAt(int position) => InvoiceItem.Replace("\"metadata\": {}", $$"""
        "metadata": { "switchyard_line": "{{position}}" }
        """, StringComparison.Ordinal);

    public static string ListOf(string url, string item) => $$"""{ "object": "list", "data": [{{item}}], "has_more": false, "url": "{{url}}" }""";

    public const string InvalidRequestError = """
        {
          "error": {
            "code": "parameter_invalid_integer",
            "doc_url": "https://stripe.com/docs/error-codes/parameter-invalid-integer",
            "message": "Invalid integer: abc",
            "param": "amount",
            "request_log_url": "https://dashboard.stripe.com/test/logs/req_ZLV6YHjVZWJyrG",
            "type": "invalid_request_error"
          }
        }
        """;

    public const string ApiError = """
        {
          "error": {
            "message": "An unknown error occurred",
            "type": "api_error"
          }
        }
        """;
}
