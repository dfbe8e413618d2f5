using IntegrationHub.Application.Common.Security;
using IntegrationHub.Application.Integrations;

namespace IntegrationHub.Infrastructure.Security;

/// <summary>One line per key the stored secrets need and the ring lacks: the key id, the integrations, what to configure.</summary>
public static class UnreadableSecretsReport
{
    private const int ListedIntegrations = 10;

    public static string Describe(UnreadableSecrets problem, EncryptionKeyRing ring) => problem.State switch
    {
        SecretKeyState.KeyMissing =>
            $"the stored secrets of {Integrations(problem.IntegrationIds)} are encrypted with key '{problem.KeyId}', which is not configured: " +
            $"add it as IntegrationHub:Encryption:Keys:{problem.KeyId} (environment variable IntegrationHub__Encryption__Keys__{problem.KeyId})" +
            (EncryptionKeyRing.IsDevelopmentKeyIn(ring.DataDirectory, problem.KeyId)
                ? $", whose value a Development start generated into {Path.Combine(ring.DataDirectory, EncryptionKeyRing.DevelopmentKeyFile)}."
                : ", with the value they were written with."),
        _ =>
            $"the stored secrets of {Integrations(problem.IntegrationIds)} do not decrypt with the configured key '{problem.KeyId}': " +
            "it is not the key they were written with (each data folder generates its own Development key); " +
            $"configure that original key as IntegrationHub:Encryption:Keys:{problem.KeyId}.",
    };

    private static string Integrations(IReadOnlyList<int> ids)
    {
        var listed = string.Join(", ", ids.Take(ListedIntegrations));
        var more = ids.Count > ListedIntegrations ? $" and {ids.Count - ListedIntegrations} more" : "";
        return (ids.Count == 1 ? "integration " : "integrations ") + listed + more;
    }
}
