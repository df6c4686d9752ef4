namespace Switchyard.Domain.Legacy;

/// <summary>LEG-1: what a legacy service order does to the customer's contract for the app.</summary>
public enum LegacyOrderType
{
    New,
    AddOn,
    Upgrade,
    Reduction,
    Renewal,
    Cancellation,
}

/// <summary>LEG-1: where a legacy service order is in the legacy channel.</summary>
public enum LegacyOrderStatus
{
    Draft,
    Submitted,
    Received,
    Activated,
    Cancelled,
    Error,
}

/// <summary>LEG-2: the spellings the legacy channel's exports use, case-insensitive (`Add-On` = `addOn`).</summary>
public static class LegacySpellings
{
    public static bool TryParseType(string? text, out LegacyOrderType type)
    {
        type = default;
        var key = Normalise(text);
        switch (key)
        {
            case "new": type = LegacyOrderType.New; return true;
            case "addon": type = LegacyOrderType.AddOn; return true;
            case "upgrade": type = LegacyOrderType.Upgrade; return true;
            case "reduction": type = LegacyOrderType.Reduction; return true;
            case "renewal": type = LegacyOrderType.Renewal; return true;
            case "cancellation" or "cancel": type = LegacyOrderType.Cancellation; return true;
            default: return false;
        }
    }

    public static bool TryParseStatus(string? text, out LegacyOrderStatus status)
    {
        status = default;
        var key = Normalise(text);
        switch (key)
        {
            case "draft": status = LegacyOrderStatus.Draft; return true;
            case "submitted": status = LegacyOrderStatus.Submitted; return true;
            case "received": status = LegacyOrderStatus.Received; return true;
            case "activated" or "active": status = LegacyOrderStatus.Activated; return true;
            case "cancelled" or "canceled": status = LegacyOrderStatus.Cancelled; return true;
            case "error": status = LegacyOrderStatus.Error; return true;
            default: return false;
        }
    }

    /// <summary>The API's spelling: camelCase (`addOn`).</summary>
    public static string Name(LegacyOrderType type) => type switch
    {
        LegacyOrderType.New => "new",
        LegacyOrderType.AddOn => "addOn",
        LegacyOrderType.Upgrade => "upgrade",
        LegacyOrderType.Reduction => "reduction",
        LegacyOrderType.Renewal => "renewal",
        LegacyOrderType.Cancellation => "cancellation",
    };

    public static string Name(LegacyOrderStatus status) => status switch
    {
        LegacyOrderStatus.Draft => "draft",
        LegacyOrderStatus.Submitted => "submitted",
        LegacyOrderStatus.Received => "received",
        LegacyOrderStatus.Activated => "activated",
        LegacyOrderStatus.Cancelled => "cancelled",
        LegacyOrderStatus.Error => "error",
    };

    private static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return "";
        }
        Span<char> buffer = stackalloc char[text.Length];
        var n = 0;
        foreach (var c in text.Trim())
        {
            if (c is '-' or '_' or ' ')
            {
                continue;
            }
            buffer[n++] = char.ToLowerInvariant(c);
        }
        return new string(buffer[..n]);
    }
}
