using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Tenancy;

/// <summary>What admins manage besides integrations: admins, users, tokens and sub-accounts; and the words of the 4xx answers.</summary>
[TestFixture]
public sealed class AdminManagementTests : HubFixture
{
    private async Task<(int Id, string Token)> NewAdmin()
    {
        var created = await (await Admin.PostJson("/api/admin/admins", new { email = $"ops.{Guid.NewGuid():N}@hub.test", name = "Ops" }))
            .Json(HttpStatusCode.Created);
        return (created.Id(), created.Str("token"));
    }

    [Test]
    public async Task Admins_are_listed_without_tokens_rotated_and_deleted_but_never_the_last_one()
    {
        var (id, token) = await NewAdmin();
        var list = await (await Admin.GetAsync("/api/admin/admins")).Json(HttpStatusCode.OK);
        list.AsArray().Select(a => a!.Id()).Should().Contain(id);
        list.ToJsonString().Should().NotContain(token).And.NotContainAny("token", "Token", "hash", "Hash");

        var rotated = (await (await Admin.PostAsync($"/api/admin/admins/{id}/token", null)).Json(HttpStatusCode.OK)).Str("token");
        rotated.Should().NotBe(token);
        (await App.WithToken(token).GetAsync("/api/admin/admins")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the old token stops at once");
        (await App.WithToken(rotated).GetAsync("/api/admin/admins")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Admin.DeleteAsync($"/api/admin/admins/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await App.WithToken(rotated).GetAsync("/api/admin/admins")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await Admin.DeleteAsync($"/api/admin/admins/{id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_last_admin_cannot_be_deleted()
    {
        await using var app = new HubApp();
        var admin = app.Admin();
        var self = (await admin.GetJson("/api/admin/admins")).AsArray().Should().ContainSingle().Subject!.Id();
        var problem = await (await admin.DeleteAsync($"/api/admin/admins/{self}")).ProblemAsync(HttpStatusCode.Conflict);
        problem.Str("detail").Should().Contain("last admin");

        // With a second admin, the first (who created templates at start) can go.
        var second = await (await admin.PostJson("/api/admin/admins", new { email = "second@hub.test", name = "Second" })).Json(HttpStatusCode.Created);
        await (await admin.PostJson("/api/admin/integration-templates", new
        {
            name = "by_first", displayName = "By first", category = "CRM", configSchema = new { type = "object" },
        })).Json(HttpStatusCode.Created);
        (await admin.DeleteAsync($"/api/admin/admins/{self}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var template = (await app.Anonymous().GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "by_first")!;
        template["createdByAdminId"].Should().BeNull("what an admin created stays when the admin goes");
        (await app.WithToken(second.Str("token")).GetJson("/api/admin/admins")).AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task Users_are_listed_read_rotated_and_deleted_and_their_location_header_resolves()
    {
        var tenant = await App.CreateTenant("Managed");
        var created = await Admin.PostJson($"/api/admin/sub-accounts/{tenant.SubAccountId}/users", new { email = $"second.{Guid.NewGuid():N}@acme.test", name = "Second" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var user = await created.Json(HttpStatusCode.Created);
        var location = created.Headers.Location!.ToString();
        (await Admin.GetJson(location)).Str("email").Should().Be(user.Str("email"), "the Location header names the new user");

        var users = await Admin.GetJson($"/api/admin/sub-accounts/{tenant.SubAccountId}/users");
        users.AsArray().Select(u => u!.Id()).Should().BeEquivalentTo([tenant.UserId, user.Id()]);
        users.ToJsonString().Should().NotContain(tenant.Token).And.NotContain("token");
        await (await Admin.GetAsync("/api/admin/sub-accounts/987654/users")).ProblemAsync(HttpStatusCode.NotFound);

        var rotated = (await (await Admin.PostAsync($"/api/admin/users/{tenant.UserId}/token", null)).Json(HttpStatusCode.OK)).Str("token");
        (await tenant.Client.GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the old token stops at once");
        (await App.WithToken(rotated).GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.OK);

        var lead = await (await App.WithToken(rotated).PostJson("/api/leads", new { name = "Kept lead" })).Json(HttpStatusCode.Created);
        (await Admin.DeleteAsync($"/api/admin/users/{tenant.UserId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await App.WithToken(rotated).GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await Admin.GetAsync($"/api/admin/users/{tenant.UserId}")).ProblemAsync(HttpStatusCode.NotFound);
        var kept = await Admin.GetJson($"/api/leads/{lead.Id()}");
        kept["regularUserId"].Should().BeNull("the lead stays with the sub-account, unassigned");
    }

    [Test]
    public async Task A_sub_account_is_deleted_with_its_users_and_leads_but_not_while_it_has_integrations()
    {
        var tenant = await App.CreateTenant("Leaving");
        var lead = await (await tenant.Client.PostJson("/api/leads", new { name = "Goes too" })).Json(HttpStatusCode.Created);
        var templateId = (await App.Anonymous().GetJson("/api/integration-templates")).AsArray().Single(t => t!.Str("name") == "gohighlevel")!.Id();
        var integration = await (await Admin.PostJson("/api/admin/integrations", new
        {
            subAccountId = tenant.SubAccountId, integrationTemplateId = templateId, name = "GHL",
            config = new { apiKey = "k", locationId = "loc-" + Guid.NewGuid().ToString("N")[..8] },
        })).Json(HttpStatusCode.Created);

        await (await Admin.DeleteAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}")).ProblemAsync(HttpStatusCode.Conflict);
        (await Admin.DeleteAsync($"/api/admin/integrations/{integration.Id()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Admin.DeleteAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await Admin.GetAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync($"/api/leads/{lead.Id()}")).ProblemAsync(HttpStatusCode.NotFound);
        (await tenant.Client.GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "its users went with it");
        await (await Admin.DeleteAsync($"/api/admin/sub-accounts/{tenant.SubAccountId}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Four_hundreds_read_as_written_for_a_user()
    {
        var tenant = await App.CreateTenant("Words");

        var adminOnTenantRoute = await (await Admin.PostJson("/api/leads", new { name = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
        adminOnTenantRoute.Str("detail").Should().Contain("tenant users").And.NotContain("admins only");
        var tenantOnAdminRoute = await (await tenant.Client.GetAsync("/api/admin/sub-accounts")).ProblemAsync(HttpStatusCode.Forbidden);
        tenantOnAdminRoute.Str("detail").Should().Contain("admins only");

        var empty = await (await Admin.PostAsync("/api/admin/sub-accounts", new StringContent("", System.Text.Encoding.UTF8, "application/json")))
            .ProblemAsync(HttpStatusCode.BadRequest);
        empty.Str("detail").Should().Be("This route needs a JSON body.");

        var page = await (await tenant.Client.GetAsync("/api/leads?page=abc")).ProblemAsync(HttpStatusCode.BadRequest);
        page.Str("detail").Should().Be("page must be a whole number.");

        var typo = await (await Admin.PostJson("/api/admin/integration-templates", new
        {
            name = "typo_" + Guid.NewGuid().ToString("N")[..6], displayName = "Typo", category = "CRM",
            configSchema = JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"strin"}}}"""),
        })).ProblemAsync(HttpStatusCode.BadRequest);
        typo["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["configSchema/properties/a/type"], "only the misspelled type is wrong");

        foreach (var problem in new[] { adminOnTenantRoute, tenantOnAdminRoute, empty, page, typo })
        {
            problem.ToJsonString().Should().NotContainAny("Nullable<", "Implicit body", "parameter \"", "Exception");
        }
    }
}
