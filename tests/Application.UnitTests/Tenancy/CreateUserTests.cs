using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Tenancy;
using IntegrationHub.Application.UnitTests.Support;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.UnitTests.Tenancy;

/// <summary>CreateUser: only in a sub-account that exists; one user per email across sub-accounts, compared in lower case.</summary>
public sealed class CreateUserTests : DatabaseTests
{
    private IAccessTokens _tokens = null!;

    [SetUp]
    public void IssueTokens() => _tokens = IssuedTokens.Fake();

    [Test]
    public async Task An_email_taken_in_another_sub_account_is_a_conflict()
    {
        var first = await AddSubAccount("First");
        var second = await AddSubAccount("Second");
        await AddUser(first.Id, "ada@x.test");

        var create = () => new CreateUserHandler(Db, _tokens, Clock)
            .Handle(new CreateUserCommand("Ada@X.test", "Ada") { SubAccountId = second.Id }, CancellationToken.None).AsTask();

        await create.Should().ThrowAsync<ConflictException>().WithMessage("A user with that email already exists.");
        (await Saved().Users.CountAsync()).Should().Be(1);
    }

    [Test]
    public async Task A_user_of_a_missing_sub_account_is_not_found()
    {
        var create = () => new CreateUserHandler(Db, _tokens, Clock)
            .Handle(new CreateUserCommand("ada@x.test", "Ada") { SubAccountId = 404 }, CancellationToken.None).AsTask();

        await create.Should().ThrowAsync<NotFoundException>();
        (await Saved().Users.AnyAsync()).Should().BeFalse();
    }
}
