using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Tenancy;

/// <summary>
/// Users of a sub-account are listed, read and rotated; a deleted user's token stops at once and its leads stay with the
/// sub-account, unassigned (DeleteUser).
/// </summary>
[TestFixture]
public sealed class DeleteUserTests : HubFixture
{
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
}
