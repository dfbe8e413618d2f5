using IntegrationHub.Application.Integrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Infrastructure.Security;

/// <summary>
/// Not ready while a stored secret cannot be decrypted: its integration's webhooks cannot be verified and its calls
/// to GoHighLevel cannot be signed. The start-up self-check refuses that state; it can still arise later, when
/// another instance on the same database writes secrets with a key this one lacks.
/// </summary>
internal sealed class StoredSecretKeysHealthCheck(StoredSecretKeys storedSecretKeys, EncryptionKeyRing ring) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = await storedSecretKeys.FindUnreadableAsync(cancellationToken);
        return problems.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(string.Join(" ", problems.Select(p => UnreadableSecretsReport.Describe(p, ring))));
    }
}
