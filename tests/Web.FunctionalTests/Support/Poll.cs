namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>Waiting for background work (jobs, webhook processing) without sleeping a fixed time.</summary>
public static class Poll
{
    /// <summary>Calls the probe until it returns a value or the time is up (then the test fails).</summary>
    public static async Task<T> Eventually<T>(Func<Task<T?>> probe, string what, int seconds = 30) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Timed out waiting for {what}");
        return null!;
    }
}
