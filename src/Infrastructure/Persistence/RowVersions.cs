using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IntegrationHub.Infrastructure.Persistence;

/// <summary>
/// Optimistic concurrency for aggregates whose configuration declares a <see cref="Column"/> shadow property as a
/// concurrency token (leads): every save that changes such a row moves its version on, and EF's UPDATE carries
/// <c>WHERE Version = @loaded</c>, so a save based on an outdated read fails with <see cref="DbUpdateConcurrencyException"/>
/// instead of silently overwriting what was committed since. An integer kept by the hub works the same on SQLite,
/// PostgreSQL and SQL Server (none of the databases' own row-version types does).
/// </summary>
public static class RowVersions
{
    public const string Column = "Version";

    /// <summary>Called once per save, after change detection.</summary>
    public static void Bump(EntityEntry entry)
    {
        if (entry.State != EntityState.Modified || entry.Metadata.FindProperty(Column) is not { IsConcurrencyToken: true })
        {
            return;
        }

        var version = entry.Property(Column);
        version.CurrentValue = (int)version.OriginalValue! + 1;
    }
}
