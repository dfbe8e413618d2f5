using System.Net.Sockets;
using IntegrationHub.Infrastructure.Options;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>Start-up failures an operator causes and can fix, described in one line each.</summary>
internal static class StartupFailure
{
    /// <summary>
    /// The host logs a failed start with its whole stack trace; we print the cause ourselves, so only its critical
    /// lines (a background service stopping the host) stay.
    /// </summary>
    public const string HostLogCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static IReadOnlyList<string>? Describe(Exception error) =>
        SettingErrors.Describe(error) ?? AddressInUse(error);

    private static IReadOnlyList<string>? AddressInUse(Exception error)
    {
        // Kestrel's outer exception names the address ("Failed to bind to address http://...: address already in use.").
        for (var e = error.InnerException; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.GetType().Name == "AddressInUseException")
            {
                var bound = error is IOException ? error : error.InnerException ?? error;
                return [$"{bound.Message.TrimEnd('.')}. Another process is listening there: stop it, or choose another address with " +
                    "ASPNETCORE_URLS or --urls (for example --urls http://localhost:5081)."];
            }
        }

        return null;
    }
}
