using IntegrationHub.Application.Tenancy;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Tenancy;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Tenancy;

/// <summary>DeleteUser: publishes <see cref="UserDeleting"/> with the user's own strategies, before the save, then removes the user.</summary>
public sealed class DeleteUserTests : DatabaseTests
{
    private IPublisher _publisher = null!;

    [SetUp]
    public void CreateSubstitutes()
    {
        _publisher = Substitute.For<IPublisher>();
    }

    [Test]
    public async Task UserDeleting_names_the_user_and_only_its_strategies_and_is_published_before_the_user_goes()
    {
        var subAccount = await AddSubAccount();
        var leaving = await AddUser(subAccount.Id, "leaving@x.test");
        var staying = await AddUser(subAccount.Id, "staying@x.test");
        var first = await Add(Strategy.Create(leaving.Id, "First", Now));
        var second = await Add(Strategy.Create(leaving.Id, "Second", Now));
        await Add(Strategy.Create(staying.Id, "Not theirs", Now));
        UserDeleting? published = null;
        var storedWhenPublished = false;
        _publisher.When(p => p.Publish(Arg.Any<UserDeleting>(), Arg.Any<CancellationToken>())).Do(call =>
        {
            published = call.Arg<UserDeleting>();
            storedWhenPublished = Saved().Users.Any(u => u.Id == leaving.Id);
        });

        await new DeleteUserHandler(Db, _publisher).Handle(new DeleteUserCommand(leaving.Id), CancellationToken.None);

        published.Should().NotBeNull();
        published!.UserId.Should().Be(leaving.Id);
        published.StrategyIds.Should().BeEquivalentTo([first.Id, second.Id]);
        storedWhenPublished.Should().BeTrue("Leads unassigns the user's leads before the user row goes");
        (await Saved().Users.Select(u => u.Id).ToListAsync()).Should().Equal(staying.Id);
    }
}
