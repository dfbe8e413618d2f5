using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Access;

/// <summary>The 401/403/404 matrix for anonymous callers, admins, tenant A and tenant B.</summary>
[TestFixture]
public sealed class AccessTests
{
    private HubApp _app = null!;
    private Tenant _a = null!;
    private Tenant _b = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = new HubApp();
        _a = await _app.CreateTenant("Tenant A");
        _b = await _app.CreateTenant("Tenant B");
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    private static readonly (string Method, string Url, string? Body)[] AdminRoutes =
    [
        ("GET", "/api/admin/sub-accounts", null),
        ("GET", "/api/admin/sub-accounts/1", null),
        ("POST", "/api/admin/sub-accounts", """{"name":"x"}"""),
        ("POST", "/api/admin/sub-accounts/1/users", """{"email":"x@example.com","name":"x"}"""),
        ("POST", "/api/admin/users/1/strategies", """{"name":"x"}"""),
        ("POST", "/api/admin/admins", """{"email":"y@example.com","name":"y"}"""),
        ("POST", "/api/admin/integration-templates", """{"name":"x","displayName":"x","category":"x","configSchema":{"type":"object"}}"""),
        ("PUT", "/api/admin/integration-templates/1", """{"displayName":"x"}"""),
        ("DELETE", "/api/admin/integration-templates/1", null),
    ];

    private static IEnumerable<TestCaseData> AdminRouteCases() =>
        AdminRoutes.Select(r => new TestCaseData(r.Method, r.Url, r.Body).SetArgDisplayNames(r.Method, r.Url));

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string url, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    [TestCaseSource(nameof(AdminRouteCases))]
    public async Task Admin_routes_refuse_anonymous_callers_with_401(string method, string url, string? body)
    {
        var response = await Send(_app.Anonymous(), method, url, body);
        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("Bearer");
    }

    [TestCaseSource(nameof(AdminRouteCases))]
    public async Task Admin_routes_refuse_a_wrong_token_with_401(string method, string url, string? body) =>
        await (await Send(_app.WithToken("ih_not-a-real-token"), method, url, body)).ProblemAsync(HttpStatusCode.Unauthorized);

    [TestCaseSource(nameof(AdminRouteCases))]
    public async Task Admin_routes_refuse_tenant_users_with_403(string method, string url, string? body) =>
        await (await Send(_a.Client, method, url, body)).ProblemAsync(HttpStatusCode.Forbidden);

    [Test]
    public async Task A_malformed_authorization_header_is_a_401()
    {
        var client = _app.Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
        await (await client.GetAsync("/api/leads")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Tenant_routes_need_a_token()
    {
        await (await _app.Anonymous().GetAsync("/api/leads")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await _app.Anonymous().PostJson("/api/leads", new { name = "x" })).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_new_admin_gets_a_token_once_and_it_works()
    {
        var created = await (await _app.Admin().PostJson("/api/admin/admins", new { email = "ops@example.com", name = "Ops" }))
            .Json(HttpStatusCode.Created);
        var token = created.Str("token");
        token.Should().StartWith("ih_").And.HaveLength(46);

        var asNewAdmin = _app.WithToken(token);
        (await asNewAdmin.GetAsync("/api/admin/sub-accounts")).StatusCode.Should().Be(HttpStatusCode.OK);

        await (await _app.Admin().PostJson("/api/admin/admins", new { email = "OPS@example.com", name = "Again" }))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    [Category(TestCategories.SqliteOnly)]
    public async Task Tokens_are_stored_only_as_hashes()
    {
        var created = await (await _app.Admin().PostJson("/api/admin/admins", new { email = "hash@example.com", name = "Hash" }))
            .Json(HttpStatusCode.Created);
        var bytes = await File.ReadAllBytesAsync(_app.DatabasePath);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        text.Should().NotContain(created.Str("token"));
        text.Should().NotContain(_a.Token);
        text.Should().NotContain(HubApp.AdminToken);
    }

    [Test]
    public async Task Invalid_admin_input_is_a_400()
    {
        var problem = await (await _app.Admin().PostJson("/api/admin/admins", new { email = "not-an-email", name = "" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["email"].Should().NotBeNull();
        problem["errors"]!["name"].Should().NotBeNull();
    }

    [Test]
    public async Task Tenant_b_cannot_see_tenant_a_leads()
    {
        var lead = await (await _a.Client.PostJson("/api/leads", new { name = "Secret Lead of A", email = "lead@a.test" }))
            .Json(HttpStatusCode.Created);

        var fromB = await (await _b.Client.GetAsync($"/api/leads/{lead.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        var missing = await (await _b.Client.GetAsync("/api/leads/987654")).ProblemAsync(HttpStatusCode.NotFound);
        fromB.Str("title").Should().Be(missing.Str("title"), "another tenant's lead looks exactly like a missing one");
        await (await _b.Client.GetAsync($"/api/leads/{lead.Id()}/messages")).ProblemAsync(HttpStatusCode.NotFound);

        var listB = await _b.Client.GetJson("/api/leads");
        listB["items"]!.AsArray().Select(l => l!.Id()).Should().NotContain(lead.Id());

        // Asking for A's sub-account explicitly does not widen B's view: it is answered as if it did not exist (the contract),
        // not with B's own leads as if they were the answer.
        await (await _b.Client.GetAsync($"/api/leads?subAccountId={_a.SubAccountId}")).ProblemAsync(HttpStatusCode.NotFound);

        (await _a.Client.GetJson($"/api/leads/{lead.Id()}")).Str("name").Should().Be("Secret Lead of A");
        (await _app.Admin().GetJson($"/api/leads/{lead.Id()}")).Str("name").Should().Be("Secret Lead of A");
    }

    [Test]
    public async Task Admins_cannot_create_leads_as_a_tenant()
    {
        await (await _app.Admin().PostJson("/api/leads", new { name = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
