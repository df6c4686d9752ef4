using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Switchyard.Server.Hosting;

/// <summary>
/// SEC-10: the address links in emails and invitations point to: SWITCHYARD_PUBLIC_URL, else the first address the
/// server listens on. Never the request's Host header, which the sender of the request chooses.
/// </summary>
public sealed class PublicAddress(SwitchyardSettings settings, IServiceProvider services)
{
    public string Url
    {
        get
        {
            if (settings.PublicUrlConfigured)
            {
                return settings.PublicUrl;
            }
            var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return listening is null ? settings.PublicUrl : Normalize(listening);
        }
    }

    // A wildcard listening address ("http://+:80", "http://0.0.0.0:80", "http://[::]:80") is not a host a link can name.
    private static string Normalize(string address)
    {
        foreach (var wildcard in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:" })
        {
            address = address.Replace(wildcard, "://localhost:", StringComparison.Ordinal);
        }
        return address.TrimEnd('/');
    }
}
