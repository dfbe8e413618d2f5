using IntegrationHub.Application.Common.Exceptions;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.GoHighLevel;

/// <summary>StartContactSync: GoHighLevel integrations only, not while disconnected, and one queued or running sync per integration.</summary>
public sealed class StartContactSyncTests : GoHighLevelTests
{
    private IBackgroundJobs _jobs = null!;

    [SetUp]
    public void CreateSubstitutes() => _jobs = Substitute.For<IBackgroundJobs>();

    private StartContactSyncHandler Handler() => new(Db, Connections(), _jobs, Substitute.For<IUniqueViolations>(), Clock);

    [Test]
    public async Task A_second_sync_while_one_is_queued_is_a_conflict_and_nothing_is_handed_off()
    {
        var integration = await AddConnected();
        await Add(SyncRun.Queue(integration.Id, "manual", Now));

        var start = () => Handler().Handle(new StartContactSyncCommand(integration.Id), CancellationToken.None).AsTask();

        await start.Should().ThrowAsync<ConflictException>().WithMessage("A contact sync of this integration is already queued or running.");
        (await Saved().SyncRuns.CountAsync()).Should().Be(1);
        _jobs.DidNotReceiveWithAnyArgs().EnqueueContactSync(default);
    }

    [Test]
    public async Task A_sync_after_the_last_one_finished_is_queued_and_handed_off()
    {
        var integration = await AddConnected();
        var finished = SyncRun.Queue(integration.Id, "manual", Now.AddHours(-1));
        finished.Start(Now.AddHours(-1));
        finished.Fail("gone", Now.AddMinutes(-50));
        await Add(finished);

        var started = await Handler().Handle(new StartContactSyncCommand(integration.Id), CancellationToken.None);

        var run = await Saved().SyncRuns.SingleAsync(r => r.Id == started.SyncRunId);
        run.Status.Should().Be(SyncRunStatus.Queued);
        run.Trigger.Should().Be("manual");
        _jobs.Received(1).EnqueueContactSync(started.SyncRunId);
    }

    [Test]
    public async Task A_disconnected_integration_is_a_conflict()
    {
        var integration = await AddConnected(IntegrationStatus.Disconnected);

        var start = () => Handler().Handle(new StartContactSyncCommand(integration.Id), CancellationToken.None).AsTask();

        await start.Should().ThrowAsync<ConflictException>().WithMessage("The integration is disconnected*");
        (await Saved().SyncRuns.AnyAsync()).Should().BeFalse();
    }

    [Test]
    public async Task An_integration_of_another_kind_is_a_conflict()
    {
        var subAccount = await AddSubAccount();
        var integration = await AddIntegration(subAccount.Id, (await AddTemplate(kind: IntegrationKind.Generic)).Id, status: IntegrationStatus.Active);

        var start = () => Handler().Handle(new StartContactSyncCommand(integration.Id), CancellationToken.None).AsTask();

        await start.Should().ThrowAsync<ConflictException>().WithMessage("Contact sync is only available for GoHighLevel integrations.");
        (await Saved().SyncRuns.AnyAsync()).Should().BeFalse();
    }
}
