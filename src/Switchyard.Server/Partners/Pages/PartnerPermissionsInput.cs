namespace Switchyard.Server.Partners.Pages;

/// <summary>The permission boxes of the partner page's key and invitation forms (with the key's name or the invitee's email).</summary>
internal sealed class PartnerPermissionsInput
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public bool AppView { get; set; }
    public bool OffersManage { get; set; }

    public List<string> Permissions()
    {
        var list = new List<string>();
        if (AppView)
        {
            list.Add(Domain.Partners.Permissions.AppView);
        }
        if (OffersManage)
        {
            list.Add(Domain.Partners.Permissions.OffersManage);
        }
        return list;
    }
}
