namespace IntegrationHub.Domain.Templates;

/// <summary>
/// What a template's integrations can do beyond storing a validated config. Code asks the kind, never the template's
/// name: an admin may create, rename or delete templates, a capability stays where it was given.
/// </summary>
public enum IntegrationKind
{
    /// <summary>A config and nothing more: no connection check, no webhook setup, no contact sync or push.</summary>
    Generic,

    /// <summary>A GoHighLevel location: connection check, webhook setup, contact sync and push, block slots.</summary>
    GoHighLevel,
}
