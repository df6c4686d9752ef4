using System.Globalization;

using Switchyard.Domain.Common;

namespace Switchyard.Domain.PlanMigration;

/// <summary>PLN-4: one row of the training capacity table: how many trainings a date can take, how many are booked.</summary>
public sealed class TrainingDay : Entity<string>, IAudited
{
    public const int MaxCapacity = 1000;

    private TrainingDay() { }

    public DateOnly Date { get; private set; }
    public int Capacity { get; private set; }
    public int Booked { get; private set; }

    public int Free => Math.Max(0, Capacity - Booked);

    public static Result<TrainingDay> Create(DateOnly date, int capacity)
    {
        if (capacity is < 0 or > MaxCapacity)
        {
            return OutOfRange();
        }
        return new TrainingDay { Id = Ids.New(Ids.TrainingDay), Date = date, Capacity = capacity };
    }

    /// <summary>An operator edits the table; capacity never drops below what is already booked.</summary>
    public Result<Unit> SetCapacity(int capacity)
    {
        if (capacity is < 0 or > MaxCapacity)
        {
            return OutOfRange();
        }
        if (capacity < Booked)
        {
            return Errors.Conflict("capacityBelowBooked",
                string.Create(CultureInfo.InvariantCulture, $"{Booked} training(s) are already booked on {Date:yyyy-MM-dd}; the capacity cannot be lower."));
        }
        Capacity = capacity;
        return Result.Ok();
    }

    /// <summary>Takes one place (the data layer does the same in one conditional update under concurrency).</summary>
    public Result<Unit> Book()
    {
        if (Booked >= Capacity)
        {
            return Errors.Conflict("trainingDayFull", string.Create(CultureInfo.InvariantCulture, $"{Date:yyyy-MM-dd} has no free training place."));
        }
        Booked++;
        return Result.Ok();
    }

    public void Release() => Booked = Math.Max(0, Booked - 1);

    private static Error OutOfRange() =>
        Errors.Validation("outOfRange", "capacity", $"The capacity is a whole number between 0 and {MaxCapacity}.");
}

/// <summary>PLN-4: the forecast training date is the first date with a free place on or after a day.</summary>
public static class TrainingCapacity
{
    public static DateOnly? Forecast(IEnumerable<TrainingDay> days, DateOnly from) =>
        days.Where(d => d.Date >= from && d.Booked < d.Capacity).OrderBy(d => d.Date).Select(d => (DateOnly?)d.Date).FirstOrDefault();
}
