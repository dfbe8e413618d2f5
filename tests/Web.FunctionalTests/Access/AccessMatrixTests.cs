using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Access;

/// <summary>
/// Every route the app maps (read from its endpoint data source, not a hand list) against six callers: anonymous, an
/// admin, two tenants, a deleted user and a rotated-out admin token. The expected outcome comes from the route's access
/// rule; a route without one fails the test, so a new route cannot ship unprotected by accident.
/// </summary>
[TestFixture]
public sealed partial class AccessMatrixTests
{
    private enum Caller { Anonymous, Admin, TenantA, TenantB, DeletedUser, RotatedOutToken }

    private const string Missing = "999999";

    private HubApp _app = null!;
    private readonly Dictionary<Caller, string?> _tokens = [];
    private int _leadOfA;
    private int _integrationOfA;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = new HubApp();
        var admin = _app.Admin();
        var a = await _app.CreateTenant("Matrix A");
        var b = await _app.CreateTenant("Matrix B");

        var doomed = await (await admin.PostJson($"/api/admin/sub-accounts/{a.SubAccountId}/users", new { email = "gone@matrix.test", name = "Gone" }))
            .Json(HttpStatusCode.Created);
        (await admin.DeleteAsync($"/api/admin/users/{doomed.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var second = await (await admin.PostJson("/api/admin/admins", new { email = "rotated@matrix.test", name = "Rotated" })).Json(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/admin/admins/{second.Id()}/token", null)).Json(HttpStatusCode.OK);

        _tokens[Caller.Anonymous] = null;
        _tokens[Caller.Admin] = HubApp.AdminToken;
        _tokens[Caller.TenantA] = a.Token;
        _tokens[Caller.TenantB] = b.Token;
        _tokens[Caller.DeletedUser] = doomed.Str("token");
        _tokens[Caller.RotatedOutToken] = second.Str("token");

        // Resources of tenant A, so the matrix also shows B cannot read them.
        _leadOfA = (await (await a.Client.PostJson("/api/leads", new { name = "Lead of A" })).Json(HttpStatusCode.Created)).Id();
        var template = await (await admin.PostJson("/api/admin/integration-templates", new
        {
            name = "matrix", displayName = "Matrix", category = "Test", configSchema = new { type = "object" },
        })).Json(HttpStatusCode.Created);
        _integrationOfA = (await (await admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = a.SubAccountId, integrationTemplateId = template.Id(), name = "A's", config = new { },
        })).Json(HttpStatusCode.Created)).Id();
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private IReadOnlyList<MappedRoute> Routes() => RouteTable.Of(_app);

    [Test]
    public void Every_route_declares_who_may_call_it()
    {
        var routes = Routes();
        routes.Should().HaveCountGreaterThan(60);
        routes.Where(r => r.Rule is null).Select(r => $"{r.Method} {r.Pattern}").Should().BeEmpty(
            "every route needs an access rule: RequireAuthorization(policy) or AllowAnonymous()");
    }

    [Test]
    public async Task Every_route_answers_each_caller_as_its_rule_says()
    {
        var failures = new List<string>();
        var requests = 0;
        foreach (var route in Routes().Where(r => r.Rule is not null))
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                using var response = await Send(route, caller);
                requests++;
                if (Verdict(route, caller, response) is { } problem)
                {
                    failures.Add($"{route.Method} {route.Pattern} as {caller}: {(int)response.StatusCode} ({problem})");
                }
            }
        }

        requests.Should().BeGreaterThan(360);
        TestContext.Out.WriteLine($"{requests} requests over {requests / Enum.GetValues<Caller>().Length} route/method pairs");
        failures.Should().BeEmpty();
    }

    /// <summary>Null when the answer fits the rule, else what was expected.</summary>
    private static string? Verdict(MappedRoute route, Caller caller, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var denied = status is 401 or 403 || (status == 302 && response.Headers.Location?.ToString().Contains("/admin/signin") == true);
        var badToken = caller is Caller.DeletedUser or Caller.RotatedOutToken;
        var tenant = caller is Caller.TenantA or Caller.TenantB;
        string? Expect(int expected) => status == expected ? null : $"expected {expected}";
        string? Allowed() => denied || status >= 500 ? "expected to be let in" : null;
        return route.Rule switch
        {
            AccessRule.Public => denied || status >= 500 ? "a public route" : null,
            AccessRule.Admin or AccessRule.Dashboard => caller switch
            {
                Caller.Anonymous or Caller.DeletedUser or Caller.RotatedOutToken => Expect(401),
                Caller.Admin => Allowed(),
                _ => Expect(403),
            },
            AccessRule.TenantUser => caller switch
            {
                Caller.Anonymous => Expect(401),
                _ when badToken => Expect(401),
                Caller.Admin => Expect(403),
                _ => Allowed(),
            },
            AccessRule.SignedIn => caller == Caller.Anonymous || badToken ? Expect(401) : Allowed(),
            AccessRule.ConsolePage => caller switch
            {
                Caller.Anonymous => status == 302 && response.Headers.Location!.ToString().Contains("/admin/signin") ? null : "expected the sign-in page",
                _ when badToken => Expect(401),
                _ when tenant => Expect(403),
                _ => Allowed(),
            },
            AccessRule.ConsoleHub => caller == Caller.Admin ? Allowed() : Expect(401),
            _ => "no rule",
        };
    }

    private async Task<HttpResponseMessage> Send(MappedRoute route, Caller caller)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Anonymous().BaseAddress };
        if (_tokens[caller] is { } token)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        if (route.Rule == AccessRule.ConsolePage)
        {
            client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        }

        var request = new HttpRequestMessage(new HttpMethod(route.Method), PathFor(route.Pattern));
        if (route.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    /// <summary>A concrete path: tenant A's own lead and integration where a tenant can read them, elsewhere an id that does not exist.</summary>
    private string PathFor(string pattern)
    {
        var path = pattern switch
        {
            _ when pattern.StartsWith("/api/leads/{id", StringComparison.Ordinal) => Parameter().Replace(pattern, _leadOfA.ToString(), 1),
            _ when pattern.StartsWith("/api/integrations/{id", StringComparison.Ordinal) => Parameter().Replace(pattern, _integrationOfA.ToString(), 1),
            _ => pattern,
        };
        path = path.Replace("{documentName}", "v1", StringComparison.Ordinal);
        path = CatchAllOrOptional().Replace(path, "");
        return Parameter().Replace(path, Missing).Replace("//", "/", StringComparison.Ordinal);
    }

    [Test]
    public async Task A_tenant_reads_its_own_lead_and_integration_and_not_the_other_tenants()
    {
        foreach (var path in new[] { $"/api/leads/{_leadOfA}", $"/api/leads/{_leadOfA}/messages", $"/api/integrations/{_integrationOfA}" })
        {
            (await _app.WithToken(_tokens[Caller.TenantA]!).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);
            (await _app.WithToken(_tokens[Caller.TenantB]!).GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }
    }

    [GeneratedRegex(@"\{[^}*?]+\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\{(\*\*[^}]+|[^}]+\?)\}")]
    private static partial Regex CatchAllOrOptional();
}
