using IntegrationHub.Application.Access;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Access;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.UnitTests.Access;

/// <summary>CreateAdmin: one admin per email, compared trimmed and in lower case; only the token's hash is stored.</summary>
public sealed class CreateAdminTests : DatabaseTests
{
    private IAccessTokens _tokens = null!;

    [SetUp]
    public void IssueTokens() => _tokens = IssuedTokens.Fake();

    [Test]
    public async Task An_email_already_taken_in_another_case_is_a_conflict()
    {
        await Add(AdminUser.Create("ada@x.test", "Ada", "hash-0", Now));

        var create = () => new CreateAdminHandler(Db, _tokens, Clock)
            .Handle(new CreateAdminCommand("  ADA@X.test ", "Ada again"), CancellationToken.None).AsTask();

        await create.Should().ThrowAsync<ConflictException>().WithMessage("An admin with that email already exists.");
        (await Saved().AdminUsers.CountAsync()).Should().Be(1);
    }

    [Test]
    public async Task A_new_admin_is_stored_with_its_email_in_lower_case_and_the_token_hash()
    {
        var created = await new CreateAdminHandler(Db, _tokens, Clock)
            .Handle(new CreateAdminCommand(" Grace@X.test", "Grace"), CancellationToken.None);

        created.Token.Should().Be(IssuedTokens.Token);
        var stored = await Saved().AdminUsers.SingleAsync();
        stored.Email.Should().Be("grace@x.test");
        stored.TokenHash.Should().Be(IssuedTokens.Hash);
    }
}
