using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchyard.Api.Tests.Infrastructure;
using Switchyard.Domain.Auditing;
using Switchyard.Domain.Billing;
using Switchyard.Domain.Catalog;
using Switchyard.Domain.Common;
using Switchyard.Domain.Customers;
using Switchyard.Domain.Orders;
using Switchyard.Server.Billing;

namespace Switchyard.Api.Tests.Billing;

/// <summary>
/// AUD-1: the audit entry of an invoice issued in bulk records the invoice's fields exactly as the audit
/// recorder records a created object: every set field as {"old": null, "new": …}, enums in camelCase, typed
/// ids as their text, in the model's order, with the serializer's escaping.
/// </summary>
public class InvoiceAuditChangesTests(SwitchyardApp app) : IClassFixture<SwitchyardApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    [Trait("rule", "AUD-1")]
    public async Task CreatedChanges_AreTheJsonTheAuditRecorderWrites_AUD1()
    {
        var now = new DateTimeOffset(2027, 2, 1, 0, 30, 0, TimeSpan.FromHours(2));
        // A name with characters the serializer escapes (<, &, +, quotes, non-ASCII) and optional fields set and unset.
        var source = new InvoiceSource(OrderId.New(), "prt_1", CustomerId.From("cus_1"), CustomerOrgId.From("00D000000000001"), "Globex <Zürich> & \"Söhne\" +1", "billing@globex.example",
            "PO-7", null, "EUR", new DateOnly(2027, 2, 1), new DateOnly(2028, 1, 31), 123_456, false, "DE",
            [new InvoiceSourceItem(ProductId.From("prd_1"), "Insights", 3, 41_152, 123_456)]);
        var invoice = Invoice.DraftFor(source, 42, new TaxRule(19.5m, false, "DE"), now);
        invoice.Issue(new DateOnly(2027, 2, 1), now);
        invoice.MarkEmailed(now);

        await using var scope = app.DbScope(out var db);
        using var changes = new CreatedChanges(db, typeof(Invoice));
        var written = changes.Of(invoice);

        var expected = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in db.Model.FindEntityType(typeof(Invoice))!.GetProperties())
        {
            if (property.IsShadowProperty() || property.Name is "Id" or "Version" || AuditEntry.IsInternal(property.Name)
                || property.GetGetter().GetClrValue(invoice) is not { } value)
            {
                continue;
            }
            expected[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = new Field(null, value switch
            {
                Enum e => JsonNamingPolicy.CamelCase.ConvertName(e.ToString()),
                ITypedId id => id.Value,
                _ => value,
            });
        }
        Assert.Equal(JsonSerializer.Serialize(expected, Json), written);
        Assert.Contains("\"status\":{\"old\":null,\"new\":\"open\"}", written, StringComparison.Ordinal);
        Assert.DoesNotContain("partnerPo", written, StringComparison.Ordinal);
    }

    private sealed record Field(object? Old, object New);
}
