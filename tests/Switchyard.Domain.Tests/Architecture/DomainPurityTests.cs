using System.Reflection;
using Switchyard.Domain.Common;

namespace Switchyard.Domain.Tests.Architecture;

/// <summary>The domain core stays pure: BCL only, and its value types cannot be changed after creation.</summary>
public class DomainPurityTests
{
    private static readonly Assembly Domain = typeof(Money).Assembly;

    [Fact]
    public void Domain_ReferencesNoFrameworkBeyondTheBcl()
    {
        var forbidden = new[] { "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "Microsoft.Data.Sqlite", "Microsoft.Extensions" };
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.DoesNotContain(references, r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void ValueTypes_HaveNoPublicSetters()
    {
        var valueTypes = Domain.GetTypes().Where(t => t.IsPublic && t.IsValueType && !t.IsEnum);
        var mutable = valueTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")
            .ToList();
        Assert.Empty(mutable);
    }

    [Fact]
    public void Entities_ExposeNoPublicSetters()
    {
        var entities = Domain.GetTypes().Where(t => t.IsPublic && typeof(Entity).IsAssignableFrom(t));
        var mutable = entities
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (Type: t, Property: p)))
            .Where(x => x.Property.SetMethod is { IsPublic: true })
            .Select(x => $"{x.Type.Name}.{x.Property.Name}")
            .ToList();
        Assert.Empty(mutable);
    }
}
