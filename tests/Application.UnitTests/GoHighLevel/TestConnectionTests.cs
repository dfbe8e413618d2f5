using System.Diagnostics.Metrics;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Integrations;
using Microsoft.EntityFrameworkCore;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace IntegrationHub.Application.UnitTests.GoHighLevel;

/// <summary>
/// TestConnection: a disconnected integration stays disconnected and no check is recorded; otherwise the check counts,
/// a success making the integration active and a failure putting it in error with the first backoff step.
/// </summary>
public sealed class TestConnectionTests : GoHighLevelTests
{
    private static readonly HealthPolicy Policy = new(TimeSpan.FromMinutes(15), AlertAfterFailures: 3);

    private IGoHighLevelGateway _gateway = null!;

    [SetUp]
    public void CreateSubstitutes()
    {
        _gateway = Substitute.For<IGoHighLevelGateway>();
        _gateway.InteractiveDeadline.Returns(TimeSpan.FromSeconds(30));
    }

    private TestConnectionHandler Handler() => new(Db, Connections(), _gateway, Policy, new IntegrationMetrics(new UnrecordedMeters()), Clock);

    private void LocationAnswers() =>
        _gateway.GetLocation(Arg.Any<GhlConnection>(), Arg.Any<CancellationToken>()).Returns(new GhlLocation { Id = "loc-1", Name = "Main St" });

    [Test]
    public async Task A_disconnected_integration_stays_disconnected_even_when_the_test_succeeds()
    {
        var integration = await AddConnected(IntegrationStatus.Disconnected);
        LocationAnswers();

        var result = await Handler().Handle(new TestConnectionCommand(integration.Id), CancellationToken.None);

        var saved = await Saved().Integrations.SingleAsync();
        saved.Status.Should().Be(IntegrationStatus.Disconnected);
        saved.LastCheckedAt.Should().BeNull("a test of a disconnected integration is not a health check");
        result.Success.Should().BeTrue();
        result.Message.Should().EndWith("(The integration stays disconnected.)");
    }

    [Test]
    public async Task A_success_activates_the_integration_and_schedules_the_next_check_at_the_interval()
    {
        var integration = await AddConnected(IntegrationStatus.Pending);
        LocationAnswers();

        var result = await Handler().Handle(new TestConnectionCommand(integration.Id), CancellationToken.None);

        result.Success.Should().BeTrue();
        result.Data!.LocationName.Should().Be("Main St");
        var saved = await Saved().Integrations.SingleAsync();
        saved.Status.Should().Be(IntegrationStatus.Active);
        saved.LastCheckedAt.Should().Be(Now);
        saved.LastSyncAt.Should().Be(Now);
        saved.ConsecutiveFailures.Should().Be(0);
        saved.NextCheckAt.Should().Be(Now + Policy.Interval);
    }

    [Test]
    public async Task A_failure_puts_the_integration_in_error_and_backs_off_a_minute()
    {
        var integration = await AddConnected(IntegrationStatus.Active);
        _gateway.GetLocation(Arg.Any<GhlConnection>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new GhlApiException(GhlFailureKind.Unauthorized, 401, "GoHighLevel refused the token (HTTP 401)."));

        var result = await Handler().Handle(new TestConnectionCommand(integration.Id), CancellationToken.None);

        result.Should().Be(new ConnectionTestResult(false, "GoHighLevel refused the token (HTTP 401)."));
        var saved = await Saved().Integrations.SingleAsync();
        saved.Status.Should().Be(IntegrationStatus.Error);
        saved.ErrorMessage.Should().Be("GoHighLevel refused the token (HTTP 401).");
        saved.LastCheckedAt.Should().Be(Now);
        saved.ConsecutiveFailures.Should().Be(1);
        saved.NextCheckAt.Should().BeCloseTo(Now.AddMinutes(1), TimeSpan.FromSeconds(6), "the first backoff step is a minute, spread by up to 10%");
    }

    /// <summary>Meters nobody listens to: the handler counts its checks, these tests do not read the counts.</summary>
    private sealed class UnrecordedMeters : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
