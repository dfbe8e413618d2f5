using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Infrastructure.Webhooks.Rows;

/// <summary>
/// Row mode's writer for the embedded database: a connection of its own with its statements prepared once and kept,
/// used inside SQLite's write turn (which also keeps the one connection to one caller at a time). Relaxed durability
/// (<c>synchronous=NORMAL</c>) as for every processing commit: an event and its effects commit together, so a commit
/// lost to a power cut is redone.
/// </summary>
internal sealed class SqliteProcessingRowWriter(string connectionString) : IProcessingRowWriter, IAsyncDisposable
{
    private SqliteConnection? _connection;
    private SqliteCommand _insertLead = null!, _updateLead = null!, _insertMessage = null!, _updateEvent = null!, _insertAttempt = null!;

    public async Task WriteAsync(ProcessingRowBatch batch, CancellationToken cancellationToken)
    {
        using var turn = await SqliteWriteGate.EnterAsync(cancellationToken);
        try
        {
            var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            _insertLead.Transaction = _updateLead.Transaction = _insertMessage.Transaction = _updateEvent.Transaction = _insertAttempt.Transaction = transaction;
            foreach (var row in batch.NewLeads)
            {
                Bind(_insertLead, row.Values);
                LeadColumns.SetId(row.Lead, Convert.ToInt32(await _insertLead.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (var row in batch.ChangedLeads)
            {
                Bind(_updateLead, row.Values);
                _updateLead.Parameters["$id"].Value = row.Lead.Id;
                _updateLead.Parameters["$version"].Value = row.Version;
                if (await _updateLead.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    throw new RowModeNotEnoughException($"lead {row.Lead.Id} changed since it was read");
                }
            }

            foreach (var message in batch.NewMessages)
            {
                Bind(_insertMessage, MessageColumns.Of(message));
                LeadColumns.SetId(message, Convert.ToInt32(await _insertMessage.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (var webhookEvent in batch.Events)
            {
                await WriteEventAsync(webhookEvent, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not RowModeNotEnoughException)
        {
            // Start from a fresh connection next time rather than trust one that just failed.
            await DisposeAsync();
            throw;
        }
    }

    private async Task WriteEventAsync(WebhookEvent e, CancellationToken cancellationToken)
    {
        Bind(_updateEvent, [e.Status.ToString(), e.AttemptCount, e.NextAttemptAt, e.LastError, e.ProcessedAt, e.Id]);
        await _updateEvent.ExecuteNonQueryAsync(cancellationToken);
        foreach (var attempt in e.Attempts.Where(a => a.Id == 0))
        {
            Bind(_insertAttempt, [e.Id, attempt.Number, attempt.At, attempt.DurationMs, attempt.Error]);
            await _insertAttempt.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Bind(SqliteCommand command, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        var leadColumns = string.Join(", ", LeadColumns.Names.Select(Quote));
        _insertLead = Command(connection, $"""
            INSERT INTO "Leads" ({leadColumns}, "Version") VALUES ({Parameters(LeadColumns.Names.Length)}, 0) RETURNING "Id";
            """, LeadColumns.Names.Length);
        _updateLead = Command(connection, $"""
            UPDATE "Leads" SET {string.Join(", ", LeadColumns.Names.Select((c, i) => $"{Quote(c)} = $p{i}"))}, "Version" = "Version" + 1
            WHERE "Id" = $id AND "Version" = $version;
            """, LeadColumns.Names.Length, "$id", "$version");
        _insertMessage = Command(connection, $"""
            INSERT INTO "LeadMessages" ({string.Join(", ", MessageColumns.Names.Select(Quote))}, "Version")
            VALUES ({Parameters(MessageColumns.Names.Length)}, 0) RETURNING "Id";
            """, MessageColumns.Names.Length);
        _updateEvent = Command(connection, """
            UPDATE "WebhookEvents" SET "Status" = $p0, "AttemptCount" = $p1, "NextAttemptAt" = $p2, "LastError" = $p3, "ProcessedAt" = $p4
            WHERE "Id" = $p5;
            """, 6);
        _insertAttempt = Command(connection, """
            INSERT INTO "WebhookAttempt" ("WebhookEventId", "Number", "At", "DurationMs", "Error") VALUES ($p0, $p1, $p2, $p3, $p4);
            """, 5);
        return _connection = connection;
    }

    private static string Quote(string column) => $"\"{column}\"";

    private static string Parameters(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"$p{i}"));

    private static SqliteCommand Command(SqliteConnection connection, string sql, int positional, params string[] named)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < positional; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i}" });
        }

        foreach (var name in named)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _insertLead, _updateLead, _insertMessage, _updateEvent, _insertAttempt })
        {
            command?.Dispose();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _connection = null;
    }
}
