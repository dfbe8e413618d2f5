using IntegrationHub.Domain.Leads;
using IntegrationHub.Domain.Outbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Infrastructure.Persistence.Configurations;

internal sealed class OutboundOperationConfiguration : IEntityTypeConfiguration<OutboundOperation>
{
    public void Configure(EntityTypeBuilder<OutboundOperation> builder)
    {
        builder.ToTable("OutboundOperations");
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.LastError).HasMaxLength(OutboundOperation.MaxErrorLength);
        builder.Property(o => o.LastTraceId).HasMaxLength(OutboundOperation.MaxTraceIdLength);
        builder.Property(o => o.RequestJson).HasMaxLength(OutboundOperation.MaxRequestLength);
        builder.Ignore(o => o.IsFinished);
        builder.Ignore(o => o.CanCancel);

        // The dispatcher's question: what is due now; and per lead, what came before.
        builder.HasIndex(o => new { o.Status, o.NextAttemptAt });
        builder.HasIndex(o => o.LeadId);
        builder.HasIndex(o => o.IntegrationId);

        // Written in the same save as a new lead: the relationship lets EF put the lead's new id in. Erasing a lead
        // keeps the history of what was sent for it, without the link.
        builder.HasOne<Lead>().WithMany().HasForeignKey(o => o.LeadId).OnDelete(DeleteBehavior.SetNull);
        // The same for a new booking. The database holds no constraint for it (migration Bookings leaves it out): a booking
        // goes when its sub-account goes, while operations stay as history, and SQL Server allows no second cascade path
        // into this table. The relationship is only there so EF puts the new booking's id in.
        builder.HasOne<Booking>().WithMany().HasForeignKey(o => o.BookingId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(o => o.BookingId);

        // Which instance delivers the operation, until when (several instances on one server database).
        builder.Property<DateTime?>(Outbound.OutboundLeases.LeasedUntil);
        builder.Property<Guid?>(Outbound.OutboundLeases.LeaseToken);

        builder.HasMany(o => o.Attempts).WithOne().HasForeignKey(a => a.OutboundOperationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(o => o.Attempts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OutboundAttemptConfiguration : IEntityTypeConfiguration<OutboundAttempt>
{
    public void Configure(EntityTypeBuilder<OutboundAttempt> builder)
    {
        builder.ToTable("OutboundAttempts");
        builder.Property(a => a.TraceId).HasMaxLength(OutboundOperation.MaxTraceIdLength);
        builder.Property(a => a.Error).HasMaxLength(OutboundOperation.MaxErrorLength);
    }
}
