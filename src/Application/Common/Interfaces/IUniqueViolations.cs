namespace IntegrationHub.Application.Common.Interfaces;

/// <summary>
/// Whether a failed save was the database refusing a second copy of a value a unique index keeps once (two requests
/// raced past the same uniqueness check). Each provider says so with its own error code; the persistence layer knows
/// which, so nothing above it reads a provider's exception or its message text.
/// </summary>
public interface IUniqueViolations
{
    bool IsUniqueViolation(Exception exception);
}
