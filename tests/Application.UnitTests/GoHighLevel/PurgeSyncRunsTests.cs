using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Application.UnitTests.GoHighLevel;

/// <summary>
/// PurgeSyncRuns: only runs that finished (succeeded or failed) before the cutoff are asked to be deleted; runs finished
/// since stay, and queued or running ones stay however old, since they hold their integration's turn.
/// </summary>
public sealed class PurgeSyncRunsTests : DatabaseTests
{
    private async Task<SyncRun> AddRun(int integrationId, DateTime queuedAt, Action<SyncRun>? progress = null)
    {
        var run = SyncRun.Queue(integrationId, "manual", queuedAt);
        progress?.Invoke(run);
        return await Add(run);
    }

    [Test]
    public async Task Only_runs_finished_before_the_cutoff_are_deleted()
    {
        var subAccount = await AddSubAccount();
        var template = await AddTemplate();
        var integrationId = (await AddIntegration(subAccount.Id, template.Id)).Id;
        var cutoff = Now.AddDays(-30);
        var old = cutoff.AddHours(-1);
        var succeeded = await AddRun(integrationId, old, r => { r.Start(old); r.Succeed(old.AddMinutes(1)); });
        var failed = await AddRun(integrationId, old, r => { r.Start(old); r.Fail("gone", old.AddMinutes(1)); });
        await AddRun(integrationId, old, r => { r.Start(old); r.Succeed(cutoff.AddMinutes(1)); });
        await AddRun(integrationId, Now.AddHours(-1), r => { r.Start(Now.AddHours(-1)); r.Fail("gone", Now); });
        // One queued or running run per integration: the unfinished ones belong to two others.
        await AddRun((await AddIntegration(subAccount.Id, template.Id)).Id, old, r => r.Start(old));
        await AddRun((await AddIntegration(subAccount.Id, template.Id)).Id, old);

        var deletes = new AskedDeletes();
        var purged = await new PurgeSyncRunsHandler(Db, deletes).Handle(new PurgeSyncRunsCommand(cutoff), CancellationToken.None);

        deletes.Asked.Should().BeEquivalentTo([succeeded.Id, failed.Id]);
        deletes.Selected.Should().BeEquivalentTo(deletes.Asked, "the rows deleted are the ones asked for");
        purged.Should().Be(2);
    }
}
