namespace IntegrationHub.Infrastructure.Network;

/// <summary>
/// A connection the outbound address guard refused. The message names the host, the address and the rule, never a
/// URL's path or query (an alert webhook's may hold its token). <see cref="System.Net.Http.SocketsHttpHandler"/> wraps it
/// in an <see cref="HttpRequestException"/>; <see cref="In"/> finds it there.
/// </summary>
public sealed class OutboundTargetRefusedException(string message) : Exception(message)
{
    /// <summary>The refusal somewhere inside <paramref name="error"/>, or null when the failure was something else.</summary>
    public static OutboundTargetRefusedException? In(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is OutboundTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
