using IntegrationHub.Application.Integrations;
using IntegrationHub.Infrastructure.Security;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// Start-up self-check: every stored secret must decrypt with the configured key ring. A missing or different key is
/// otherwise found only when a webhook arrives, and then each one is refused until GoHighLevel gives up.
/// </summary>
internal static class KeyRingSelfCheck
{
    /// <summary>One line per missing or different key, prefixed as the service's other start-up failures; none when all is well.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IServiceProvider services, string[] args)
    {
        using var scope = services.CreateScope();
        var problems = await scope.ServiceProvider.GetRequiredService<StoredSecretKeys>().FindUnreadableAsync(CancellationToken.None);
        var ring = services.GetRequiredService<EncryptionKeyRing>();
        var prefix = KeyCommands.IsKeysCommand(args) ? "IntegrationHub cannot re-encrypt: " : "IntegrationHub cannot start: ";
        return problems.Select(p => prefix + UnreadableSecretsReport.Describe(p, ring)).ToList();
    }
}
