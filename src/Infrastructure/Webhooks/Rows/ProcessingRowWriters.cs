using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Webhooks.Rows;

/// <summary>
/// Row mode's writer for the database in use, made once per process: none for SQL Server (EF Core writes everything
/// there) or where <c>IntegrationHub:Webhooks:RowMode</c> is false.
/// </summary>
public sealed class ProcessingRowWriters(IOptions<WebhookOptions> options) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private IProcessingRowWriter? _writer;
    private bool _chosen;

    internal IProcessingRowWriter? For(AppDbContext db)
    {
        lock (_lock)
        {
            if (!_chosen)
            {
                var database = db.Database;
                _writer = !options.Value.RowMode ? null
                    : database.IsSqlite() ? new SqliteProcessingRowWriter(database.GetConnectionString()!)
                    : database.IsNpgsql() ? new PostgreSqlProcessingRowWriter(database.GetConnectionString()!)
                    : null;
                _chosen = true;
            }

            return _writer;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
