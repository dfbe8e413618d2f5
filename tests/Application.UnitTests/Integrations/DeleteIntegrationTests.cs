using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Integrations;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.UnitTests.Integrations;

/// <summary>
/// DeleteIntegration: the integration raises <see cref="IntegrationDeleted"/> (so modules that keep something for it, such
/// as its recurring contact sync, let go) and its row is removed. Publishing the event is the save interceptor's work,
/// which this database leaves out: the test sees the event on the aggregate, not its handlers running.
/// </summary>
public sealed class DeleteIntegrationTests : DatabaseTests
{
    [Test]
    public async Task The_integration_raises_IntegrationDeleted_and_only_its_row_is_removed()
    {
        var subAccount = await AddSubAccount();
        var template = await AddTemplate();
        var leaving = await AddIntegration(subAccount.Id, template.Id);
        var staying = await AddIntegration(subAccount.Id, template.Id);
        // Tracked by the handler's context, so the handler works on this instance and its events can be read after the save.
        var tracked = await Db.Integrations.SingleAsync(i => i.Id == leaving.Id);

        await new DeleteIntegrationHandler(Db).Handle(new DeleteIntegrationCommand(leaving.Id), CancellationToken.None);

        tracked.DomainEvents.Should().ContainSingle().Which.Should().Be(new IntegrationDeleted(leaving.Id));
        (await Saved().Integrations.Select(i => i.Id).ToListAsync()).Should().Equal(staying.Id);
    }

    [Test]
    public async Task An_unknown_integration_is_not_found()
    {
        var delete = () => new DeleteIntegrationHandler(Db).Handle(new DeleteIntegrationCommand(42), CancellationToken.None).AsTask();

        await delete.Should().ThrowAsync<NotFoundException>();
    }
}
