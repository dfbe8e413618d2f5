namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// <c>IntegrationHub:GoHighLevel:OAuth</c>: the hub's GoHighLevel Marketplace app. Without a client id the connect
/// routes answer 404 and integrations work with Private Integration Tokens only.
/// </summary>
public sealed class GoHighLevelOAuthOptions
{
    public const string Section = "IntegrationHub:GoHighLevel:OAuth";

    public string? ClientId { get; set; }

    /// <summary>Held only by the token client; never in a response, a log line or an integration's config.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Space-separated scopes asked for on the authorize page.</summary>
    public string Scopes { get; set; } = DefaultScopes;

    /// <summary>Null: <c>{PublicBaseUrl}/oauth/gohighlevel/callback</c> (the app's settings in GoHighLevel must list the same).</summary>
    public string? RedirectUri { get; set; }

    public string AuthorizeUrl { get; set; } = "https://marketplace.gohighlevel.com/v2/oauth/chooselocation";

    public string TokenUrl { get; set; } = "https://services.leadconnectorhq.com/oauth/token";

    /// <summary>How long a connect's <c>state</c> stays spendable.</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>What the hub's features need: contacts both ways, conversations, calendars, locations (test and names).</summary>
    public const string DefaultScopes =
        "contacts.readonly contacts.write conversations.readonly conversations/message.readonly conversations/message.write " +
        "calendars.readonly calendars/events.readonly calendars/events.write locations.readonly oauth.readonly oauth.write";

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Every rule broken, in the words an operator needs to fix the setting.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return $"{Section}:ClientSecret must be set when {Section}:ClientId is.";
        }

        foreach (var (name, value) in new[] { ("AuthorizeUrl", AuthorizeUrl), ("TokenUrl", TokenUrl), ("RedirectUri", RedirectUri) })
        {
            if (value is not null && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            {
                yield return $"{Section}:{name} must be an absolute https URL.";
            }
        }

        if (string.IsNullOrWhiteSpace(Scopes))
        {
            yield return $"{Section}:Scopes must name at least one scope (space-separated).";
        }

        if (StateLifetime <= TimeSpan.Zero || StateLifetime > TimeSpan.FromHours(1))
        {
            yield return $"{Section}:StateLifetime must be a duration above zero and at most an hour, such as 00:10:00.";
        }
    }
}

/// <summary>Start-up refuses a half-configured app, naming each setting to fix.</summary>
internal sealed class GoHighLevelOAuthOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<GoHighLevelOAuthOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, GoHighLevelOAuthOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
