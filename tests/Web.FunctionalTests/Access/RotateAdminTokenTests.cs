using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Access;

/// <summary>Admins are listed without tokens, a rotated token replaces the old one at once, a deleted admin's token stops.</summary>
[TestFixture]
public sealed class RotateAdminTokenTests : HubFixture
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
}
