using IntegrationHub.Domain.Access;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Templates;
using IntegrationHub.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Infrastructure.Persistence.Configurations;

internal sealed class IntegrationTemplateConfiguration : IEntityTypeConfiguration<IntegrationTemplate>
{
    public void Configure(EntityTypeBuilder<IntegrationTemplate> builder)
    {
        builder.Ignore(t => t.DomainEvents);
        builder.Property(t => t.Name).HasMaxLength(IntegrationTemplate.NameMaxLength);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.DisplayName).HasMaxLength(IntegrationTemplate.DisplayNameMaxLength);
        builder.Property(t => t.Category).HasMaxLength(IntegrationTemplate.CategoryMaxLength);
        builder.Property(t => t.Icon).HasMaxLength(IntegrationTemplate.IconMaxLength);
        builder.Property(t => t.WebhookUrl).HasMaxLength(IntegrationTemplate.WebhookUrlMaxLength);
        builder.Property(t => t.ApiVersion).HasMaxLength(IntegrationTemplate.ApiVersionMaxLength);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasOne<AdminUser>().WithMany().HasForeignKey(t => t.CreatedByAdminId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class IntegrationConfiguration : IEntityTypeConfiguration<Integration>
{
    public void Configure(EntityTypeBuilder<Integration> builder)
    {
        builder.Ignore(i => i.DomainEvents);
        builder.Ignore(i => i.IsActive);
        builder.Property(i => i.Name).HasMaxLength(Integration.MaxNameLength);
        builder.Property(i => i.SecretScope).HasMaxLength(64);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.ExternalAccountId).HasMaxLength(128);
        builder.Property(i => i.ErrorMessage).HasMaxLength(Integration.MaxErrorLength);
        builder.Property(i => i.WebhookSecret).HasMaxLength(500);
        builder.Property(i => i.PreviousWebhookSecret).HasMaxLength(500);

        // Webhooks find their integration by GoHighLevel location id: an indexed column, never a JSON scan. Unique, so a
        // location routes to exactly one integration (two would leave the other's signed events unverifiable).
        builder.HasIndex(i => i.ExternalAccountId).IsUnique();
        builder.HasIndex(i => new { i.SubAccountId, i.Status });
        builder.HasIndex(i => new { i.Status, i.NextCheckAt });
        builder.HasOne<SubAccount>().WithMany().HasForeignKey(i => i.SubAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<IntegrationTemplate>().WithMany().HasForeignKey(i => i.IntegrationTemplateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AdminUser>().WithMany().HasForeignKey(i => i.CreatedByAdminId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class IntegrationAlertConfiguration : IEntityTypeConfiguration<IntegrationAlert>
{
    public void Configure(EntityTypeBuilder<IntegrationAlert> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Message).HasMaxLength(IntegrationAlert.MaxMessageLength);
        builder.HasIndex(a => new { a.IntegrationId, a.RaisedAt });
        builder.HasIndex(a => a.RaisedAt);
        builder.HasOne<Integration>().WithMany().HasForeignKey(a => a.IntegrationId).OnDelete(DeleteBehavior.Cascade);
        // Written with the operation that delivers it: the relationship lets EF put the new operation's id in.
        builder.HasOne<Domain.Outbound.OutboundOperation>().WithMany().HasForeignKey(a => a.DeliveryOperationId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    /// <summary>The filter of the one-active-run index, with the status column quoted as the provider quotes it.</summary>
    public static string OneActiveRunFilter(string statusColumn) =>
        $"{statusColumn} IN ('{nameof(SyncRunStatus.Queued)}', '{nameof(SyncRunStatus.Running)}')";

    public void Configure(EntityTypeBuilder<SyncRun> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Trigger).HasMaxLength(20);
        builder.Property(r => r.Error).HasMaxLength(Integration.MaxErrorLength);
        builder.Ignore(r => r.IsFinished);
        builder.HasIndex(r => new { r.IntegrationId, r.Status });
        // One sync per integration at a time, also between instances: a second queued or running run cannot be stored.
        builder.HasIndex(r => r.IntegrationId).IsUnique().HasFilter(OneActiveRunFilter("\"Status\""))
            .HasDatabaseName("IX_SyncRuns_OneActivePerIntegration");
        builder.HasOne<Integration>().WithMany().HasForeignKey(r => r.IntegrationId).OnDelete(DeleteBehavior.Cascade);
    }
}
