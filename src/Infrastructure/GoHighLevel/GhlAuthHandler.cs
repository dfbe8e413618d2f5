using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IntegrationHub.Application.GoHighLevel;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// Adds the bearer token and <c>Version</c> header. For OAuth integrations it refreshes an expired access
/// token before the call, and once more after a 401, and hands the new tokens to the connection to store.
/// </summary>
internal sealed class GhlAuthHandler(GhlConnection connection, HttpMessageInvoker tokenClient, TimeProvider clock) : DelegatingHandler
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(2);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (connection.OAuth is not null && connection.AccessTokenExpiresAt is { } expires
            && expires - RefreshMargin <= clock.GetUtcNow().UtcDateTime)
        {
            await RefreshAsync(cancellationToken);
        }

        Authorize(request);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || connection.OAuth is null)
        {
            return response;
        }

        response.Dispose();
        await RefreshAsync(cancellationToken);
        Authorize(request);
        return await base.SendAsync(request, cancellationToken);
    }

    private void Authorize(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.AccessToken);
        if (!request.Headers.Contains("Version"))
        {
            request.Headers.Add("Version", connection.ApiVersion);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var oauth = connection.OAuth!;
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(connection.BaseUrl, "/oauth/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = oauth.ClientId,
                ["client_secret"] = oauth.ClientSecret,
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = oauth.RefreshToken,
                ["user_type"] = "Location",
            }),
        };
        tokenRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await tokenClient.SendAsync(tokenRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new GhlApiException(GhlFailureKind.Unauthorized, (int)response.StatusCode,
                $"GoHighLevel refused to refresh the OAuth token (HTTP {(int)response.StatusCode}); reconnect the app.");
        }

        GhlTokenResponse? tokens;
        try
        {
            tokens = await response.Content.ReadFromJsonAsync(GhlJsonContext.Default.GhlTokenResponse, cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            tokens = null;
        }

        if (tokens?.AccessToken is not { Length: > 0 } access || tokens.RefreshToken is not { Length: > 0 } refresh)
        {
            throw new GhlApiException(GhlFailureKind.InvalidResponse, (int)response.StatusCode,
                "GoHighLevel's token endpoint answered without an access and refresh token.");
        }

        var expiresAt = clock.GetUtcNow().UtcDateTime.AddSeconds(tokens.ExpiresIn ?? 86_399);
        connection.AccessToken = access;
        connection.AccessTokenExpiresAt = expiresAt;
        connection.OAuth = oauth with { RefreshToken = refresh };
        if (connection.TokensRefreshed is { } store)
        {
            // The old refresh token is now dead: store the new one before doing anything else.
            await store(new GhlTokens(access, refresh, expiresAt), cancellationToken);
        }
    }
}
