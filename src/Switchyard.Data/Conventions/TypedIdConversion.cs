using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Switchyard.Domain.Common;

namespace Switchyard.Data.Conventions;

/// <summary>
/// Stores every typed id (<see cref="ITypedId{TSelf}"/>) as its plain prefixed string, so the columns are the
/// ones the string ids had and no migration is needed. One convention for every id kind in the domain.
/// </summary>
public static class TypedIdConversion
{
    /// <summary>Every typed id kind the domain declares.</summary>
    public static IReadOnlyList<Type> IdTypes { get; } = typeof(ITypedId).Assembly.GetTypes()
        .Where(t => t is { IsValueType: true, IsGenericTypeDefinition: false } && typeof(ITypedId).IsAssignableFrom(t))
        .ToArray();

    public static void Apply(ModelConfigurationBuilder configurationBuilder)
    {
        foreach (var type in IdTypes)
        {
            // Covers nullable properties (OrderId?) as well: EF applies a struct's converter to its nullable form.
            configurationBuilder.Properties(type).HaveConversion(typeof(TypedIdConverter<>).MakeGenericType(type));
        }
    }
}

/// <summary>A typed id to and from its plain string.</summary>
public sealed class TypedIdConverter<TId> : ValueConverter<TId, string>
    where TId : struct, ITypedId<TId>
{
    public TypedIdConverter() : base(id => id.Value, value => Wrap(value)) { }

    // Expression trees cannot call a static abstract member directly.
    private static TId Wrap(string value) => TId.From(value);
}
