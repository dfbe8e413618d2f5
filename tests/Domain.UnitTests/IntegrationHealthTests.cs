using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Domain.UnitTests;

public sealed class IntegrationHealthTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);
    private static readonly HealthPolicy Policy = new(TimeSpan.FromMinutes(15), AlertAfterFailures: 3);

    private static Integration Active()
    {
        var integration = Integration.Create(1, 1, "scope", "GHL", null, "{}", "loc", null, Now);
        integration.ChangeStatus(IntegrationStatus.Active, null, Now);
        integration.ClearDomainEvents();
        return integration;
    }

    [TestCase(1, 1.0)]
    [TestCase(2, 2.0)]
    [TestCase(3, 4.0)]
    [TestCase(4, 8.0)]
    [TestCase(9, 256.0)]
    [TestCase(10, 360.0)]
    [TestCase(40, 360.0)]
    public void Backoff_doubles_from_a_minute_up_to_six_hours_spread_by_at_most_ten_percent(int failures, double minutes)
    {
        HealthPolicy.Backoff(failures, 0.5).TotalMinutes.Should().BeApproximately(minutes, 0.001);
        HealthPolicy.Backoff(failures, 0.0).TotalMinutes.Should().BeApproximately(minutes * 0.9, 0.001);
        HealthPolicy.Backoff(failures, 0.999999).TotalMinutes.Should().BeLessThanOrEqualTo(Math.Min(minutes * 1.1, 360) + 0.001);
        HealthPolicy.Backoff(failures, 0.999999).Should().BeLessThanOrEqualTo(HealthPolicy.MaxBackoff);
    }

    [Test]
    public void Failures_move_to_error_schedule_the_backoff_and_alert_once_at_the_threshold()
    {
        var integration = Active();
        for (var failure = 1; failure <= 5; failure++)
        {
            var at = Now.AddMinutes(failure);
            integration.RecordCheck(false, "HTTP 500", Policy, 0.5, at);
            integration.Status.Should().Be(IntegrationStatus.Error);
            integration.ConsecutiveFailures.Should().Be(failure);
            integration.NextCheckAt.Should().Be(at + HealthPolicy.Backoff(failure, 0.5));
        }

        integration.DomainEvents.OfType<IntegrationHealthFailing>().Should().ContainSingle().Which.ConsecutiveFailures.Should().Be(3);
        integration.DomainEvents.OfType<IntegrationFailed>().Should().NotBeEmpty();
    }

    [Test]
    public void The_first_success_after_an_alert_recovers_once_and_resets_the_count()
    {
        var integration = Active();
        for (var failure = 0; failure < 3; failure++)
        {
            integration.RecordCheck(false, "HTTP 500", Policy, 0.5, Now);
        }

        integration.ClearDomainEvents();
        integration.RecordCheck(true, null, Policy, 0.5, Now.AddMinutes(10));
        integration.RecordCheck(true, null, Policy, 0.5, Now.AddMinutes(30));

        integration.Status.Should().Be(IntegrationStatus.Active);
        integration.ConsecutiveFailures.Should().Be(0);
        integration.LastSyncAt.Should().Be(Now.AddMinutes(30));
        integration.NextCheckAt.Should().Be(Now.AddMinutes(45));
        integration.DomainEvents.OfType<IntegrationHealthRestored>().Should().ContainSingle().Which.FailuresBefore.Should().Be(3);
        integration.DomainEvents.OfType<IntegrationRecovered>().Should().ContainSingle();
    }

    [Test]
    public void Failures_below_the_threshold_then_a_success_raise_no_alert()
    {
        var integration = Active();
        integration.RecordCheck(false, "HTTP 500", Policy, 0.5, Now);
        integration.RecordCheck(false, "HTTP 500", Policy, 0.5, Now);
        integration.RecordCheck(true, null, Policy, 0.5, Now);
        integration.DomainEvents.OfType<IntegrationHealthFailing>().Should().BeEmpty();
        integration.DomainEvents.OfType<IntegrationHealthRestored>().Should().BeEmpty();
    }
}
