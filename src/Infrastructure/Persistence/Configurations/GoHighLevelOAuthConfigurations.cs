using IntegrationHub.Domain.Access;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Infrastructure.Persistence.Configurations;

internal sealed class GhlConnectStateConfiguration : IEntityTypeConfiguration<GhlConnectState>
{
    public void Configure(EntityTypeBuilder<GhlConnectState> builder)
    {
        builder.Property(s => s.StateHash).HasMaxLength(GhlConnectState.HashLength);
        builder.Property(s => s.RedirectUri).HasMaxLength(GhlConnectState.RedirectUriLength);
        builder.HasIndex(s => s.StateHash).IsUnique();
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasOne<SubAccount>().WithMany().HasForeignKey(s => s.SubAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AdminUser>().WithMany().HasForeignKey(s => s.AdminId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GhlInstallationConfiguration : IEntityTypeConfiguration<GhlInstallation>
{
    public void Configure(EntityTypeBuilder<GhlInstallation> builder)
    {
        builder.Property(i => i.CompanyId).HasMaxLength(GhlInstallation.CompanyIdLength);
        builder.Property(i => i.CompanyName).HasMaxLength(GhlInstallation.NameLength);
        builder.Property(i => i.AccessTokenCipher).HasMaxLength(GhlInstallation.CipherLength);
        builder.Property(i => i.RefreshTokenCipher).HasMaxLength(GhlInstallation.CipherLength);
        builder.Property(i => i.Scope).HasMaxLength(GhlInstallation.ScopeLength);
        builder.Property(i => i.Problem).HasMaxLength(GhlInstallation.NameLength * 2);
        builder.HasIndex(i => i.CompanyId).IsUnique();
        builder.HasOne<AdminUser>().WithMany().HasForeignKey(i => i.InstalledByAdminId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(i => i.Locations).WithOne().HasForeignKey(l => l.GhlInstallationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Locations).HasField("_locations").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class GhlInstallationLocationConfiguration : IEntityTypeConfiguration<GhlInstallationLocation>
{
    public void Configure(EntityTypeBuilder<GhlInstallationLocation> builder)
    {
        builder.Property(l => l.LocationId).HasMaxLength(GhlInstallationLocation.LocationIdLength);
        builder.Property(l => l.Name).HasMaxLength(GhlInstallation.NameLength);
        builder.HasIndex(l => new { l.GhlInstallationId, l.LocationId }).IsUnique();
        builder.HasIndex(l => l.LocationId);
        // Linked means IntegrationId is set: deleting the integration (or its sub-account, which deletes its integrations)
        // unlinks the location and the approval stays listed. SubAccountId is the sub-account it was linked to, read only
        // while linked; a second foreign key to SubAccounts would give SQL Server two cascade paths to this table.
        builder.HasIndex(l => l.SubAccountId);
        builder.HasOne<Integration>().WithMany().HasForeignKey(l => l.IntegrationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TokenRefreshLeaseConfiguration : IEntityTypeConfiguration<TokenRefreshLease>
{
    public void Configure(EntityTypeBuilder<TokenRefreshLease> builder)
    {
        builder.HasKey(l => l.Key);
        builder.Property(l => l.Key).HasMaxLength(TokenRefreshLease.KeyLength);
        builder.Property(l => l.Holder).HasMaxLength(TokenRefreshLease.HolderLength);
    }
}
