using System.Net;

namespace IntegrationHub.Infrastructure.Network;

/// <summary>
/// The DNS lookup the guarded connections make, a service of its own (like the clock) so a test can make a name answer
/// with an address of its choosing, as a rebinding DNS server would.
/// </summary>
public class HostResolver
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
