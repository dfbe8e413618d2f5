using IntegrationHub.Application.Common.Auditing;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Domain.Audit;
using IntegrationHub.Infrastructure.Security;
using Mediator;

namespace IntegrationHub.Web.Infrastructure;

/// <summary><c>dotnet run --project src/Web -- keys reencrypt</c>: the last step of a key rotation.</summary>
internal static class KeyCommands
{
    public static bool IsKeysCommand(string[] args) => args is ["keys", "reencrypt", ..];

    public static async Task<int> ReencryptAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        // An operator's command, not a caller of the API: audited as the hub itself (actor "system").
        using var audited = scope.ServiceProvider.GetRequiredService<IAuditTrail>()
            .Begin("ReencryptSecrets", new AuditActor(AuditActorType.System, null, null));
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReencryptSecretsCommand());
        var activeKeyId = services.GetRequiredService<EncryptionKeyRing>().ActiveKeyId;
        Console.WriteLine($"Re-encrypted {result.Reencrypted} secrets under the active key '{activeKeyId}'; {result.Remaining} remaining under other keys.");
        if (result.Remaining > 0)
        {
            // Only when another instance wrote secrets with a key this one lacks since the self-check ran.
            Console.Error.WriteLine("IntegrationHub cannot re-encrypt every secret: run keys reencrypt again to see which key to add.");
            return 1;
        }

        Console.WriteLine($"Every stored secret is under '{activeKeyId}': other keys can be removed from the configuration.");
        return 0;
    }
}
