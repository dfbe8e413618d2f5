using IntegrationHub.Domain.Common;

namespace IntegrationHub.Domain.Integrations;

public enum SyncRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>One pass of pulling an integration's contacts into leads, with what it did.</summary>
public sealed class SyncRun : Entity
{
    private SyncRun() { }

    public int IntegrationId { get; private set; }
    public SyncRunStatus Status { get; private set; }
    public string Trigger { get; private set; } = "manual";
    public DateTime QueuedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public int Pages { get; private set; }
    public int Created { get; private set; }
    public int Updated { get; private set; }
    public int Unchanged { get; private set; }
    public int Failed { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The error of a run the service stopped in the middle of (a crash, a kill, a deploy).</summary>
    public const string InterruptedError = "Interrupted: the service stopped during this run. Start a new one; contacts already imported are kept.";

    public bool IsFinished => Status is SyncRunStatus.Succeeded or SyncRunStatus.Failed;

    public static SyncRun Queue(int integrationId, string trigger, DateTime now) =>
        new() { IntegrationId = integrationId, Status = SyncRunStatus.Queued, Trigger = trigger, QueuedAt = now };

    public void Start(DateTime now)
    {
        if (Status != SyncRunStatus.Queued)
        {
            throw new DomainRuleException($"Sync run {Id} is {Status.ToApiName()}, not queued.");
        }

        Status = SyncRunStatus.Running;
        StartedAt = now;
    }

    public void RecordPage(int created, int updated, int unchanged, int failed)
    {
        EnsureStatus(SyncRunStatus.Running);
        Pages++;
        Created += created;
        Updated += updated;
        Unchanged += unchanged;
        Failed += failed;
    }

    public void Succeed(DateTime now)
    {
        EnsureStatus(SyncRunStatus.Running);
        Status = SyncRunStatus.Succeeded;
        FinishedAt = now;
    }

    /// <summary>Ends a queued or running run as failed (a run cut off by a crash is failed by the next start).</summary>
    public void Fail(string error, DateTime now)
    {
        EnsureStatus(SyncRunStatus.Queued, SyncRunStatus.Running);
        Status = SyncRunStatus.Failed;
        Error = Guard.Truncate(error, Integration.MaxErrorLength) ?? "Unknown error";
        FinishedAt = now;
    }

    private void EnsureStatus(params SyncRunStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DomainRuleException($"Sync run {Id} is {Status.ToApiName()}; this needs it {string.Join(" or ", allowed.Select(s => s.ToApiName()))}.");
        }
    }
}
