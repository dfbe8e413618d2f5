using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using MapsterMapper;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.UnitTests.Integrations;

/// <summary>ChangeIntegrationStatus: an allowed move is saved; a forbidden one is refused and leaves the status as it was.</summary>
public sealed class ChangeIntegrationStatusTests : DatabaseTests
{
    private ChangeIntegrationStatusHandler Handler() => new(Db, new Mapper(MappingConfig.Create()), Clock);

    [Test]
    public async Task An_allowed_move_is_saved()
    {
        var subAccount = await AddSubAccount();
        var template = await AddTemplate();
        var integration = await AddIntegration(subAccount.Id, template.Id);

        var changed = await Handler().Handle(new ChangeIntegrationStatusCommand("active", null) { Id = integration.Id }, CancellationToken.None);

        changed.Status.Should().Be("active");
        (await Saved().Integrations.SingleAsync()).Status.Should().Be(IntegrationStatus.Active);
    }

    [Test]
    public async Task A_forbidden_move_is_refused_and_the_status_stays()
    {
        var subAccount = await AddSubAccount();
        var template = await AddTemplate();
        var integration = await AddIntegration(subAccount.Id, template.Id, status: IntegrationStatus.Disconnected);

        var change = () => Handler().Handle(new ChangeIntegrationStatusCommand("error", "boom") { Id = integration.Id }, CancellationToken.None).AsTask();

        await change.Should().ThrowAsync<DomainRuleException>();
        (await Saved().Integrations.SingleAsync()).Status.Should().Be(IntegrationStatus.Disconnected);
    }
}
