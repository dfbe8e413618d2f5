using IntegrationHub.Application.Common.Auditing;

namespace IntegrationHub.Application.Common.Behaviors;

/// <summary>
/// Opens an audit action named after the command (<c>CreateIntegrationCommand</c> → <c>CreateIntegration</c>) for the
/// time its handler runs, so each save it makes writes its audit rows. Queries change nothing and are not audited.
/// </summary>
public sealed class AuditBehavior<TMessage, TResponse>(IAuditTrail audit) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string? ActionName = typeof(IBaseCommand).IsAssignableFrom(typeof(TMessage))
        ? AuditActions.Of(typeof(TMessage))
        : null;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (ActionName is null)
        {
            return await next(message, cancellationToken);
        }

        using (audit.Begin(ActionName))
        {
            return await next(message, cancellationToken);
        }
    }
}

public static class AuditActions
{
    /// <summary>The action a command type is audited as: its name without the <c>Command</c> suffix.</summary>
    public static string Of(Type command) =>
        command.Name.EndsWith("Command", StringComparison.Ordinal) ? command.Name[..^"Command".Length] : command.Name;
}
