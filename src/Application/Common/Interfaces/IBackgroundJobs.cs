namespace IntegrationHub.Application.Common.Interfaces;

/// <summary>Work handed to the job runner (Hangfire): survives restarts, retried on failure, visible in /hangfire.</summary>
public interface IBackgroundJobs
{
    void EnqueueContactSync(int syncRunId);

    /// <summary>Starts a health sweep now (besides the scheduled ones).</summary>
    void EnqueueHealthSweep();

    /// <summary>Runs another processing attempt of a webhook event after the delay.</summary>
    void ScheduleWebhookRetry(int eventId, TimeSpan delay);
}

/// <summary>Absolute URLs the hub hands out (the webhook endpoint, the GoHighLevel app's redirect URI).</summary>
public interface IPublicUrls
{
    string WebhookUrl();

    /// <summary>Where GoHighLevel's authorize page sends the browser back (<c>/oauth/gohighlevel/callback</c>).</summary>
    string GoHighLevelCallbackUrl();
}
