using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Infrastructure.Options;

/// <summary><c>IntegrationHub:HealthChecks</c>: the recurring sweep of integrations that are due a connection check.</summary>
public sealed class HealthChecksOptions
{
    public const string Section = "IntegrationHub:HealthChecks";

    /// <summary>When the sweep runs (UTC cron); each run checks only the integrations that are due.</summary>
    public string Cron { get; set; } = "* * * * *";

    [Range(1, 1440, ErrorMessage = "IntegrationHub:HealthChecks:IntervalMinutes must be a whole number of minutes from 1 to 1440.")]
    public int IntervalMinutes { get; set; } = 15;

    /// <summary>Checks in flight at once: they wait on the network, not the CPU.</summary>
    [Range(1, 256, ErrorMessage = "IntegrationHub:HealthChecks:MaxConcurrency must be a whole number from 1 to 256.")]
    public int MaxConcurrency { get; set; } = 32;

    [Range(1, 100, ErrorMessage = "IntegrationHub:HealthChecks:AlertAfterFailures must be a whole number from 1 to 100.")]
    public int AlertAfterFailures { get; set; } = 3;
}

/// <summary><c>IntegrationHub:Alerts</c>: where alerts are POSTed (Standard Webhooks), if anywhere.</summary>
public sealed class AlertsOptions
{
    public const string Section = "IntegrationHub:Alerts";

    public string? WebhookUrl { get; set; }

    /// <summary><c>whsec_</c> + base64 of the key, as Standard Webhooks libraries expect.</summary>
    public string? WebhookSecret { get; set; }
}

/// <summary><c>IntegrationHub:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "IntegrationHub:Retention";

    [Range(1, 3650, ErrorMessage = "IntegrationHub:Retention:Days must be a whole number of days from 1 to 3650.")]
    public int Days { get; set; } = 30;

    /// <summary>How long audit rows are kept: longer than the rest, an audit trail is read months later.</summary>
    [Range(1, 3650, ErrorMessage = "IntegrationHub:Retention:AuditDays must be a whole number of days from 1 to 3650.")]
    public int AuditDays { get; set; } = 365;
}

/// <summary>
/// <c>IntegrationHub:Network</c>: whether the hub may call plain http and loopback/private/link-local/metadata addresses.
/// Unset, both follow the environment (on in Development, for local stand-ins; off elsewhere).
/// </summary>
public sealed class NetworkOptions
{
    public const string Section = "IntegrationHub:Network";

    public bool? AllowHttp { get; set; }

    public bool? AllowPrivateTargets { get; set; }
}
