namespace IntegrationHub.Application.Common.Exceptions;

/// <summary>The resource does not exist, or exists but is not the caller's to see (answered 404 either way).</summary>
public sealed class NotFoundException(string resource, object key)
    : Exception($"{resource} {key} was not found.")
{
    public string Resource { get; } = resource;

    public object Key { get; } = key;
}

/// <summary>The request clashes with the current state (duplicate name, resource in use): 409.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The caller is known but may not do this: 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>Input failed validation: 400 with one entry per failing field or JSON path.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more validation errors occurred.") => Errors = errors;

    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] }) { }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
