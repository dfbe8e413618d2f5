using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Integrations;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.GoHighLevel;

/// <summary>
/// ReconcileContactSyncs: a run still queued long after a hand-off would have started it (a crash between queue and
/// hand-off) is handed to the job runner again; recent queued runs and running ones are left alone.
/// </summary>
public sealed class ReconcileContactSyncsTests : DatabaseTests
{
    private IBackgroundJobs _jobs = null!;

    [SetUp]
    public void CreateSubstitutes() => _jobs = Substitute.For<IBackgroundJobs>();

    [Test]
    public async Task Only_runs_queued_longer_than_the_hand_off_window_are_handed_off_again()
    {
        var subAccount = await AddSubAccount();
        var template = await AddTemplate();
        var old = ReconcileContactSyncsHandler.OrphanedAfter + TimeSpan.FromMinutes(1);
        var orphaned = await Add(SyncRun.Queue((await AddIntegration(subAccount.Id, template.Id)).Id, "manual", Now - old));
        await Add(SyncRun.Queue((await AddIntegration(subAccount.Id, template.Id)).Id, "manual", Now.AddMinutes(-1)));
        var running = SyncRun.Queue((await AddIntegration(subAccount.Id, template.Id)).Id, "manual", Now - old);
        running.Start(Now - old);
        await Add(running);

        await new ReconcileContactSyncsHandler(Db, Substitute.For<IContactSyncRecurrences>(), _jobs, Clock,
            NullLogger<ReconcileContactSyncsHandler>.Instance).Handle(new ReconcileContactSyncsCommand(), CancellationToken.None);

        _jobs.Received(1).EnqueueContactSync(orphaned.Id);
        _jobs.ReceivedWithAnyArgs(1).EnqueueContactSync(default);
    }
}
