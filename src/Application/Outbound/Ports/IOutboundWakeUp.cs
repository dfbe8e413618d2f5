namespace IntegrationHub.Application.Outbound;

/// <summary>
/// Wakes the outbound dispatcher after a commit that made an operation due (an admin's retry), so it runs within
/// moments instead of at the dispatcher's next look.
/// </summary>
public interface IOutboundWakeUp
{
    void Nudge();
}
