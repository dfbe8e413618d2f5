namespace IntegrationHub.Domain.Common;

/// <summary>
/// A value breaks the domain's own rule of form (blank, too long, not a slug): the caller's input, refused with its
/// field's name. An <see cref="ArgumentException"/> to code that calls the domain, but the hub's own type, so it alone
/// is answered as a bad request: another library's argument error is a fault, not the caller's.
/// </summary>
public sealed class InvalidValueException(string message, string field) : ArgumentException(message, field);
