using System.Web;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Domain.Integrations;
using Microsoft.Extensions.DependencyInjection;

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
    /// An agency installs the app for <paramref name="names"/>' locations (new ids, named so in the fake): GoHighLevel's
    /// authorize page gives a code, the app's token client exchanges it (userType Company), the installation is stored as
    /// the OAuth callback stores it. The one place to switch to the real callback route once it exists.
    /// </summary>
    protected async Task<AgencyInstall> InstallAgency(bool installToFutureLocations = true, params string[] names)
    {
        var companyId = "co-" + Guid.NewGuid().ToString("N")[..10];
        var locations = names.Select(_ => FakeGoHighLevel.NewLocationId()).ToList();
        for (var i = 0; i < names.Length; i++)
        {
            Ghl.LocationNames[locations[i]] = names[i];
        }

        Ghl.NextInstall = OAuthInstall.ForAgency(companyId, locations, installToFutureLocations);
        const string redirect = "http://localhost/oauth/gohighlevel/callback";
        var callback = Ghl.Authorize(new Uri($"{Ghl.Url}/oauth/chooselocation?response_type=code&client_id={FakeGoHighLevel.AppClientId}" +
            $"&redirect_uri={Uri.EscapeDataString(redirect)}&scope=locations.readonly&state=s1"));
        var code = HttpUtility.ParseQueryString(callback.Query)["code"]!;

        using var scope = App.Services.CreateScope();
        var services = scope.ServiceProvider;
        var grant = await services.GetRequiredService<IGhlOAuthClient>().ExchangeCodeAsync(code, redirect, CancellationToken.None);
        grant.IsCompany.Should().BeTrue();
        // GoHighLevel accepts an agency token for reading the agency's own locations.
        lock (Ghl.AcceptedTokens)
        {
            Ghl.AcceptedTokens.Add(grant.AccessToken);
        }

        var now = DateTime.UtcNow;
        var db = services.GetRequiredService<IAppDbContext>();
        db.GhlInstallations.Add(GhlInstallation.Install(grant.CompanyId!, services.GetRequiredService<GhlInstallationSecrets>().Grant(grant.CompanyId!, grant, now),
            adminId: null, now));
        await db.SaveChangesAsync(CancellationToken.None);
        return new AgencyInstall(companyId, locations);
    }
}
