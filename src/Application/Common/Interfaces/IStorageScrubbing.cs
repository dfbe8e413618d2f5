namespace IntegrationHub.Application.Common.Interfaces;

/// <summary>
/// Deleting a row does not remove its bytes from the database files: SQLite leaves them in free pages and in its
/// write-ahead log until they are overwritten. An erasure runs its save inside <see cref="ScrubDeletesAsync"/> (deleted
/// content is overwritten with zeros) and then <see cref="FlushAsync"/> (the log is copied into the database and emptied).
/// A server database (PostgreSQL, SQL Server) manages its own files: both do nothing there.
/// </summary>
public interface IStorageScrubbing
{
    /// <summary>Until disposed, this unit of work's deletes and updates overwrite the old content.</summary>
    Task<IAsyncDisposable> ScrubDeletesAsync(CancellationToken cancellationToken);

    /// <summary>Moves the log into the database and truncates it; false when a reader kept it from finishing (it will later).</summary>
    Task<bool> FlushAsync(CancellationToken cancellationToken);
}
