using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Integrations;

/// <summary>ChangeIntegrationStatus: manual moves follow the state machine; the list filters by status.</summary>
[TestFixture]
public sealed class ChangeIntegrationStatusTests : IntegrationFixture
{
    [Test]
    public async Task Status_moves_follow_the_state_machine()
    {
        var id = (await CreateGhl(TenantA, name: "Status")).Id();
        async Task<HttpResponseMessage> Move(string status, string? errorMessage = null) =>
            await Admin.PostJson($"/api/admin/integrations/{id}/status", new { status, errorMessage });

        await (await Move("disconnected")).Json(HttpStatusCode.OK);
        var active = await (await Move("active")).Json(HttpStatusCode.OK);
        active.Str("status").Should().Be("active");
        active["isActive"]!.GetValue<bool>().Should().BeTrue();

        await (await Move("pending")).ProblemAsync(HttpStatusCode.Conflict);
        await (await Move("active")).ProblemAsync(HttpStatusCode.Conflict);
        await (await Move("paused")).ProblemAsync(HttpStatusCode.BadRequest);

        var failed = await (await Move("error", "Token revoked")).Json(HttpStatusCode.OK);
        failed.Str("errorMessage").Should().Be("Token revoked");
        failed["isActive"]!.GetValue<bool>().Should().BeFalse();

        (await Admin.GetJson($"/api/admin/integrations?status=error&subAccountId={TenantA.SubAccountId}")).AsArray()
            .Select(i => i!.Id()).Should().Contain(id);
        (await Admin.GetJson($"/api/admin/integrations?status=active&subAccountId={TenantA.SubAccountId}")).AsArray()
            .Select(i => i!.Id()).Should().NotContain(id);
        await (await Admin.GetAsync("/api/admin/integrations?status=bogus")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
