namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// A hub with the GoHighLevel Marketplace app configured against the fake (its authorize page, token and locationToken
/// endpoints): the settings an operator sets, pointed at loopback.
/// </summary>
public abstract class GoHighLevelAppFixture : GoHighLevelFixture
{
    protected override IDictionary<string, string?>? Settings() => AppSettings(Ghl);

    public static Dictionary<string, string?> AppSettings(FakeGoHighLevel ghl) => new()
    {
        ["IntegrationHub:GoHighLevel:OAuth:ClientId"] = FakeGoHighLevel.AppClientId,
        ["IntegrationHub:GoHighLevel:OAuth:ClientSecret"] = FakeGoHighLevel.AppClientSecret,
        ["IntegrationHub:GoHighLevel:OAuth:AuthorizeUrl"] = ghl.Url + "/oauth/chooselocation",
        ["IntegrationHub:GoHighLevel:OAuth:TokenUrl"] = ghl.Url + "/oauth/token",
    };
}
