namespace Switchyard.Domain.Common;

/// <summary>
/// Turns instants (UTC) into calendar dates of the marketplace's time zone and back (TIM-1).
/// </summary>
public sealed class MarketplaceCalendar(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public static MarketplaceCalendar Utc { get; } = new(TimeZoneInfo.Utc);

    /// <summary>The marketplace's calendar date at <paramref name="instant"/>.</summary>
    public DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The first instant of <paramref name="date"/> in the marketplace zone, as UTC.</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A zone may skip midnight (DST); the first valid local time then is an hour later.
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The instant a day ends: the start of the next day (e.g. an offer valid until that day expires then).</summary>
    public DateTimeOffset EndOf(DateOnly date) => StartOf(date.AddDays(1));
}
