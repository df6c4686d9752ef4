using System.Globalization;

using Switchyard.Domain.Common;

namespace Switchyard.Domain.Orders;

/// <summary>Named order failures (ORD-1, ORD-5): an illegal transition is a conflict, never a silent no-op.</summary>
public static class OrderErrors
{
    public static Error NotNew(OrderStatus status) => Wrong("orderNotNew", "start processing", status, OrderStatus.New);

    public static Error NotProcessing(OrderStatus status) => Wrong("orderNotProcessing", "activate", status, OrderStatus.Processing);

    public static Error NotActivated(OrderStatus status) => Wrong("orderNotActivated", "expire", status, OrderStatus.Activated);

    public static Error NotInError(OrderStatus status) => Wrong("orderNotInError", "retry", status, OrderStatus.Error);

    public static Error CannotFail(OrderStatus status) => Errors.Conflict("orderCannotFail",
        $"Only a new or processing order can go to error; this one is {Name(status)}.");

    public static Error NotDue(DateOnly startDate) => Errors.Conflict("orderNotDue",
        $"The order starts on {Date(startDate)}; it is processed from that day.");

    public static Error NotEnded(DateOnly endDate) => Errors.Conflict("orderNotEnded",
        $"The order runs until the end of {Date(endDate)}.");

    public static Error NotFinancial(TransactionKind kind) => Errors.Validation("notFinancialTransaction", "kind",
        $"'{kind}' transactions are recorded by the order itself.");

    private static Error Wrong(string code, string action, OrderStatus status, OrderStatus expected) => Errors.Conflict(code,
        $"Cannot {action} an order that is {Name(status)}; it must be {Name(expected)}.");

    private static string Name(OrderStatus status) => status.ToString().ToLowerInvariant();

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
