using IntegrationHub.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Infrastructure.Persistence.Configurations;

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.Property(e => e.DeliveryId).HasMaxLength(220);
        builder.Property(e => e.Source).HasMaxLength(50);
        builder.Property(e => e.EventType).HasMaxLength(200);
        builder.Property(e => e.LocationId).HasMaxLength(200);
        builder.Property(e => e.SignatureScheme).HasMaxLength(50);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.LastError).HasMaxLength(WebhookEvent.MaxErrorLength);
        builder.Property(e => e.TraceParent).HasMaxLength(WebhookEvent.MaxTraceParentLength);

        // The duplicate check: one row per delivery, enforced by the database.
        builder.HasIndex(e => e.DeliveryId).IsUnique();
        builder.HasIndex(e => new { e.Status, e.NextAttemptAt });
        builder.HasIndex(e => e.LocationId);

        // Which instance processes the event, until when (several instances on one server database).
        builder.Property<DateTime?>(Webhooks.WebhookEventLeases.LeasedUntil);
        builder.Property<Guid?>(Webhooks.WebhookEventLeases.LeaseToken);
        builder.HasMany(e => e.Attempts).WithOne().HasForeignKey(a => a.WebhookEventId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Attempts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.Ignore(a => a.Succeeded);
        builder.Property(a => a.Error).HasMaxLength(2000);
    }
}

internal sealed class RouteChangeConfiguration : IEntityTypeConfiguration<Webhooks.RouteChange>
{
    public void Configure(EntityTypeBuilder<Webhooks.RouteChange> builder)
    {
        builder.ToTable("RouteChanges");
        builder.Property(c => c.LocationId).HasMaxLength(200);
        builder.HasIndex(c => c.ChangedAt);
    }
}
