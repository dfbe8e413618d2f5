using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Domain.UnitTests;

public sealed class WebhookEventAndSyncRunTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    private static WebhookEvent Received(int? integrationId = 1) =>
        WebhookEvent.Receive("d-1", "gohighlevel", "ContactCreate", "loc", integrationId, 5, "hmac-sha256", "{}", Now);

    [Test]
    public void A_failing_event_is_retried_on_the_schedule_then_becomes_a_dead_letter()
    {
        var webhookEvent = Received();
        var at = Now;
        foreach (var delay in WebhookEvent.RetrySchedule)
        {
            webhookEvent.MarkFailedAttempt("boom", at, TimeSpan.FromMilliseconds(3), TimeSpan.Zero);
            webhookEvent.Status.Should().Be(WebhookEventStatus.RetryScheduled);
            webhookEvent.NextAttemptAt.Should().Be(at + delay);
            webhookEvent.IsDue(at + delay - TimeSpan.FromSeconds(1)).Should().BeFalse();
            at += delay;
            webhookEvent.IsDue(at).Should().BeTrue();
        }

        webhookEvent.MarkFailedAttempt("boom", at, TimeSpan.Zero, TimeSpan.Zero);
        webhookEvent.Status.Should().Be(WebhookEventStatus.Failed, "after the last scheduled retry it is a dead letter");
        webhookEvent.NextAttemptAt.Should().BeNull();
        webhookEvent.AttemptCount.Should().Be(WebhookEvent.RetrySchedule.Length + 1);
        webhookEvent.Attempts.Should().OnlyContain(a => !a.Succeeded);
    }

    [Test]
    public void Outcomes_are_recorded_only_for_an_event_being_processed_and_replay_makes_it_due_again()
    {
        var webhookEvent = Received();
        webhookEvent.MarkProcessed(Now, TimeSpan.FromMilliseconds(2));
        webhookEvent.Invoking(e => e.MarkProcessed(Now, TimeSpan.Zero)).Should().Throw<DomainRuleException>();
        webhookEvent.Invoking(e => e.MarkFailedAttempt("late", Now, TimeSpan.Zero, TimeSpan.Zero)).Should().Throw<DomainRuleException>();

        webhookEvent.Replay(null, null);
        webhookEvent.Status.Should().Be(WebhookEventStatus.Received);
        webhookEvent.MarkUnusable("A contact event needs the contact id (id) as a string.", Now);
        webhookEvent.Status.Should().Be(WebhookEventStatus.Failed);
        webhookEvent.LastError.Should().Contain("(id)");
    }

    [Test]
    public void An_event_without_an_integration_waits_unmatched_until_a_replay_routes_it()
    {
        var webhookEvent = Received(integrationId: null);
        webhookEvent.Status.Should().Be(WebhookEventStatus.Unmatched);
        webhookEvent.IsDue(Now).Should().BeFalse();
        webhookEvent.Replay(3, 9);
        webhookEvent.Status.Should().Be(WebhookEventStatus.Received);
        webhookEvent.SubAccountId.Should().Be(9);
    }

    [TestCase("AppInstall")]
    [TestCase("AppUninstall")]
    [TestCase("LocationCreate")]
    public void An_app_lifecycle_event_without_an_integration_is_due_and_stays_due_when_replayed(string type)
    {
        var webhookEvent = WebhookEvent.Receive("d-app", "gohighlevel", type, null, null, null, "ghl-ed25519", "{}", Now);
        webhookEvent.Status.Should().Be(WebhookEventStatus.Received);
        webhookEvent.IsDue(Now).Should().BeTrue();
        webhookEvent.MarkProcessed(Now, TimeSpan.Zero);
        webhookEvent.Replay(null, null);
        webhookEvent.Status.Should().Be(WebhookEventStatus.Received);
    }

    [Test]
    public void A_sync_run_goes_queued_running_finished_and_refuses_other_moves()
    {
        var run = SyncRun.Queue(1, "manual", Now);
        run.Invoking(r => r.Succeed(Now)).Should().Throw<DomainRuleException>("a queued run has not run");
        run.Invoking(r => r.RecordPage(1, 0, 0, 0)).Should().Throw<DomainRuleException>();

        run.Start(Now);
        run.RecordPage(2, 1, 3, 0);
        run.RecordPage(1, 0, 0, 1);
        run.Succeed(Now.AddSeconds(5));
        (run.Pages, run.Created, run.Updated, run.Unchanged, run.Failed).Should().Be((2, 3, 1, 3, 1));
        run.IsFinished.Should().BeTrue();
        run.Invoking(r => r.Start(Now)).Should().Throw<DomainRuleException>();
        run.Invoking(r => r.Fail("late", Now)).Should().Throw<DomainRuleException>("a finished run stays finished");

        var cutOff = SyncRun.Queue(1, "scheduled", Now);
        cutOff.Fail(new string('x', 3000), Now);
        cutOff.Status.Should().Be(SyncRunStatus.Failed);
        cutOff.Error.Should().HaveLength(Integration.MaxErrorLength);
    }
}
