namespace IntegrationHub.Application.GoHighLevel;

/// <summary>The job runner's recurring contact syncs (Hangfire's recurring jobs).</summary>
public interface IContactSyncRecurrences
{
    /// <summary>Makes the recurring syncs exactly these, integration id to interval in minutes: others are removed.
    /// Idempotent, so several instances may do it at once.</summary>
    void Match(IReadOnlyDictionary<int, int> desired);
}
