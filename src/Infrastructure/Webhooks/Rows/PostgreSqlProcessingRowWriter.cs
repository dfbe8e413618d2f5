using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Webhooks;
using Npgsql;

namespace IntegrationHub.Infrastructure.Webhooks.Rows;

/// <summary>
/// Row mode's writer for PostgreSQL: one statement per table per commit, its rows read from arrays (<c>unnest</c>), all of
/// them sent in one round trip with the transaction; prepared on each pooled connection once (Npgsql keeps them across
/// the pool). Asynchronous commit, as a processing commit can be redone (events and effects commit together).
/// </summary>
internal sealed class PostgreSqlProcessingRowWriter(string connectionString) : IProcessingRowWriter
{
    private static readonly string InsertLeads = $"""
        INSERT INTO "Leads" ({Columns(LeadColumns.Names)}, "Version")
        SELECT {Columns(LeadColumns.Names, "r.")}, 0 FROM {Unnest(1, LeadColumns.Names, LeadColumns.PostgreSqlTypes)} AS r({Columns(LeadColumns.Names)})
        RETURNING "Id", "SubAccountId", "ExternalContactId";
        """;

    private static readonly string UpdateLeads = $"""
        UPDATE "Leads" AS l SET {string.Join(", ", LeadColumns.Names.Select(c => $"\"{c}\" = r.\"{c}\""))}, "Version" = l."Version" + 1
        FROM {Unnest(1, ["Id", "LoadedVersion", .. LeadColumns.Names], ["integer", "integer", .. LeadColumns.PostgreSqlTypes])}
            AS r("Id", "LoadedVersion", {Columns(LeadColumns.Names)})
        WHERE l."Id" = r."Id" AND l."Version" = r."LoadedVersion";
        """;

    private static readonly string InsertMessages = $"""
        INSERT INTO "LeadMessages" ({Columns(MessageColumns.Names)}, "Version")
        SELECT {Columns(MessageColumns.Names, "r.")}, 0 FROM {Unnest(1, MessageColumns.Names, MessageColumns.PostgreSqlTypes)} AS r({Columns(MessageColumns.Names)});
        """;

    private const string UpdateEvents = """
        UPDATE "WebhookEvents" AS e SET "Status" = r.s, "AttemptCount" = r.a, "NextAttemptAt" = r.n, "LastError" = r.err, "ProcessedAt" = r.p
        FROM unnest($1::integer[], $2::text[], $3::integer[], $4::timestamptz[], $5::text[], $6::timestamptz[]) AS r(id, s, a, n, err, p)
        WHERE e."Id" = r.id;
        """;

    private const string InsertAttempts = """
        INSERT INTO "WebhookAttempt" ("WebhookEventId", "Number", "At", "DurationMs", "Error")
        SELECT * FROM unnest($1::integer[], $2::integer[], $3::timestamptz[], $4::integer[], $5::text[]);
        """;

    public async Task WriteAsync(ProcessingRowBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var commands = new NpgsqlBatch(connection, transaction);
        commands.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit TO OFF"));
        Add(commands, InsertLeads, batch.NewLeads.Select(r => r.Values).ToList(), LeadColumns.PostgreSqlTypes);
        var updateLeads = Add(commands, UpdateLeads, batch.ChangedLeads.Select(r => (object?[])[r.Lead.Id, r.Version, .. r.Values]).ToList(),
            ["integer", "integer", .. LeadColumns.PostgreSqlTypes]);
        Add(commands, InsertMessages, batch.NewMessages.Select(MessageColumns.Of).ToList(), MessageColumns.PostgreSqlTypes);
        Add(commands, UpdateEvents, batch.Events.Select(e => (object?[])[e.Id, e.Status.ToString(), e.AttemptCount, e.NextAttemptAt, e.LastError, e.ProcessedAt]).ToList(),
            ["integer", "text", "integer", "timestamptz", "text", "timestamptz"]);
        Add(commands, InsertAttempts, batch.Events.SelectMany(e => e.Attempts.Where(a => a.Id == 0)
            .Select(a => (object?[])[e.Id, a.Number, a.At, a.DurationMs, a.Error])).ToList(), ["integer", "integer", "timestamptz", "integer", "text"]);
        await commands.PrepareAsync(cancellationToken);

        var ids = new Dictionary<(int, string), int>();
        await using (var reader = await commands.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                // Only the lead insert returns rows (statements without any may or may not show as an empty result).
                while (reader.FieldCount == 3 && await reader.ReadAsync(cancellationToken))
                {
                    ids[(reader.GetInt32(1), reader.GetString(2))] = reader.GetInt32(0);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        foreach (var row in batch.NewLeads)
        {
            LeadColumns.SetId(row.Lead, ids[(row.Lead.SubAccountId, row.Lead.ExternalContactId!)]);
        }

        if (updateLeads is not null && updateLeads.RecordsAffected != batch.ChangedLeads.Count)
        {
            throw new RowModeNotEnoughException("a lead changed since it was read");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Adds the statement with one array parameter per column, unless there are no rows.</summary>
    private static NpgsqlBatchCommand? Add(NpgsqlBatch batch, string sql, IReadOnlyList<object?[]> rows, string[] types)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand(sql);
        for (var column = 0; column < types.Length; column++)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ColumnArray(rows, column, types[column]) });
        }

        batch.BatchCommands.Add(command);
        return command;
    }

    private static Array ColumnArray(IReadOnlyList<object?[]> rows, int column, string type) => type switch
    {
        "integer" => rows.Select(r => (int?)r[column]).ToArray(),
        "timestamptz" => rows.Select(r => (DateTime?)r[column]).ToArray(),
        _ => rows.Select(r => (string?)r[column]).ToArray(),
    };

    private static string Columns(IEnumerable<string> names, string prefix = "") => string.Join(", ", names.Select(n => $"{prefix}\"{n}\""));

    private static string Unnest(int first, IReadOnlyList<string> names, IReadOnlyList<string> types) =>
        $"unnest({string.Join(", ", names.Select((_, i) => $"${first + i}::{types[i]}[]"))})";
}
