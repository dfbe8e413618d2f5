using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Infrastructure.Webhooks;

/// <summary>
/// Location id → webhook route, cached for a few seconds (absence too). <see cref="AppDbContext"/> calls
/// <see cref="Forget"/> for every integration it saves, so a rotated secret or a new integration counts at once
/// in this process; another instance sees it within the expiry.
/// </summary>
public sealed class CachedWebhookRoutes(IServiceScopeFactory scopes, IUnsignedWebhookOptIn unsigned) : IWebhookRoutes, IDisposable
{
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(10);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public async Task<WebhookRoute?> FindAsync(string locationId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(locationId, out WebhookRoute? cached))
        {
            return cached;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var route = await db.Integrations.AsNoTracking()
            .WithSpecification(new IntegrationsByLocationSpec(locationId))
            .Select(i => new { Route = new WebhookRoute(i.Id, i.SubAccountId, i.SecretScope, i.WebhookSecret, i.PreviousWebhookSecret,
                i.PreviousWebhookSecretExpiresAt, false), i.ConfigJson })
            .FirstOrDefaultAsync(cancellationToken) is { } found
            ? found.Route with { AllowsUnsigned = unsigned.AllowsUnsigned(found.ConfigJson) }
            : null;
        _cache.Set(locationId, route, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Expiry, Size = 1 });
        return route;
    }

    public void Forget(string locationId) => _cache.Remove(locationId);

    public void Dispose() => _cache.Dispose();
}
