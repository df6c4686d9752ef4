namespace Switchyard.Domain.Common;

/// <summary>
/// The outcome of a rule: a value, or every problem found (rules report all problems at once).
/// </summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T value)
    {
        _value = value;
        Errors = [];
    }

    private Result(IReadOnlyList<Error> errors)
    {
        _value = default;
        Errors = errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : errors;
    }

    public IReadOnlyList<Error> Errors { get; }
    public bool IsSuccess => Errors.Count == 0;
    public bool IsFailure => !IsSuccess;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("A failed result has no value: " + Errors[0].Code);

    public static Result<T> Success(T value) => new(value);
    public static Result<T> Failure(IReadOnlyList<Error> errors) => new(errors);
    public static Result<T> Failure(Error error) => new([error]);

    public static implicit operator Result<T>(T value) => Success(value);
    public static implicit operator Result<T>(Error error) => Failure(error);
}

/// <summary>A result with no value: success, or the errors.</summary>
public static class Result
{
    public static Result<Unit> Ok() => Result<Unit>.Success(Unit.Value);
    public static Result<Unit> From(IReadOnlyList<Error> errors) =>
        errors.Count == 0 ? Ok() : Result<Unit>.Failure(errors);
}

/// <summary>The absence of a value.</summary>
public readonly record struct Unit
{
    public static readonly Unit Value;
}
