namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// The Marketplace app configured against the fake GoHighLevel, trusting a <see cref="WebhookSender"/>'s keys as
/// GoHighLevel's, and agency installs made the way GoHighLevel makes them (its authorize page and code exchange).
/// </summary>
public abstract class AgencyInstallFixture : GoHighLevelAppFixture
{
    protected WebhookSender Sender { get; private set; } = null!;

    protected override void BeforeStart()
    {
        base.BeforeStart();
        Sender = new WebhookSender();
    }

    protected override void AfterStop()
    {
        base.AfterStop();
        Sender?.Dispose();
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?>(AppSettings(Ghl))
    {
        ["IntegrationHub:Webhooks:GhlEd25519PublicKey"] = Sender.Ed25519PublicKeyPem,
        ["IntegrationHub:Webhooks:GhlRsaPublicKey"] = Sender.RsaPublicKeyPem,
    };

    protected sealed record AgencyInstall(string CompanyId, IReadOnlyList<string> Locations);

    /// <summary>
    /// An agency installs the app for <paramref name="names"/>' locations (new ids, named so in the fake), the way it
    /// happens: an admin starts "Connect with GoHighLevel" on a sub-account, GoHighLevel's authorize page (the agency picks
    /// its locations) sends the browser to the hub's callback with a code, the hub exchanges it (userType Company) and
    /// stores the installation, then sends the browser to the installations page.
    /// </summary>
    protected async Task<AgencyInstall> InstallAgency(bool installToFutureLocations = true, params string[] names)
    {
        var companyId = "co-" + Guid.NewGuid().ToString("N")[..10];
        var locations = names.Select(_ => FakeGoHighLevel.NewLocationId()).ToList();
        for (var i = 0; i < names.Length; i++)
        {
            Ghl.LocationNames[locations[i]] = names[i];
        }

        var starter = await App.CreateTenant("Agency starter " + companyId);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.Anonymous().BaseAddress };
        using var start = new HttpRequestMessage(HttpMethod.Get, $"/api/admin/sub-accounts/{starter.SubAccountId}/gohighlevel/connect");
        start.Headers.Authorization = new("Bearer", HubApp.AdminToken);
        var authorize = await browser.SendAsync(start);
        authorize.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);

        Ghl.NextInstall = OAuthInstall.ForAgency(companyId, locations, installToFutureLocations);
        var landed = await browser.GetAsync(Ghl.Authorize(authorize.Headers.Location!).PathAndQuery);
        landed.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, await landed.Content.ReadAsStringAsync());
        landed.Headers.Location!.OriginalString.Should().StartWith("/admin/gohighlevel/installations");
        return new AgencyInstall(companyId, locations);
    }
}
