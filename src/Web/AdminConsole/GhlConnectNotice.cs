using IntegrationHub.Application.GoHighLevel;

namespace IntegrationHub.Web.AdminConsole;

/// <summary>
/// Where the browser lands after GoHighLevel's authorize page, and what that page says about it. Only a fixed code
/// travels in the query (never a message), so a crafted link cannot make the console say anything else.
/// </summary>
public static class GhlConnectNotice
{
    public const string Parameter = "gohighlevel";
    public const string InstallationsPath = "/admin/gohighlevel/installations";

    public static string ConnectPath(int subAccountId) => $"/admin/sub-accounts/{subAccountId}/gohighlevel/connect";

    public static string Landing(GhlConnectOutcome outcome) => outcome switch
    {
        { Result: GhlConnectResult.Connected, IntegrationId: { } id } => $"/admin/integrations/{id}?{SavedNotice.Parameter}=gohighlevel-connected",
        { Result: GhlConnectResult.TestFailed, IntegrationId: { } id } => $"/admin/integrations/{id}?{SavedNotice.Parameter}=gohighlevel-test-failed",
        { Result: GhlConnectResult.AgencyInstalled } => $"{InstallationsPath}?{SavedNotice.Parameter}=gohighlevel-installed",
        { SubAccountId: { } subAccountId } => $"/admin/sub-accounts/{subAccountId}?{Parameter}={Code(outcome.Result)}",
        // No sub-account (a Marketplace install, a state the hub cannot place): the list, where the admin picks one.
        _ => $"/admin/sub-accounts?{Parameter}={Code(outcome.Result)}",
    };

    /// <summary>The notice for a <c>done</c> value the connect set on the integration or installations page; null for others.</summary>
    public static string? Done(string? done) => done switch
    {
        "gohighlevel-connected" => "Connected with GoHighLevel: the tokens are stored encrypted and the connection test passed.",
        "gohighlevel-test-failed" => "Connected with GoHighLevel, but the connection test failed: see the error below, then test again.",
        "gohighlevel-installed" => "GoHighLevel agency install stored: link its locations to sub-accounts below.",
        _ => null,
    };

    /// <summary>What the sub-account page says when a connect stored nothing.</summary>
    public static string? Failure(string? code) => code switch
    {
        "cancelled" => "Connecting was cancelled on GoHighLevel's page; nothing was stored.",
        "code-refused" => "GoHighLevel refused the authorization (it was already used or expired); nothing was stored. Connect again.",
        "app-refused" => "GoHighLevel refused the hub's Marketplace app: check its client id, client secret and redirect URI in the hub's " +
            "settings and in GoHighLevel; nothing was stored.",
        "unavailable" => "GoHighLevel could not be reached; nothing was stored. Try again in a few minutes.",
        "state-invalid" => "This connect link can no longer be used: it was already used (a reload or Back after connecting), it expired, " +
            "or it was opened in another browser than the one that pressed Connect with GoHighLevel. It stored nothing. If you had just " +
            "connected, the integration is on the sub-account's page; otherwise press Connect with GoHighLevel on the sub-account's page again.",
        "location-taken" => "The GoHighLevel location you picked is already connected by another sub-account's integration (a location " +
            "belongs to one integration only); nothing was stored. Disconnect or delete that integration first, or pick another location.",
        "location-unknown" => "GoHighLevel installed the app for a location (sub-account) this hub does not know, so nothing was stored " +
            "and GoHighLevel's one-time code is spent. Start the connection from the sub-account's page in the hub: open the sub-account " +
            "(or create it) and press Connect with GoHighLevel.",
        _ => null,
    };

    private static string Code(GhlConnectResult result) => result switch
    {
        GhlConnectResult.Cancelled => "cancelled",
        GhlConnectResult.CodeRefused => "code-refused",
        GhlConnectResult.Unavailable => "unavailable",
        GhlConnectResult.StateRefused => "state-invalid",
        GhlConnectResult.LocationTaken => "location-taken",
        GhlConnectResult.LocationUnknown => "location-unknown",
        _ => "app-refused",
    };
}
