using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Access;

/// <summary>DeleteAdmin: never the last admin; what a deleted admin created stays.</summary>
[TestFixture]
public sealed class DeleteAdminTests : HubFixture
{
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
}
