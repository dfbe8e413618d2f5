using System.Net;
using IntegrationHub.Web.FunctionalTests.Support;

namespace IntegrationHub.Web.FunctionalTests.Tenancy;

/// <summary>
/// A user created in a sub-account (CreateUser): its token shown once, a duplicate email a 409.
/// </summary>
[TestFixture]
public sealed class CreateUserTests : HubFixture
{
    [Test]
    public async Task A_user_is_created_with_a_token_shown_once_and_a_duplicate_email_is_a_409()
    {
        var subAccount = await (await Admin.PostJson("/api/admin/sub-accounts", new { name = "Users Inc" })).Json(HttpStatusCode.Created);
        var user = await (await Admin.PostJson($"/api/admin/sub-accounts/{subAccount.Id()}/users", new { email = "Bob@Users.test", name = "Bob" }))
            .Json(HttpStatusCode.Created);
        user.Str("email").Should().Be("bob@users.test");
        user["subAccountId"]!.GetValue<int>().Should().Be(subAccount.Id());
        user.Str("token").Should().StartWith("ih_");

        await (await Admin.PostJson($"/api/admin/sub-accounts/{subAccount.Id()}/users", new { email = "bob@users.test", name = "Bob 2" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        await (await Admin.PostJson($"/api/admin/sub-accounts/{subAccount.Id()}/users", new { email = "nope", name = "Bob 3" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
    }
}
