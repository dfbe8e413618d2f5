namespace IntegrationHub.Application.Common.Auditing;

/// <summary>
/// The audit trail of the current unit of work. While an action is open (a command sent by an admin or a tenant user,
/// a console sign-in), every save writes one audit row per entity it adds, changes or deletes, in the save's own
/// transaction (Infrastructure's <c>AuditInterceptor</c>). Work with no caller (webhook processing, jobs) opens no
/// action and writes no row.
/// </summary>
public interface IAuditTrail
{
    /// <summary>The open action's name, or null.</summary>
    string? Action { get; }

    /// <summary>Opens an action for the caller (<see cref="Interfaces.ICurrentUser"/>) unless one is open; disposing closes it.</summary>
    IDisposable Begin(string action);

    /// <summary>Opens an action for a named actor, e.g. an admin signing in (not yet the caller).</summary>
    IDisposable Begin(string action, AuditActor actor);

    /// <summary>
    /// Replaces the per-entity rows of the open action's next save with this one row, e.g. an erasure names the lead
    /// only, not each message it removed; a bulk action names what it matched.
    /// </summary>
    void Describe(string entityType, string entityId, int? subAccountId, params IReadOnlyList<string> changes);
}

/// <summary>Who an action runs as.</summary>
public sealed record AuditActor(Domain.Audit.AuditActorType Type, int? Id, string? Ip);
