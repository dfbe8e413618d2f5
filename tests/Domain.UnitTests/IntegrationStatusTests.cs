using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;

namespace IntegrationHub.Domain.UnitTests;

public sealed class IntegrationStatusTests
{
    private static readonly DateTime Now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static readonly (IntegrationStatus From, IntegrationStatus To)[] Allowed =
    [
        (IntegrationStatus.Pending, IntegrationStatus.Active),
        (IntegrationStatus.Pending, IntegrationStatus.Error),
        (IntegrationStatus.Active, IntegrationStatus.Error),
        (IntegrationStatus.Active, IntegrationStatus.Disconnected),
        (IntegrationStatus.Error, IntegrationStatus.Active),
        (IntegrationStatus.Disconnected, IntegrationStatus.Active),
        (IntegrationStatus.Pending, IntegrationStatus.Disconnected),
        (IntegrationStatus.Error, IntegrationStatus.Disconnected),
        (IntegrationStatus.Error, IntegrationStatus.Error),
    ];

    private static IEnumerable<TestCaseData> EveryPair() =>
        from source in Enum.GetValues<IntegrationStatus>()
        from target in Enum.GetValues<IntegrationStatus>()
        select new TestCaseData(source, target).SetName($"{source} -> {target}");

    /// <summary>Builds an integration in the given state by the legal path to it.</summary>
    internal static Integration InState(IntegrationStatus status)
    {
        var integration = Integration.Create(1, 1, "scope", "GHL", null, "{}", "loc", null, Now);
        switch (status)
        {
            case IntegrationStatus.Active:
                integration.RecordSuccess(Now);
                break;
            case IntegrationStatus.Error:
                integration.RecordFailure("boom", Now);
                break;
            case IntegrationStatus.Disconnected:
                integration.Disconnect(Now);
                break;
        }

        integration.ClearDomainEvents();
        integration.Status.Should().Be(status);
        return integration;
    }

    [TestCaseSource(nameof(EveryPair))]
    public void Every_pair_of_states_is_either_allowed_or_refused(IntegrationStatus from, IntegrationStatus to)
    {
        var integration = InState(from);
        var change = () => integration.ChangeStatus(to, "manual", Now.AddMinutes(1));

        if (Allowed.Contains((from, to)))
        {
            change.Should().NotThrow();
            integration.Status.Should().Be(to);
            integration.IsActive.Should().Be(to == IntegrationStatus.Active);
            IntegrationStatusRules.CanMove(from, to).Should().BeTrue();
        }
        else
        {
            change.Should().Throw<DomainRuleException>();
            integration.Status.Should().Be(from, "a refused move changes nothing");
            integration.DomainEvents.Should().BeEmpty();
        }
    }

    [Test]
    public void Success_sets_last_sync_and_clears_the_error()
    {
        var integration = InState(IntegrationStatus.Error);
        integration.ErrorMessage.Should().Be("boom");

        integration.RecordSuccess(Now.AddHours(1));

        integration.Status.Should().Be(IntegrationStatus.Active);
        integration.LastSyncAt.Should().Be(Now.AddHours(1));
        integration.ErrorMessage.Should().BeNull();
        integration.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<IntegrationRecovered>();
    }

    [Test]
    public void Failure_keeps_last_sync_and_records_the_message()
    {
        var integration = InState(IntegrationStatus.Active);
        var lastSync = integration.LastSyncAt;

        integration.RecordFailure("401 from GoHighLevel", Now.AddHours(2));

        integration.Status.Should().Be(IntegrationStatus.Error);
        integration.LastSyncAt.Should().Be(lastSync);
        integration.ErrorMessage.Should().Be("401 from GoHighLevel");
        integration.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<IntegrationFailed>();
    }

    [Test]
    public void A_failure_while_in_error_stays_in_error_with_the_new_message()
    {
        var integration = InState(IntegrationStatus.Error);
        integration.RecordFailure("second failure", Now.AddHours(1));
        integration.Status.Should().Be(IntegrationStatus.Error);
        integration.ErrorMessage.Should().Be("second failure");
    }

    [Test]
    public void First_activation_raises_activated_and_disconnect_raises_disconnected()
    {
        var integration = InState(IntegrationStatus.Pending);
        integration.RecordSuccess(Now);
        integration.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<IntegrationActivated>();
        integration.ClearDomainEvents();

        integration.Disconnect(Now);
        integration.DomainEvents.Should().ContainSingle().Which.Should().BeOfType<IntegrationDisconnected>();
        integration.IsActive.Should().BeFalse();
    }

    [TestCase(IntegrationStatus.Active)]
    [TestCase(IntegrationStatus.Error)]
    [TestCase(IntegrationStatus.Pending)]
    public void Disconnect_with_a_reason_keeps_the_reason_as_the_message(IntegrationStatus from)
    {
        var integration = InState(from);
        integration.Disconnect(Now, "Uninstalled in GoHighLevel.");
        integration.Status.Should().Be(IntegrationStatus.Disconnected);
        integration.ErrorMessage.Should().Be("Uninstalled in GoHighLevel.");
    }

    [Test]
    public void Disconnect_without_a_reason_clears_the_message_and_a_second_disconnect_is_refused()
    {
        var integration = InState(IntegrationStatus.Error);
        integration.Disconnect(Now);
        integration.ErrorMessage.Should().BeNull();
        integration.Invoking(i => i.Disconnect(Now, "again")).Should().Throw<IntegrationHub.Domain.Common.DomainRuleException>();
        integration.ErrorMessage.Should().BeNull();
    }

    [TestCase("active", IntegrationStatus.Active)]
    [TestCase("Disconnected", IntegrationStatus.Disconnected)]
    public void Status_names_parse(string text, IntegrationStatus expected)
    {
        IntegrationStatusRules.TryParse(text, out var status).Should().BeTrue();
        status.Should().Be(expected);
    }

    [TestCase("1")]
    [TestCase("paused")]
    [TestCase(null)]
    public void Unknown_status_names_do_not_parse(string? text) =>
        IntegrationStatusRules.TryParse(text, out _).Should().BeFalse();
}
