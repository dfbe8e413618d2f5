using System.Text.Json;
using IntegrationHub.Domain.Audit;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Leads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationHub.Infrastructure.Audit;

/// <summary>
/// Writes the audit rows of a save inside the save's own transaction. A new entity's id is only known once it is
/// inserted, so the rows cannot simply be added to the save: <see cref="Open"/> (registered last, after the SQLite
/// write turn is taken) notes what changed and begins a transaction when the save has none; <see cref="Close"/>
/// (registered first, so before the write turn ends and before domain events are published) inserts the rows with the
/// ids the save assigned and commits. A failed save rolls the transaction back: no row for a change that did not
/// happen. One per context (scoped); idle unless an audit action is open.
/// </summary>
public sealed class AuditInterceptor
{
    // Rows of a lead's tag index stand for the lead's "tags" field, already on the lead's own row.
    private static readonly HashSet<Type> NotAudited = [typeof(AuditEntry), typeof(LeadTag)];

    private readonly AuditTrail _trail;
    private readonly TimeProvider _clock;
    private List<NotedChange> _noted = [];
    private DescribedChange? _described;
    private IDbContextTransaction? _ownTransaction;

    public AuditInterceptor(AuditTrail trail, TimeProvider clock)
    {
        _trail = trail;
        _clock = clock;
        Open = new Opening(this);
        Close = new Closing(this);
    }

    /// <summary>Register last.</summary>
    public SaveChangesInterceptor Open { get; }

    /// <summary>Register first.</summary>
    public SaveChangesInterceptor Close { get; }

    private async ValueTask NoteAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (_trail.Action is null)
        {
            return;
        }

        _described = _trail.TakeDescribed();
        _noted = _described is null ? Note(context.ChangeTracker) : [];
        if ((_described is not null || _noted.Count > 0) && context.Database.CurrentTransaction is null)
        {
            _ownTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        }
    }

    private static List<NotedChange> Note(ChangeTracker tracker)
    {
        var noted = new List<NotedChange>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || entry.Entity is not Entity || NotAudited.Contains(entry.Metadata.ClrType))
            {
                continue;
            }

            var fields = ChangedFields(entry);
            if (entry.State != EntityState.Modified || fields.Count > 0)
            {
                noted.Add(new NotedChange(entry, fields));
            }
        }

        return noted;
    }

    /// <summary>Names only: the fields a new entity was given, or the ones a change modified. Bookkeeping is left out.</summary>
    private static List<string> ChangedFields(EntityEntry entry) => entry.State switch
    {
        EntityState.Added => entry.Properties.Where(p => !IsBookkeeping(p) && p.CurrentValue is not null).Select(Name).ToList(),
        EntityState.Modified => entry.Properties.Where(p => p.IsModified && !IsBookkeeping(p)).Select(Name).ToList(),
        _ => [],
    };

    private static bool IsBookkeeping(PropertyEntry property) =>
        property.Metadata.IsPrimaryKey() || property.Metadata.IsConcurrencyToken || property.Metadata.IsShadowProperty()
        || property.Metadata.Name is "CreatedAt" or "UpdatedAt" or "Version";

    /// <summary>The field as the API names it: a column holding a field as JSON (<c>ConfigJson</c>) is that field (<c>config</c>).</summary>
    private static string Name(PropertyEntry property)
    {
        var name = property.Metadata.Name;
        return JsonNamingPolicy.CamelCase.ConvertName(name.EndsWith("Json", StringComparison.Ordinal) && name.Length > 4 ? name[..^4] : name);
    }

    private async ValueTask WriteAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (_trail.Actor is not { } actor || (_described is null && _noted.Count == 0))
        {
            return;
        }

        var rows = _described is { } described
            ? [new AuditRow(described.EntityType, described.EntityId, described.SubAccountId, described.Changes)]
            : _noted.Select(n => n.ToRow()).ToList();
        var at = _clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            // Raw SQL: a save inside this one would run every interceptor again (and wait for the write turn it holds).
            await context.Database.ExecuteSqlAsync(
                $"""INSERT INTO "AuditEntries" ("At", "ActorType", "ActorId", "Action", "EntityType", "EntityId", "SubAccountId", "Changes", "Ip") VALUES ({at}, {actor.Type.ToString()}, {actor.Id}, {_trail.Action}, {row.EntityType}, {row.EntityId}, {row.SubAccountId}, {row.ChangesText}, {actor.Ip})""",
                cancellationToken);
        }

        if (_ownTransaction is not null)
        {
            await _ownTransaction.CommitAsync(cancellationToken);
        }
    }

    private async ValueTask EndAsync()
    {
        _noted = [];
        _described = null;
        if (_ownTransaction is { } transaction)
        {
            _ownTransaction = null;
            await transaction.DisposeAsync(); // Rolls back unless committed.
        }
    }

    private sealed record NotedChange(EntityEntry Entry, IReadOnlyList<string> Fields)
    {
        public AuditRow ToRow()
        {
            var entity = (Entity)Entry.Entity;
            var subAccountId = entity is Domain.Tenancy.SubAccount ? entity.Id
                : Entry.Metadata.FindProperty("SubAccountId") is { } property ? Entry.Property(property.Name).CurrentValue as int? : null;
            return new AuditRow(Entry.Metadata.ClrType.Name, entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), subAccountId, Fields);
        }
    }

    private sealed record AuditRow(string EntityType, string EntityId, int? SubAccountId, IReadOnlyList<string> Changes)
    {
        public string ChangesText
        {
            get
            {
                var text = string.Join(',', Changes);
                return text.Length <= AuditEntry.ChangesLength ? text : text[..text.LastIndexOf(',', AuditEntry.ChangesLength - 1)];
            }
        }
    }

    private sealed class Opening(AuditInterceptor audit) : SaveChangesInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            await audit.NoteAsync(eventData.Context!, cancellationToken);
            return result;
        }
    }

    private sealed class Closing(AuditInterceptor audit) : SaveChangesInterceptor
    {
        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            try
            {
                await audit.WriteAsync(eventData.Context!, cancellationToken);
            }
            finally
            {
                await audit.EndAsync();
            }

            return result;
        }

        public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
            await audit.EndAsync();

        public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            await audit.EndAsync();
            return result;
        }

        public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
            await audit.EndAsync();
    }
}
