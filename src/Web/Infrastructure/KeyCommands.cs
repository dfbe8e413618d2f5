using IntegrationHub.Application.Integrations;
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
