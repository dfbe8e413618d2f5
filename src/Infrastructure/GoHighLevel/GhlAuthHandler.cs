using System.Net;
using System.Net.Http.Headers;
using IntegrationHub.Application.GoHighLevel;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// Adds the bearer token and <c>Version</c> header. For OAuth integrations it has the token renewed before the call when it
/// is about to expire, and once more after a 401, through the connection's renewal (which stores the new tokens, one
/// renewal per integration at a time across instances: <see cref="GhlTokenRenewal"/>).
/// </summary>
internal sealed class GhlAuthHandler(GhlConnection connection, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (connection.RenewTokens is { } renew && connection.AccessTokenExpiresAt is { } expires
            && expires - GhlTokenRenewal.Margin <= clock.GetUtcNow().UtcDateTime)
        {
            await renew(connection, connection.AccessToken, cancellationToken);
        }

        var sent = Authorize(request);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || connection.RenewTokens is null)
        {
            return response;
        }

        response.Dispose();
        await connection.RenewTokens(connection, sent, cancellationToken);
        Authorize(request);
        return await base.SendAsync(request, cancellationToken);
    }

    private string Authorize(HttpRequestMessage request)
    {
        var token = connection.AccessToken;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (!request.Headers.Contains("Version"))
        {
            request.Headers.Add("Version", connection.ApiVersion);
        }

        return token;
    }
}
