namespace IntegrationHub.Application.GoHighLevel;

/// <summary>
/// One renewal at a time per lease key, across instances: the instance that takes the lease checks whether another one
/// has just renewed (then it only adopts what is stored) and otherwise renews and stores before letting go; the others
/// wait, reading what is stored, until it is renewed, for a bounded time.
/// </summary>
public sealed class TokenRefreshSingleFlight(ITokenRefreshLeases leases, TimeProvider clock)
{
    /// <summary>Longer than a token call may take (20 s) plus the save; a holder that died blocks the others this long at most.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    /// <summary>How long a waiting instance keeps looking: past a dead holder's lease, so it can take over.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(40);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <param name="renewedElsewhere">Reads what is stored now: true (and adopted) when it is already fresh.</param>
    /// <param name="renew">Renews and stores (committed) the new tokens; runs only under the lease.</param>
    public async Task RunAsync(string key, Func<CancellationToken, Task<bool>> renewedElsewhere, Func<CancellationToken, Task> renew,
        CancellationToken cancellationToken)
    {
        var giveUpAt = clock.GetUtcNow() + WaitLimit;
        while (true)
        {
            if (await leases.TryTakeAsync(key, LeaseDuration, cancellationToken) is { } holder)
            {
                try
                {
                    if (!await renewedElsewhere(cancellationToken))
                    {
                        await renew(cancellationToken);
                    }

                    return;
                }
                finally
                {
                    // Not cancellable: a lease left behind would hold the others up until it ran out.
                    await leases.ReleaseAsync(key, holder, CancellationToken.None);
                }
            }

            if (await renewedElsewhere(cancellationToken))
            {
                return;
            }

            if (clock.GetUtcNow() >= giveUpAt)
            {
                throw new GhlApiException(GhlFailureKind.Unavailable, null,
                    "Another instance has been renewing the GoHighLevel token for too long; try again later.");
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }
}
