using IntegrationHub.Application.Common.Auditing;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Domain.Audit;

namespace IntegrationHub.Infrastructure.Audit;

/// <summary>
/// The open audit action of one scope (one request, one console call), read by <see cref="AuditInterceptor"/> at each
/// save. Nested commands (a command sending another) stay inside the outer action.
/// </summary>
public sealed class AuditTrail(ICurrentUser caller) : IAuditTrail
{
    private static readonly IDisposable Nothing = new Closing(null);

    public string? Action { get; private set; }

    public AuditActor? Actor { get; private set; }

    /// <summary>The one row that stands for the next save's changes, if the action asked for one.</summary>
    public DescribedChange? Described { get; private set; }

    public IDisposable Begin(string action)
    {
        var actor = caller.IsAdmin ? new AuditActor(AuditActorType.Admin, caller.AdminId, caller.Address)
            : caller.UserId is { } userId ? new AuditActor(AuditActorType.User, userId, caller.Address)
            : null;
        return actor is null ? Nothing : Begin(action, actor);
    }

    public IDisposable Begin(string action, AuditActor actor)
    {
        if (Action is not null)
        {
            return Nothing;
        }

        Action = action;
        Actor = actor;
        return new Closing(this);
    }

    public void Describe(string entityType, string entityId, int? subAccountId, params IReadOnlyList<string> changes) =>
        Described = Action is null ? null : new DescribedChange(entityType, entityId, subAccountId, changes);

    /// <summary>Hands the described row to one save and forgets it.</summary>
    public DescribedChange? TakeDescribed()
    {
        var described = Described;
        Described = null;
        return described;
    }

    private void Close()
    {
        Action = null;
        Actor = null;
        Described = null;
    }

    private sealed class Closing(AuditTrail? trail) : IDisposable
    {
        public void Dispose() => trail?.Close();
    }
}

public sealed record DescribedChange(string EntityType, string EntityId, int? SubAccountId, IReadOnlyList<string> Changes);
