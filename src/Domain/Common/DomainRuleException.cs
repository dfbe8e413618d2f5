namespace IntegrationHub.Domain.Common;

/// <summary>A business rule refused the operation (answered as 409 Conflict).</summary>
public sealed class DomainRuleException(string message) : Exception(message);
