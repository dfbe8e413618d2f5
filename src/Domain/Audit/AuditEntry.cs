using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Audit;

/// <summary>Who made a change: an admin, a tenant user, or the hub itself (a command run by an operator).</summary>
public enum AuditActorType
{
    Admin,
    User,
    System,
}

/// <summary>
/// One change made through the API or the console: who, what (the use case's name), to which entity, and the names of
/// the fields it changed. Never a value: a secret or a person's details must not outlive their own row here. Written
/// in the change's own transaction; never edited, only purged by age.
/// </summary>
public sealed class AuditEntry : Entity
{
    public const int ActionLength = 80;
    public const int EntityTypeLength = 60;
    public const int EntityIdLength = 64;
    public const int ChangesLength = 2000;
    public const int IpLength = 45;

    private AuditEntry()
    {
    }

    public DateTime At { get; private set; }
    public AuditActorType ActorType { get; private set; }
    public int? ActorId { get; private set; }
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public int? SubAccountId { get; private set; }

    /// <summary>The changed fields' names, comma-separated (an empty string when none is named, e.g. a delete).</summary>
    public string Changes { get; private set; } = "";

    public string? Ip { get; private set; }

    public IReadOnlyList<string> ChangedFields => Changes.Length == 0 ? [] : Changes.Split(',');
}
