using Switchyard.Domain.Common;

namespace Switchyard.Domain.Catalog;

/// <summary>CAT-1: an app of a partner; sellable only while an operator has it contracted.</summary>
public sealed class CatalogEntry : Entity<CatalogEntryId>, IPartnerOwned, IAudited
{
    private CatalogEntry() { }

    public string PartnerId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public bool Contracted { get; private set; }

    public static Result<CatalogEntry> Create(string partnerId, string? name, bool contracted)
    {
        var errors = new List<Error>();
        Validate.Required(errors, "name", name);
        if (errors.Count > 0)
        {
            return Result<CatalogEntry>.Failure(errors);
        }
        return new CatalogEntry { Id = CatalogEntryId.New(), PartnerId = partnerId, Name = name!.Trim(), Contracted = contracted };
    }

    /// <summary>CAT-1: only an operator calls this (enforced by the endpoint's policy).</summary>
    public void SetContracted(bool contracted) => Contracted = contracted;

    public Result<Unit> Rename(string? name)
    {
        var errors = new List<Error>();
        Validate.Required(errors, "name", name);
        if (errors.Count > 0)
        {
            return Result<Unit>.Failure(errors);
        }
        Name = name!.Trim();
        return Result.Ok();
    }
}
