using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>Where the inbox writer commits a batch of deliveries: all of them in one durable transaction.</summary>
internal interface IInboxStore : IAsyncDisposable
{
    /// <summary>Each event's row id, and whether the delivery was already stored (a duplicate, also within the batch).</summary>
    Task<(int Id, bool Duplicate)[]> StoreAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken);

    /// <summary>Whether one row can fail a batch (then the others are worth storing alone), or only the database can.</summary>
    bool RowCanFailBatch { get; }
}

/// <summary>
/// The embedded default. A batch is a handful of prepared inserts on a connection of the writer's own, fully
/// synced: no DbContext, change tracker or pooled connection set-up per batch, because this is the time every
/// sender waits for. Duplicates are found by the unique index itself (<c>ON CONFLICT DO NOTHING</c>).
/// </summary>
internal sealed class SqliteInboxStore(string connectionString) : IInboxStore
{
    public bool RowCanFailBatch => false;

    private SqliteConnection? _connection;
    private SqliteCommand? _insert;
    private SqliteCommand? _find;

    public async Task<(int Id, bool Duplicate)[]> StoreAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken)
    {
        using var turn = await SqliteWriteGate.EnterAsync(cancellationToken);
        try
        {
            var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            _insert!.Transaction = _find!.Transaction = transaction;
            var results = new (int Id, bool Duplicate)[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                results[i] = await InsertAsync(events[i], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return results;
        }
        catch
        {
            // Start from a fresh connection next time rather than trust one that just failed.
            await DisposeAsync();
            throw;
        }
    }

    private async Task<(int Id, bool Duplicate)> InsertAsync(WebhookEvent e, CancellationToken cancellationToken)
    {
        var p = _insert!.Parameters;
        p["$deliveryId"].Value = e.DeliveryId;
        p["$source"].Value = e.Source;
        p["$eventType"].Value = e.EventType;
        p["$locationId"].Value = (object?)e.LocationId ?? DBNull.Value;
        p["$integrationId"].Value = (object?)e.IntegrationId ?? DBNull.Value;
        p["$subAccountId"].Value = (object?)e.SubAccountId ?? DBNull.Value;
        p["$signatureScheme"].Value = e.SignatureScheme;
        p["$body"].Value = e.Body;
        p["$status"].Value = e.Status.ToString();
        p["$receivedAt"].Value = e.ReceivedAt;
        p["$traceParent"].Value = (object?)e.TraceParent ?? DBNull.Value;
        if (await _insert.ExecuteScalarAsync(cancellationToken) is long inserted)
        {
            return ((int)inserted, false);
        }

        _find!.Parameters["$deliveryId"].Value = e.DeliveryId;
        return (Convert.ToInt32(await _find.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture), true);
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
            // Accepted means on disk: a power cut after the 202 must not lose the event.
            pragma.CommandText = "PRAGMA synchronous=FULL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        // Columns as EF Core maps them (the status as its name, times as Microsoft.Data.Sqlite writes a DateTime).
        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO "WebhookEvents" ("DeliveryId", "Source", "EventType", "LocationId", "IntegrationId", "SubAccountId",
                "SignatureScheme", "Body", "Status", "AttemptCount", "ReceivedAt", "TraceParent")
            VALUES ($deliveryId, $source, $eventType, $locationId, $integrationId, $subAccountId, $signatureScheme, $body, $status, 0, $receivedAt,
                $traceParent)
            ON CONFLICT ("DeliveryId") DO NOTHING
            RETURNING "Id";
            """;
        foreach (var name in new[] { "$deliveryId", "$source", "$eventType", "$locationId", "$integrationId", "$subAccountId",
                     "$signatureScheme", "$body", "$status", "$receivedAt", "$traceParent" })
        {
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        _find = connection.CreateCommand();
        _find.CommandText = """SELECT "Id" FROM "WebhookEvents" WHERE "DeliveryId" = $deliveryId;""";
        _find.Parameters.Add(new SqliteParameter { ParameterName = "$deliveryId" });
        return _connection = connection;
    }

    public async ValueTask DisposeAsync()
    {
        _insert?.Dispose();
        _find?.Dispose();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        (_connection, _insert, _find) = (null, null, null);
    }
}

/// <summary>
/// PostgreSQL: a batch is one statement, all its rows inserted from arrays, committed with the server's synchronous
/// commit. The unique index on the delivery id decides what is a duplicate, also between instances storing the same
/// delivery at the same moment: the later insert waits for the earlier one's commit, then skips the row.
/// </summary>
internal sealed class PostgreSqlInboxStore(string connectionString) : IInboxStore
{
    private const string Insert = """
        INSERT INTO "WebhookEvents" ("DeliveryId", "Source", "EventType", "LocationId", "IntegrationId", "SubAccountId",
            "SignatureScheme", "Body", "Status", "AttemptCount", "ReceivedAt", "TraceParent")
        SELECT d, src, t, loc, i, sa, sig, b, st, 0, r, tp
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::text[], $8::text[],
            $9::text[], $10::timestamptz[], $11::text[]) AS batch(d, src, t, loc, i, sa, sig, b, st, r, tp)
        ON CONFLICT ("DeliveryId") DO NOTHING
        RETURNING "Id", "DeliveryId";
        """;

    private const string FindStored = """SELECT "Id", "DeliveryId" FROM "WebhookEvents" WHERE "DeliveryId" = ANY($1);""";

    public bool RowCanFailBatch => false;

    public async Task<(int Id, bool Duplicate)[]> StoreAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var inserted = await ReadIdsAsync(connection, Insert, cancellationToken, [
            Column(events, e => e.DeliveryId), Column(events, e => e.Source), Column(events, e => e.EventType),
            Column(events, e => e.LocationId), Column(events, e => e.IntegrationId), Column(events, e => e.SubAccountId),
            Column(events, e => e.SignatureScheme), Column(events, e => e.Body), Column(events, e => e.Status.ToString()),
            Column(events, e => e.ReceivedAt), Column(events, e => e.TraceParent)]);

        // Stored before (by this or another instance): their rows are looked up by delivery id.
        var elsewhere = events.Select(e => e.DeliveryId).Where(id => !inserted.ContainsKey(id)).Distinct().ToArray();
        var stored = elsewhere.Length == 0 ? [] : await ReadIdsAsync(connection, FindStored, cancellationToken, [elsewhere]);

        var answered = new HashSet<string>();
        return events.Select(e => inserted.TryGetValue(e.DeliveryId, out var id)
            ? (id, !answered.Add(e.DeliveryId)) // the first of a batch's copies is the new row, the others duplicates
            : (stored[e.DeliveryId], true)).ToArray();
    }

    private static T[] Column<T>(IReadOnlyList<WebhookEvent> events, Func<WebhookEvent, T> value) => events.Select(value).ToArray();

    private static async Task<Dictionary<string, int>> ReadIdsAsync(NpgsqlConnection connection, string sql,
        CancellationToken cancellationToken, IReadOnlyList<object> parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var ids = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids[reader.GetString(1)] = reader.GetInt32(0);
        }

        return ids;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Any other provider (SQL Server): EF Core, duplicates looked up in one query per batch.</summary>
internal sealed class EfInboxStore(IServiceScopeFactory scopes) : IInboxStore
{
    // Another instance can store the same delivery between the lookup and the insert: the unique index fails the batch.
    public bool RowCanFailBatch => true;

    public async Task<(int Id, bool Duplicate)[]> StoreAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ids = events.Select(e => e.DeliveryId).Distinct().ToList();
        var stored = await db.WebhookEvents.Where(e => ids.Contains(e.DeliveryId))
            .Select(e => new { e.DeliveryId, e.Id }).ToDictionaryAsync(e => e.DeliveryId, e => e.Id, cancellationToken);

        // A fresh row per delivery: an entity from a failed attempt would carry EF's temporary key.
        var added = new Dictionary<string, WebhookEvent>();
        foreach (var e in events)
        {
            if (!stored.ContainsKey(e.DeliveryId) && !added.ContainsKey(e.DeliveryId))
            {
                added[e.DeliveryId] = db.WebhookEvents.Add(WebhookEvent.Receive(e.DeliveryId, e.Source, e.EventType, e.LocationId,
                    e.IntegrationId, e.SubAccountId, e.SignatureScheme, e.Body, e.ReceivedAt, e.TraceParent)).Entity;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var seen = new HashSet<string>();
        return events.Select(e => stored.TryGetValue(e.DeliveryId, out var existing)
            ? (existing, true)
            : (added[e.DeliveryId].Id, !seen.Add(e.DeliveryId))).ToArray();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
