using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Tenancy;

/// <summary>A tenant of the CRM platform. Everything a tenant owns hangs off its sub-account.</summary>
public sealed class SubAccount : AggregateRoot
{
    public const string DefaultTimezone = "UTC";

    private SubAccount() { }

    public string Name { get; private set; } = "";
    public string Timezone { get; private set; } = DefaultTimezone;
    public DateTime CreatedAt { get; private set; }

    public static SubAccount Create(string name, string? timezone, DateTime now) => new()
    {
        Name = Guard.NotBlank(name, nameof(name), FieldLengths.Name),
        Timezone = Guard.Optional(timezone, FieldLengths.Timezone, nameof(timezone)) ?? DefaultTimezone,
        CreatedAt = now,
    };
}
