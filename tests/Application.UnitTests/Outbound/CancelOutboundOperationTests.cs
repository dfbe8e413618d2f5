using IntegrationHub.Application.Outbound;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Outbound;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Application.UnitTests.Outbound;

/// <summary>CancelOutboundOperation: an operation that has not run to its end is cancelled with the admin's reason; a running or finished one is refused.</summary>
public sealed class CancelOutboundOperationTests : DatabaseTests
{
    [Test]
    public async Task A_waiting_operation_is_cancelled_with_the_reason()
    {
        var waiting = await Add(OutboundOperation.Create(OutboundKind.ContactCreate, null, null, canRunNow: false, Now));

        await new CancelOutboundOperationHandler(Db, Clock).Handle(new CancelOutboundOperationCommand(waiting.Id), CancellationToken.None);

        var stored = await Saved().OutboundOperations.SingleAsync();
        stored.Status.Should().Be(OutboundStatus.Cancelled);
        stored.LastError.Should().Be(CancelOutboundOperationHandler.Reason);
        stored.NextAttemptAt.Should().BeNull();
        stored.CompletedAt.Should().Be(Now);
    }

    [Test]
    public async Task A_running_operation_is_refused_and_keeps_running()
    {
        var running = OutboundOperation.Create(OutboundKind.ContactCreate, null, null, canRunNow: true, Now);
        running.Start();
        await Add(running);

        var cancel = () => new CancelOutboundOperationHandler(Db, Clock).Handle(new CancelOutboundOperationCommand(running.Id), CancellationToken.None).AsTask();

        await cancel.Should().ThrowAsync<DomainRuleException>().WithMessage("A running operation cannot be cancelled.");
        (await Saved().OutboundOperations.SingleAsync()).Status.Should().Be(OutboundStatus.Running);
    }
}
