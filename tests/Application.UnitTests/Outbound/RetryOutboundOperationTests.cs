using IntegrationHub.Application.Outbound;
using IntegrationHub.Application.UnitTests.Support;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Outbound;
using Microsoft.EntityFrameworkCore;
using NSubstitute;

namespace IntegrationHub.Application.UnitTests.Outbound;

/// <summary>RetryOutboundOperation: only a failed or conflict operation runs again, and the dispatcher is woken for it.</summary>
public sealed class RetryOutboundOperationTests : DatabaseTests
{
    private IOutboundWakeUp _dispatcher = null!;

    [SetUp]
    public void CreateSubstitutes() => _dispatcher = Substitute.For<IOutboundWakeUp>();

    [Test]
    public async Task A_failed_operation_is_pending_again_and_the_dispatcher_is_nudged()
    {
        var failed = OutboundOperation.Create(OutboundKind.ContactCreate, null, null, canRunNow: true, Now.AddHours(-1));
        failed.Start();
        failed.Fail(Now.AddHours(-1), OutboundCall.None, "refused");
        await Add(failed);

        var retried = await new RetryOutboundOperationHandler(Db, Clock, _dispatcher)
            .Handle(new RetryOutboundOperationCommand(failed.Id), CancellationToken.None);

        retried.Status.Should().Be("pending");
        var stored = await Saved().OutboundOperations.SingleAsync();
        stored.Status.Should().Be(OutboundStatus.Pending);
        stored.NextAttemptAt.Should().Be(Now);
        stored.CompletedAt.Should().BeNull();
        _dispatcher.Received(1).Nudge();
    }

    [Test]
    public async Task A_pending_operation_is_refused_unchanged_and_nobody_is_woken()
    {
        var pending = await Add(OutboundOperation.Create(OutboundKind.ContactCreate, null, null, canRunNow: true, Now));

        var retry = () => new RetryOutboundOperationHandler(Db, Clock, _dispatcher)
            .Handle(new RetryOutboundOperationCommand(pending.Id), CancellationToken.None).AsTask();

        await retry.Should().ThrowAsync<DomainRuleException>().WithMessage("Only a failed or conflict operation can be retried*");
        (await Saved().OutboundOperations.SingleAsync()).Status.Should().Be(OutboundStatus.Pending);
        _dispatcher.DidNotReceive().Nudge();
    }
}
