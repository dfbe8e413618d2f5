namespace IntegrationHub.Web.AdminConsole;

/// <summary>
/// Re-reads what a page shows every little while until it settles (a queued sync run, a replayed webhook), so its
/// banner tells the live state ("Sync run 3 failed: ...") instead of what was true when the button was clicked.
/// One per page; disposed with it (a closed tab stops reading).
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    /// <summary>How often; short, because someone is looking at the page and waiting.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private CancellationTokenSource? _stop;

    /// <summary>Starts (or restarts) re-reading: <paramref name="refresh"/> runs on each tick until it returns false.</summary>
    public void Start(Func<Task<bool>> refresh)
    {
        Stop();
        _stop = new CancellationTokenSource();
        _ = LoopAsync(refresh, _stop.Token);
    }

    public void Stop()
    {
        _stop?.Cancel();
        _stop?.Dispose();
        _stop = null;
    }

    public void Dispose() => Stop();

    private static async Task LoopAsync(Func<Task<bool>> refresh, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop) && await refresh())
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away or started another watch.
        }
    }
}
