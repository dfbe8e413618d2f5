using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Infrastructure.Network;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>The configured Marketplace app, without its secret.</summary>
internal sealed class GhlOAuthApps(IOptions<GoHighLevelOAuthOptions> options) : IGhlOAuthApps
{
    public GhlOAuthApp? Current => options.Value is { Enabled: true } app
        ? new GhlOAuthApp(app.ClientId!.Trim(), app.Scopes.Trim(), string.IsNullOrWhiteSpace(app.RedirectUri) ? null : app.RedirectUri,
            new Uri(app.AuthorizeUrl))
        {
            ApiBaseUrl = new Uri(new Uri(app.TokenUrl).GetLeftPart(UriPartial.Authority)),
            StateLifetime = app.StateLifetime,
        }
        : null;
}

/// <summary>
/// GoHighLevel's token endpoints (<c>apps/oauth.json</c>): form-encoded posts with the app's client id and secret, through
/// the guarded connections every outbound call uses. Errors name the status and GoHighLevel's error code only: the
/// form carries a code, a refresh token and the client secret, none of which may reach a message.
/// </summary>
internal sealed class GhlOAuthClient : IGhlOAuthClient, IGhlOwnAppTokens, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly HttpClient _http;
    private readonly IOptions<GoHighLevelOAuthOptions> _options;
    private readonly OutboundTargets _targets;

    public GhlOAuthClient(IOptions<GoHighLevelOAuthOptions> options, OutboundTargets targets, GuardedConnections connections)
    {
        _options = options;
        _targets = targets;
        _http = new HttpClient(connections.CreateHandler()) { Timeout = Timeout };
    }

    public Task<GhlTokenGrant> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken) =>
        PostAsync(TokenUrl(), App(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["user_type"] = GhlTokenGrant.Location,
            ["redirect_uri"] = redirectUri,
        }), null, "exchange the authorization code", cancellationToken);

    public Task<GhlTokenGrant> RefreshAsync(string refreshToken, string userType, CancellationToken cancellationToken) =>
        PostAsync(TokenUrl(), App(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["user_type"] = userType,
        }), null, "refresh the token", cancellationToken);

    public Task<GhlTokenGrant> LocationTokenAsync(string agencyAccessToken, string companyId, string locationId, CancellationToken cancellationToken) =>
        PostAsync(new Uri(TokenUrl(), "locationToken"), new Dictionary<string, string>
        {
            ["companyId"] = companyId,
            ["locationId"] = locationId,
        }, agencyAccessToken, "get a location token from the agency token", cancellationToken);

    /// <summary>An integration configured by hand with its own app: its credentials, at its own host's token endpoint.</summary>
    public Task<GhlTokenGrant> RefreshAsync(Uri tokenUrl, GhlOAuthCredentials credentials, CancellationToken cancellationToken) =>
        PostAsync(tokenUrl, new Dictionary<string, string>
        {
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = credentials.RefreshToken,
            ["user_type"] = GhlTokenGrant.Location,
        }, null, "refresh the token", cancellationToken);

    public void Dispose() => _http.Dispose();

    private Uri TokenUrl()
    {
        var url = _options.Value.TokenUrl;
        var refusal = _targets.Refusal(url);
        if (refusal is not null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new GhlOAuthException(GhlOAuthFailure.Refused, null, $"{GoHighLevelOAuthOptions.Section}:TokenUrl {refusal ?? "must be an absolute https URL"}.");
        }

        return uri;
    }

    private Dictionary<string, string> App(Dictionary<string, string> form)
    {
        var app = _options.Value;
        if (!app.Enabled || string.IsNullOrWhiteSpace(app.ClientSecret))
        {
            throw new GhlOAuthException(GhlOAuthFailure.Refused, null,
                $"The GoHighLevel app is not configured ({GoHighLevelOAuthOptions.Section}:ClientId and ClientSecret).");
        }

        form["client_id"] = app.ClientId!.Trim();
        form["client_secret"] = app.ClientSecret.Trim();
        return form;
    }

    private async Task<GhlTokenGrant> PostAsync(Uri url, Dictionary<string, string> form, string? bearer, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            request.Headers.Add("Version", GhlConnections.DefaultApiVersion);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new GhlOAuthException(GhlOAuthFailure.Unavailable, null, $"GoHighLevel could not be reached to {what} ({ex.GetType().Name}).");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var code = await ErrorCodeAsync(response, cancellationToken);
                var failure = code == "invalid_grant" ? GhlOAuthFailure.InvalidGrant
                    : status >= 500 || status == 429 ? GhlOAuthFailure.Unavailable
                    : GhlOAuthFailure.Refused;
                throw new GhlOAuthException(failure, status, $"GoHighLevel refused to {what} (HTTP {status}{(code is null ? "" : ", " + code)}).");
            }

            GhlTokenResponse? tokens;
            try
            {
                tokens = await response.Content.ReadFromJsonAsync(GhlJsonContext.Default.GhlTokenResponse, cancellationToken);
            }
            catch (JsonException)
            {
                tokens = null;
            }

            if (tokens?.AccessToken is not { Length: > 0 } access)
            {
                throw new GhlOAuthException(GhlOAuthFailure.InvalidResponse, status, $"GoHighLevel answered without an access token when asked to {what}.");
            }

            return new GhlTokenGrant(access, tokens.RefreshToken is { Length: > 0 } refresh ? refresh : null, tokens.ExpiresIn ?? 86_399,
                tokens.Scope, tokens.UserType, tokens.LocationId, tokens.CompanyId, tokens.ApprovedLocations ?? [],
                tokens.InstallToFutureLocations ?? false, tokens.IsBulkInstallation ?? false, tokens.UserId);
        }
    }

    /// <summary>
    /// <c>invalid_grant</c> when the answer says so (OAuth's <c>error</c>, or GoHighLevel's message naming it), else the
    /// short error code if it looks like one. Never the description's free text, which could echo what was sent.
    /// </summary>
    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        if (body.Contains("invalid_grant", StringComparison.OrdinalIgnoreCase) || body.Contains("invalid grant", StringComparison.OrdinalIgnoreCase))
        {
            return "invalid_grant";
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, GhlJsonContext.Default.GhlOAuthError)?.Error;
            return error is { Length: > 0 and <= 40 } && error.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ' ') ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
