using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Switchyard.Data.Configurations;

/// <summary>
/// Stores a percentage (tax rate, payout fee) as an integer count of ten-thousandths of a percent, so it is
/// exact, sortable and summable on SQLite (where a decimal would be TEXT) as on PostgreSQL. Four decimals
/// are kept (2.5 % → 25,000): the payout fee setting is refused with more, a tax rate is rounded to them.
/// </summary>
public sealed class PercentConverter() : ValueConverter<decimal, long>(
    percent => (long)decimal.Round(percent * Scale, MidpointRounding.AwayFromZero),
    stored => stored / Scale)
{
    private const decimal Scale = 10_000m;

    public static readonly PercentConverter Instance = new();
}
