using System.Text.Json.Nodes;
using System.Web;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>Tokens the fake issued, for tests that set an OAuth integration's config by hand.</summary>
public sealed record IssuedTokens(string AccessToken, string RefreshToken, int ExpiresIn);

public sealed partial class FakeGoHighLevel
{
    /// <summary>
    /// Runs the app's authorization_code flow for <paramref name="install"/> as the hub's callback would (the authorize
    /// page, then the code posted to the token endpoint with the app's id and secret): live tokens the fake will accept.
    /// </summary>
    public async Task<IssuedTokens> IssueTokensAsync(OAuthInstall install)
    {
        const string RedirectUri = "https://hub.test/oauth/gohighlevel/callback";
        var previous = NextInstall;
        NextInstall = install;
        Uri callback;
        try
        {
            callback = Authorize(new Uri($"{Url}/oauth/chooselocation?response_type=code&client_id={AppClientId}" +
                $"&redirect_uri={Uri.EscapeDataString(RedirectUri)}&scope=contacts.readonly&state=test"));
        }
        finally
        {
            NextInstall = previous;
        }

        using var http = new HttpClient();
        using var response = await http.PostAsync(Url + "/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = AppClientId, ["client_secret"] = AppClientSecret, ["grant_type"] = "authorization_code",
            ["code"] = HttpUtility.ParseQueryString(callback.Query)["code"]!, ["user_type"] = "Location", ["redirect_uri"] = RedirectUri,
        }));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return new IssuedTokens(answer["access_token"]!.GetValue<string>(), answer["refresh_token"]!.GetValue<string>(),
            answer["expires_in"]!.GetValue<int>());
    }

    /// <summary>Whether the fake would still accept <paramref name="refreshToken"/> (it is spent on use).</summary>
    public bool IsLive(string refreshToken) => _liveRefreshTokens.ContainsKey(refreshToken);
}
