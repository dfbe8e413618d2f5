using IntegrationHub.Application.Access;
using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Access;

/// <summary>DeleteAdmin: never the last admin; the others forget the deleted one through <see cref="AdminDeleting"/>, before the save.</summary>
public sealed class DeleteAdminTests : DatabaseTests
{
    private IPublisher _publisher = null!;

    private Task<AdminUser> AddAdmin(string email) => Add(AdminUser.Create(email, "Admin", Guid.NewGuid().ToString("N"), Now));

    [SetUp]
    public void CreateSubstitutes()
    {
        _publisher = Substitute.For<IPublisher>();
    }

    [Test]
    public async Task The_last_admin_is_refused_and_kept()
    {
        var only = await AddAdmin("only@x.test");

        var delete = () => new DeleteAdminHandler(Db, _publisher).Handle(new DeleteAdminCommand(only.Id), CancellationToken.None).AsTask();

        await delete.Should().ThrowAsync<ConflictException>().WithMessage("This is the last admin*");
        (await Saved().AdminUsers.CountAsync()).Should().Be(1);
        await _publisher.DidNotReceiveWithAnyArgs().Publish(default(AdminDeleting)!, default);
    }

    [Test]
    public async Task An_admin_with_another_left_is_deleted_after_AdminDeleting_is_published()
    {
        var leaving = await AddAdmin("leaving@x.test");
        var staying = await AddAdmin("staying@x.test");
        var storedWhenPublished = false;
        _publisher.When(p => p.Publish(Arg.Any<AdminDeleting>(), Arg.Any<CancellationToken>()))
            .Do(_ => storedWhenPublished = Saved().AdminUsers.Any(a => a.Id == leaving.Id));

        await new DeleteAdminHandler(Db, _publisher).Handle(new DeleteAdminCommand(leaving.Id), CancellationToken.None);

        await _publisher.Received(1).Publish(new AdminDeleting(leaving.Id), Arg.Any<CancellationToken>());
        storedWhenPublished.Should().BeTrue("the modules that remember the creator forget it before the admin row goes");
        (await Saved().AdminUsers.Select(a => a.Id).ToListAsync()).Should().Equal(staying.Id);
    }
}
