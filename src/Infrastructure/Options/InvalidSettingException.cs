namespace IntegrationHub.Infrastructure.Options;

/// <summary>
/// A setting the service cannot start with. The message names the setting and what it accepts, never its value
/// (it may be a key or a token); the host prints it as one line and exits with code 1.
/// </summary>
public sealed class InvalidSettingException(string message) : InvalidOperationException(message);

/// <summary>The database (or its folder) cannot be used at start; the message says why, in one line.</summary>
public sealed class StorageUnavailableException(string message) : InvalidOperationException(message);
