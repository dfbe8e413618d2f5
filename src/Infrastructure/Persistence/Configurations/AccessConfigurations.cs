using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Access;
using IntegrationHub.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Infrastructure.Persistence.Configurations;

internal sealed class AdminUserConfiguration : IEntityTypeConfiguration<AdminUser>
{
    public void Configure(EntityTypeBuilder<AdminUser> builder)
    {
        builder.Ignore(a => a.DomainEvents);
        builder.Property(a => a.Email).HasMaxLength(FieldLengths.Email);
        builder.Property(a => a.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(a => a.TokenHash).HasMaxLength(FieldLengths.TokenHash);
        builder.HasIndex(a => a.Email).IsUnique();
        builder.HasIndex(a => a.TokenHash).IsUnique();
    }
}

internal sealed class AdminSessionConfiguration : IEntityTypeConfiguration<AdminSession>
{
    public void Configure(EntityTypeBuilder<AdminSession> builder)
    {
        builder.Property(s => s.IdHash).HasMaxLength(FieldLengths.TokenHash);
        builder.HasIndex(s => s.IdHash).IsUnique();
        builder.HasIndex(s => s.AdminUserId);
        // Deleting an admin ends its sessions with it.
        builder.HasOne<AdminUser>().WithMany().HasForeignKey(s => s.AdminUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubAccountConfiguration : IEntityTypeConfiguration<SubAccount>
{
    public void Configure(EntityTypeBuilder<SubAccount> builder)
    {
        builder.Ignore(s => s.DomainEvents);
        builder.Property(s => s.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(s => s.Timezone).HasMaxLength(FieldLengths.Timezone);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Ignore(u => u.DomainEvents);
        builder.Property(u => u.Email).HasMaxLength(FieldLengths.Email);
        builder.Property(u => u.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(u => u.TokenHash).HasMaxLength(FieldLengths.TokenHash);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.HasIndex(u => u.TokenHash).IsUnique();
        builder.HasIndex(u => u.SubAccountId);
        builder.HasOne<SubAccount>().WithMany().HasForeignKey(u => u.SubAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StrategyConfiguration : IEntityTypeConfiguration<Strategy>
{
    public void Configure(EntityTypeBuilder<Strategy> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(FieldLengths.Name);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
