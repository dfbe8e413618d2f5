using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Integrations;

/// <summary>
/// One sub-account's instance of an integration template, with its own (partly encrypted) configuration
/// and a status that only moves along <see cref="IntegrationStatusRules"/>.
/// </summary>
public sealed class Integration : AggregateRoot
{
    public const int MaxErrorLength = 2000;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;

    private Integration() { }

    public int SubAccountId { get; private set; }
    public int IntegrationTemplateId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public IntegrationStatus Status { get; private set; } = IntegrationStatus.Pending;

    /// <summary>True exactly when the status is active: derived, never set on its own.</summary>
    public bool IsActive => Status == IntegrationStatus.Active;

    /// <summary>
    /// A random key fixed at creation that secrets of this integration are bound to (with the tenant and the
    /// field), so a ciphertext copied to another row does not decrypt. Known before the row has an id.
    /// </summary>
    public string SecretScope { get; private set; } = "";

    /// <summary>Configuration JSON as stored: secret properties hold ciphertext, never plaintext.</summary>
    public string ConfigJson { get; private set; } = "{}";

    /// <summary>The external account id (GoHighLevel location id), copied out of the config for indexed lookups.</summary>
    public string? ExternalAccountId { get; private set; }

    public DateTime? LastSyncAt { get; private set; }
    public string? ErrorMessage { get; private set; }

    /// <summary>Encrypted webhook secret; the previous one stays valid until <see cref="PreviousWebhookSecretExpiresAt"/>.</summary>
    public string? WebhookSecret { get; private set; }
    public string? PreviousWebhookSecret { get; private set; }
    public DateTime? PreviousWebhookSecretExpiresAt { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int? CreatedByAdminId { get; private set; }

    // Health: every connection check counts (the scheduled sweep's and the test route's).
    public int ConsecutiveFailures { get; private set; }
    public DateTime? LastCheckedAt { get; private set; }
    public DateTime? NextCheckAt { get; private set; }

    /// <summary>A failing alert was raised and no recovery since: alert once, not at every failure.</summary>
    public bool FailingAlertOpen { get; private set; }

    public static Integration Create(int subAccountId, int templateId, string secretScope, string name, string? description,
        string configJson, string? externalAccountId, int? createdByAdminId, DateTime now)
    {
        var integration = new Integration
        {
            SubAccountId = subAccountId,
            SecretScope = Guard.NotBlank(secretScope, nameof(secretScope), 64),
            IntegrationTemplateId = templateId,
            Name = Guard.NotBlank(name, nameof(name), MaxNameLength),
            Description = Guard.Optional(description, MaxDescriptionLength, nameof(description)),
            ConfigJson = configJson,
            ExternalAccountId = externalAccountId,
            CreatedByAdminId = createdByAdminId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        integration.Raise(new IntegrationConfigChanged(integration));
        return integration;
    }

    public void Rename(string name, string? description, DateTime now)
    {
        Name = Guard.NotBlank(name, nameof(name), MaxNameLength);
        Description = Guard.Optional(description, MaxDescriptionLength, nameof(description));
        UpdatedAt = now;
    }

    public void ReplaceConfig(string configJson, string? externalAccountId, DateTime now)
    {
        ConfigJson = configJson;
        ExternalAccountId = externalAccountId;
        UpdatedAt = now;
        Raise(new IntegrationConfigChanged(this));
    }

    /// <summary>About to be removed: modules that keep something for it (a recurring sync) let go of it.</summary>
    public void MarkDeleted() => Raise(new IntegrationDeleted(Id));

    /// <summary>A check or sync succeeded: become (or stay) active.</summary>
    public void RecordSuccess(DateTime now)
    {
        if (Status != IntegrationStatus.Active)
        {
            MoveTo(IntegrationStatus.Active, null, now);
        }

        LastSyncAt = now;
        ErrorMessage = null;
        UpdatedAt = now;
    }

    /// <summary>A check or call failed: move to error, keeping the last successful sync time.</summary>
    public void RecordFailure(string errorMessage, DateTime now)
    {
        if (Status == IntegrationStatus.Disconnected)
        {
            // Switched off on purpose: a failure is worth recording, not a reason to change state.
            ErrorMessage = Guard.Truncate(errorMessage, MaxErrorLength);
            UpdatedAt = now;
            return;
        }

        MoveTo(IntegrationStatus.Error, errorMessage, now);
    }

    /// <summary>
    /// A connection check finished: the status follows it (error to active on success, active to error on failure),
    /// the next check is scheduled (the interval, or the failure backoff), and crossing the alert threshold or
    /// recovering after it raises one event each.
    /// </summary>
    /// <param name="jitter">A random number in [0, 1) that spreads the failure backoff.</param>
    public void RecordCheck(bool healthy, string? failure, HealthPolicy policy, double jitter, DateTime now)
    {
        LastCheckedAt = now;
        if (healthy)
        {
            RecordSuccess(now);
            if (FailingAlertOpen)
            {
                FailingAlertOpen = false;
                Raise(new IntegrationHealthRestored(this, ConsecutiveFailures));
            }

            ConsecutiveFailures = 0;
            NextCheckAt = now + policy.Interval;
            return;
        }

        RecordFailure(failure ?? "The connection check failed.", now);
        ConsecutiveFailures++;
        NextCheckAt = now + HealthPolicy.Backoff(ConsecutiveFailures, jitter);
        if (!FailingAlertOpen && ConsecutiveFailures >= policy.AlertAfterFailures)
        {
            FailingAlertOpen = true;
            Raise(new IntegrationHealthFailing(this, ConsecutiveFailures));
        }
    }

    /// <summary>Credentials refused for good (a refused token refresh): error, and one alert per spell (<see cref="FailingAlertOpen"/>).</summary>
    public void RecordReconnectNeeded(string message, DateTime now)
    {
        RecordFailure(message, now);
        if (Status != IntegrationStatus.Disconnected && !FailingAlertOpen)
        {
            FailingAlertOpen = true;
            Raise(new IntegrationReconnectNeeded(this, ErrorMessage ?? message));
        }
    }

    /// <summary>Catches up with the config another instance committed (renewed tokens), so a later save cannot write old ones back.</summary>
    public void CatchUpConfig(string storedConfigJson) => ConfigJson = storedConfigJson;

    /// <summary>A manual status change from the admin route; forbidden moves raise <see cref="DomainRuleException"/>.</summary>
    public void ChangeStatus(IntegrationStatus target, string? errorMessage, DateTime now) =>
        MoveTo(target, errorMessage, now);

    /// <summary>
    /// Switched off; <paramref name="reason"/> (e.g. "Uninstalled in GoHighLevel.") is kept as the message shown with the
    /// status, so an admin knows why it stopped and what to do. Without one the message is cleared.
    /// </summary>
    public void Disconnect(DateTime now, string? reason = null)
    {
        MoveTo(IntegrationStatus.Disconnected, null, now);
        ErrorMessage = Guard.Truncate(reason, MaxErrorLength);
    }

    public void RotateWebhookSecret(string encryptedSecret, TimeSpan gracePeriod, DateTime now)
    {
        PreviousWebhookSecret = WebhookSecret;
        PreviousWebhookSecretExpiresAt = WebhookSecret is null ? null : now + gracePeriod;
        WebhookSecret = encryptedSecret;
        UpdatedAt = now;
    }

    /// <summary>
    /// Key rotation: the same secrets, encrypted under another key. Nothing an admin would call a change happens, so
    /// neither the update time nor any event.
    /// </summary>
    public void ReencryptSecrets(string configJson, string? webhookSecret, string? previousWebhookSecret)
    {
        ConfigJson = configJson;
        WebhookSecret = webhookSecret;
        PreviousWebhookSecret = previousWebhookSecret;
    }

    private void MoveTo(IntegrationStatus target, string? errorMessage, DateTime now)
    {
        var from = Status;
        if (from == target && target != IntegrationStatus.Error)
        {
            throw new DomainRuleException($"The integration is already {target.ToApiName()}.");
        }

        if (!IntegrationStatusRules.CanMove(from, target))
        {
            throw new DomainRuleException($"An integration cannot move from {from.ToApiName()} to {target.ToApiName()}.");
        }

        Status = target;
        UpdatedAt = now;
        switch (target)
        {
            case IntegrationStatus.Active:
                ErrorMessage = null;
                Raise(from == IntegrationStatus.Pending ? new IntegrationActivated(Id) : new IntegrationRecovered(Id, from));
                break;
            case IntegrationStatus.Error:
                ErrorMessage = Guard.Truncate(errorMessage, MaxErrorLength) ?? "Unknown error";
                Raise(new IntegrationFailed(Id, ErrorMessage));
                break;
            case IntegrationStatus.Disconnected:
                Raise(new IntegrationDisconnected(Id));
                break;
        }
    }
}
