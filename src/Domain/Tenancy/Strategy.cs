using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Tenancy;

/// <summary>A user's lead-handling strategy; new leads go to the first strategy of the assigned user.</summary>
public sealed class Strategy : Entity
{
    private Strategy() { }

    public int UserId { get; private set; }
    public string Name { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public static Strategy Create(int userId, string name, DateTime now) => new()
    {
        UserId = userId,
        Name = Guard.NotBlank(name, nameof(name), FieldLengths.Name),
        CreatedAt = now,
    };
}
