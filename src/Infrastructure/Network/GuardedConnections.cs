using System.Net;
using System.Net.Sockets;
using IntegrationHub.Application.Common.Security;

namespace IntegrationHub.Infrastructure.Network;

/// <summary>
/// The connections of every HttpClient that calls out (GoHighLevel, its OAuth token refresh, the alert webhook): the
/// host is resolved here, every address it resolves to is checked against <see cref="OutboundTargets"/>, and the socket
/// connects to those same addresses. Checking the URL's text alone would not do: a name that resolved to a public
/// address when it was set can resolve to 169.254.169.254 at the next connection (DNS rebinding).
/// </summary>
public sealed class GuardedConnections(OutboundTargets targets, HostResolver resolver)
{
    /// <summary>
    /// A handler whose every new connection is checked. It does not use a proxy: through one, the guard would see only the
    /// proxy's address and the proxy would pick the target. Connections are renewed every few minutes so DNS changes count.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = ConnectAsync,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    internal async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        if (context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttp && !targets.AllowHttp)
        {
            throw new OutboundTargetRefusedException(
                $"Plain http to {host} is refused: the hub calls only https ({OutboundTargets.AllowHttpSetting} is off).");
        }

        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // Every address, not only the first: a name that answers with a public and a private address is refused, or the
        // connection could land on the private one.
        foreach (var address in addresses)
        {
            if (targets.Refusal(address) is { } refusal)
            {
                throw new OutboundTargetRefusedException($"{host} resolves to {address}, {refusal}.");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
