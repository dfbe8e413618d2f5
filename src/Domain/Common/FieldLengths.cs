namespace IntegrationHub.Domain.Common;

/// <summary>
/// Lengths shared by several entities, in one place: the domain's guards, the validators and the EF configuration
/// all read them from here (entity-specific ones live on their entity, e.g. <c>Lead.MaxLength</c>).
/// </summary>
public static class FieldLengths
{
    public const int Email = 320;

    /// <summary>Names of people, sub-accounts and strategies.</summary>
    public const int Name = 200;

    /// <summary>A SHA-256 token hash, hex.</summary>
    public const int TokenHash = 128;

    /// <summary>An IANA time zone id.</summary>
    public const int Timezone = 64;
}
