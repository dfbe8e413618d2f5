namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>
/// SQLite has one writer at a time, and Microsoft.Data.Sqlite answers a busy database by sleeping and retrying,
/// which under load turns milliseconds into hundreds of them. Every writer of this process takes turns here
/// instead, which keeps each write short and the waits fair.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        return default;
    }

    /// <summary>Ends the turn when disposed.</summary>
    public readonly struct Turn : IDisposable
    {
        public void Dispose() => Gate.Release();
    }
}
