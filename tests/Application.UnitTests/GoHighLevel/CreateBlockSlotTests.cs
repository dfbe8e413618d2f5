using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Integrations;
using Microsoft.EntityFrameworkCore;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace IntegrationHub.Application.UnitTests.GoHighLevel;

/// <summary>
/// CreateBlockSlot: without a calendar or user the integration's default calendar is used; a 401 from GoHighLevel puts
/// the integration in error (and the caller still gets the refusal).
/// </summary>
public sealed class CreateBlockSlotTests : GoHighLevelTests
{
    private IGoHighLevelGateway _gateway = null!;

    [SetUp]
    public void CreateSubstitutes() => _gateway = Substitute.For<IGoHighLevelGateway>();

    private CreateBlockSlotHandler Handler() => new(Db, Connections(), _gateway, Clock);

    private CreateBlockSlotCommand Block(int integrationId, string? calendarId = null) =>
        new("Lunch", calendarId, null, new DateTimeOffset(Now.AddDays(1)), new DateTimeOffset(Now.AddDays(1).AddHours(1))) { IntegrationId = integrationId };

    [Test]
    public async Task Without_a_calendar_the_configs_default_calendar_is_used()
    {
        var integration = await AddConnected(calendarId: "cal-default");
        _gateway.CreateBlockSlot(Arg.Any<GhlConnection>(), Arg.Any<GhlBlockSlotRequest>(), Arg.Any<CancellationToken>())
            .Returns(new GhlBlockSlot { Id = "slot-1" });

        var slot = await Handler().Handle(Block(integration.Id), CancellationToken.None);

        slot.Id.Should().Be("slot-1");
        await _gateway.Received(1).CreateBlockSlot(Arg.Is<GhlConnection>(c => c.LocationId == "loc-1"),
            Arg.Is<GhlBlockSlotRequest>(r => r.CalendarId == "cal-default" && r.AssignedUserId == null), Arg.Any<CancellationToken>());
    }

    [Test]
    public async Task A_401_from_GoHighLevel_puts_the_integration_in_error_and_is_rethrown()
    {
        var integration = await AddConnected(calendarId: "cal-default");
        _gateway.CreateBlockSlot(Arg.Any<GhlConnection>(), Arg.Any<GhlBlockSlotRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new GhlApiException(GhlFailureKind.Unauthorized, 401, "GoHighLevel refused the token (HTTP 401)."));

        var create = () => Handler().Handle(Block(integration.Id, "cal-2"), CancellationToken.None).AsTask();

        (await create.Should().ThrowAsync<GhlApiException>()).Which.StatusCode.Should().Be(401);
        var saved = await Saved().Integrations.SingleAsync();
        saved.Status.Should().Be(IntegrationStatus.Error);
        saved.ErrorMessage.Should().Be("GoHighLevel refused the token (HTTP 401).");
    }
}
