using IntegrationHub.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Ignore(a => a.ChangedFields);
        // Written as text by Infrastructure/Audit/AuditInterceptor.cs (raw SQL): keep the two in step.
        builder.Property(a => a.ActorType).HasConversion<string>().HasMaxLength(10);
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.ActionLength);
        builder.Property(a => a.EntityType).HasMaxLength(AuditEntry.EntityTypeLength);
        builder.Property(a => a.EntityId).HasMaxLength(AuditEntry.EntityIdLength);
        builder.Property(a => a.Changes).HasMaxLength(AuditEntry.ChangesLength);
        builder.Property(a => a.Ip).HasMaxLength(AuditEntry.IpLength);
        // Newest first, by time range (the list and retention), and an entity's history.
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}
