using System.Net;
using System.Web;
using IntegrationHub.Infrastructure.Persistence;
using IntegrationHub.Web.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Web.FunctionalTests.GoHighLevel.OAuth;

/// <summary>A browser and an admin's browser, the connect's steps (start, GoHighLevel's page, callback) and reads of the database.</summary>
public abstract class ConnectGoHighLevelFixture : GoHighLevelAppFixture
{
    protected HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = App.Anonymous().BaseAddress };

    protected HttpClient AdminBrowser()
    {
        var client = Browser();
        client.DefaultRequestHeaders.Authorization = new("Bearer", HubApp.AdminToken);
        return client;
    }

    /// <summary>The admin starts a connect; the fake's authorize page answers with the callback URL (code and state).</summary>
    protected async Task<Uri> StartAndAuthorize(int subAccountId, OAuthInstall install)
    {
        var start = await AdminBrowser().GetAsync($"/api/admin/sub-accounts/{subAccountId}/gohighlevel/connect");
        start.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Ghl.NextInstall = install;
        return Ghl.Authorize(start.Headers.Location!);
    }

    protected Task<HttpResponseMessage> Callback(Uri callback) => Browser().GetAsync(callback.PathAndQuery);

    protected int CodeExchanges => Ghl.RequestsTo("/oauth/token").Count(r => r.Body.Contains("grant_type=authorization_code", StringComparison.Ordinal));

    protected async Task<T> Db<T>(Func<AppDbContext, Task<T>> read)
    {
        using var scope = App.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected Task<int> IntegrationsOf(int subAccountId) => Db(db => db.Integrations.CountAsync(i => i.SubAccountId == subAccountId));

    protected static Uri WithQuery(Uri uri, string name, string? value)
    {
        var builder = new UriBuilder(uri);
        var query = HttpUtility.ParseQueryString(builder.Query);
        if (value is null)
        {
            query.Remove(name);
        }
        else
        {
            query[name] = value;
        }

        builder.Query = query.ToString();
        return builder.Uri;
    }

    protected static async Task ExpectStateRefused(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ToJsonString().Should().Contain("not valid").And.Contain("Connect with GoHighLevel");
    }

    /// <summary>A callback as a browser sends it (Accept: text/html), or as an API client (application/json).</summary>
    protected Task<HttpResponseMessage> Callback(Uri callback, string accept, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, callback.PathAndQuery);
        request.Headers.Accept.ParseAdd(accept);
        return (client ?? Browser()).SendAsync(request);
    }

    /// <summary>
    /// An install started inside GoHighLevel (the Marketplace listing's Install button): GoHighLevel's documented
    /// authorize URL carries no state, so the callback brings a code only.
    /// </summary>
    protected Uri MarketplaceInstall(OAuthInstall install)
    {
        var redirect = App.Anonymous().BaseAddress!.ToString().TrimEnd('/') + "/oauth/gohighlevel/callback";
        Ghl.NextInstall = install;
        var callback = Ghl.Authorize(new Uri($"{Ghl.Url}/oauth/chooselocation?response_type=code&client_id={FakeGoHighLevel.AppClientId}" +
            $"&redirect_uri={Uri.EscapeDataString(redirect)}&scope=contacts.readonly"));
        HttpUtility.ParseQueryString(callback.Query)["state"].Should().BeNull();
        return callback;
    }
}
