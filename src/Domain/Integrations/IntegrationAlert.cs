using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Integrations;

public enum AlertKind
{
    Failing,
    Recovered,
    /// <summary>The hub and GoHighLevel changed the same field of a lead (alert webhook type <c>lead.conflict</c>).</summary>
    Conflict,
}

/// <summary>An integration started failing its checks, or recovered: stored, logged, and delivered to the alert webhook.</summary>
public sealed class IntegrationAlert : Entity
{
    public const int MaxMessageLength = 2000;

    private IntegrationAlert() { }

    public int IntegrationId { get; private set; }
    public AlertKind Kind { get; private set; }
    public string Message { get; private set; } = "";
    public DateTime RaisedAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }

    /// <summary>The outbound operation that delivers it to the alert webhook, written with it (none without a webhook).</summary>
    public int? DeliveryOperationId { get; private set; }

    public static IntegrationAlert Raise(int integrationId, AlertKind kind, string message, DateTime now) => new()
    {
        IntegrationId = integrationId,
        Kind = kind,
        Message = Guard.Truncate(message, MaxMessageLength) ?? kind.ToApiName(),
        RaisedAt = now,
    };

    /// <summary>The alert webhook's <c>type</c>: <c>integration.failing</c>, <c>integration.recovered</c>, <c>lead.conflict</c>.</summary>
    public string WebhookType => (Kind == AlertKind.Conflict ? "lead." : "integration.") + Kind.ToApiName();

    public void MarkDelivered(DateTime now) => DeliveredAt ??= now;
}
