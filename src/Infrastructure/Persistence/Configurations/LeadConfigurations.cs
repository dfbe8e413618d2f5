using System.Text.Json;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Infrastructure.Persistence.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.Ignore(l => l.DomainEvents);
        builder.Property(l => l.Name).HasMaxLength(Lead.MaxLength.Name);
        builder.Property(l => l.FirstName).HasMaxLength(Lead.MaxLength.FirstName);
        builder.Property(l => l.LastName).HasMaxLength(Lead.MaxLength.LastName);
        builder.Property(l => l.Email).HasMaxLength(Lead.MaxLength.Email);
        builder.Property(l => l.Phone).HasMaxLength(Lead.MaxLength.Phone);
        builder.Property(l => l.Company).HasMaxLength(Lead.MaxLength.Company);
        builder.Property(l => l.Address).HasMaxLength(Lead.MaxLength.Address);
        builder.Property(l => l.City).HasMaxLength(Lead.MaxLength.City);
        builder.Property(l => l.State).HasMaxLength(Lead.MaxLength.State);
        builder.Property(l => l.PostalCode).HasMaxLength(Lead.MaxLength.PostalCode);
        builder.Property(l => l.Country).HasMaxLength(Lead.MaxLength.Country);
        builder.Property(l => l.Timezone).HasMaxLength(Lead.MaxLength.Timezone);
        builder.Property(l => l.Source).HasMaxLength(Lead.MaxLength.Source);
        builder.Property(l => l.ExternalContactId).HasMaxLength(Lead.MaxLength.ExternalContactId);
        builder.Property(l => l.CustomFieldsJson).HasColumnName("CustomFields").HasDefaultValue("{}");
        builder.Property(l => l.SyncStateJson).HasColumnName("SyncState").HasDefaultValue("{}");
        builder.Ignore(l => l.SyncState);
        // Optimistic concurrency: a contact.update holds its lead across calls to GoHighLevel, and its save must not
        // overwrite a hub edit or a GoHighLevel event committed meanwhile (RowVersions bumps it on every change).
        builder.Property<int>(RowVersions.Column).IsConcurrencyToken().HasDefaultValue(0);
        builder.Property(l => l.Tags)
            .HasField("_tags")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(
                tags => JsonSerializer.Serialize(tags, (JsonSerializerOptions?)null),
                json => (IReadOnlyList<string>)(JsonSerializer.Deserialize<List<string>>(json, (JsonSerializerOptions?)null) ?? new List<string>()).AsReadOnly())
            .Metadata.SetValueComparer(new ValueComparer<IReadOnlyList<string>>(
                (a, b) => a!.SequenceEqual(b!),
                tags => tags.Aggregate(0, (hash, tag) => HashCode.Combine(hash, tag.GetHashCode(StringComparison.Ordinal))),
                tags => tags.ToList().AsReadOnly()));

        // The same GoHighLevel contact never becomes two leads of one sub-account.
        builder.HasIndex(l => new { l.SubAccountId, l.ExternalContactId }).IsUnique();
        builder.HasIndex(l => new { l.SubAccountId, l.CreatedAt });
        builder.HasIndex(l => new { l.SubAccountId, l.UpdatedAt });
        builder.HasIndex(l => l.UpdatedAt);
        // An admin's list, newest first over every sub-account, walks this (a broad search checks each row on the way).
        builder.HasIndex(l => l.CreatedAt);

        // SQLite keeps its search index (FTS5 table "LeadSearch") in step with the search triggers (migration
        // LeadSearch); every provider keeps LeadTags in step with the tags triggers (migration LeadTags). EF must not
        // combine its writes with RETURNING/OUTPUT on a table that has triggers.
        builder.ToTable(t =>
        {
            t.HasTrigger("Leads_search_insert");
            t.HasTrigger("Leads_search_update");
            t.HasTrigger("Leads_search_delete");
            t.HasTrigger("Leads_tags_insert");
            t.HasTrigger("Leads_tags_update");
        });
        builder.HasOne<SubAccount>().WithMany().HasForeignKey(l => l.SubAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.RegularUserId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Strategy>().WithMany().HasForeignKey(l => l.StrategyId).OnDelete(DeleteBehavior.NoAction);
    }
}

/// <summary>Written only by the triggers on Leads (migration LeadTags); a lead's deletion cascades to its rows.</summary>
internal sealed class LeadTagConfiguration : IEntityTypeConfiguration<LeadTag>
{
    public void Configure(EntityTypeBuilder<LeadTag> builder)
    {
        builder.HasKey(t => new { t.LeadId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(LeadTag.MaxLength);
        // "This sub-account's leads tagged X, newest first" and "all leads tagged X, newest first": one index range each,
        // in page order, the lead's id included so that ties order as the lead list does (createdAt, then id).
        builder.HasIndex(t => new { t.SubAccountId, t.Tag, t.CreatedAt, t.LeadId });
        builder.HasIndex(t => new { t.Tag, t.CreatedAt, t.LeadId });
        builder.HasOne<Lead>().WithMany().HasForeignKey(t => t.LeadId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadMessageConfiguration : IEntityTypeConfiguration<LeadMessage>
{
    public void Configure(EntityTypeBuilder<LeadMessage> builder)
    {
        builder.Property(m => m.ExternalContactId).HasMaxLength(128);
        builder.Property(m => m.ExternalMessageId).HasMaxLength(128);
        builder.Property(m => m.MessageType).HasMaxLength(50);
        builder.Ignore(m => m.Channel);
        builder.Property(m => m.Subject).HasMaxLength(1000);
        builder.Property(m => m.From).HasMaxLength(320);
        builder.Property(m => m.To).HasMaxLength(2000);
        builder.Property(m => m.Direction).HasMaxLength(20);
        builder.Property(m => m.Status).HasMaxLength(50);
        builder.HasIndex(m => m.LeadId);
        builder.HasIndex(m => new { m.SubAccountId, m.ExternalContactId });
        builder.HasIndex(m => new { m.SubAccountId, m.ExternalMessageId }).IsUnique();
        builder.Property(m => m.ExternalConversationId).HasMaxLength(LeadMessage.MaxIdLength);
        builder.Property(m => m.ExternalEmailMessageId).HasMaxLength(LeadMessage.MaxIdLength);
        builder.Property(m => m.FailureReason).HasMaxLength(LeadMessage.MaxFailureLength);
        builder.HasIndex(m => new { m.SubAccountId, m.ExternalEmailMessageId });
        builder.HasOne<Domain.Outbound.OutboundOperation>().WithMany().HasForeignKey(m => m.SendOperationId).OnDelete(DeleteBehavior.NoAction);
        // A message sent from the hub is changed by its send (the answer) and by its echo (the webhook), which may come
        // first: neither may overwrite the other's committed change (RowVersions).
        builder.Property<int>(RowVersions.Column).IsConcurrencyToken().HasDefaultValue(0);
        builder.HasOne<SubAccount>().WithMany().HasForeignKey(m => m.SubAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Lead>().WithMany().HasForeignKey(m => m.LeadId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.Property(b => b.CalendarId).HasMaxLength(Booking.MaxIdLength);
        builder.Property(b => b.Title).HasMaxLength(Booking.MaxTitleLength);
        builder.Property(b => b.Notes).HasMaxLength(Booking.MaxNotesLength);
        builder.Property(b => b.ExternalEventId).HasMaxLength(Booking.MaxIdLength);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(b => b.StartTime);
        builder.Ignore(b => b.EndTime);
        builder.HasIndex(b => b.LeadId);
        builder.HasIndex(b => new { b.SubAccountId, b.StartUtc });
        builder.HasIndex(b => new { b.SubAccountId, b.ExternalEventId });
        // A booking is changed in the hub and by GoHighLevel's appointment webhooks: neither overwrites the other (RowVersions).
        builder.Property<int>(RowVersions.Column).IsConcurrencyToken().HasDefaultValue(0);
        builder.HasOne<SubAccount>().WithMany().HasForeignKey(b => b.SubAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Lead>().WithMany().HasForeignKey(b => b.LeadId).OnDelete(DeleteBehavior.NoAction);
    }
}
