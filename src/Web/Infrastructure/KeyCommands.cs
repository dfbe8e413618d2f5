using IntegrationHub.Application.Integrations;
using Mediator;

namespace IntegrationHub.Web.Infrastructure;

/// <summary><c>dotnet run --project src/Web -- keys reencrypt</c>: the last step of a key rotation.</summary>
internal static class KeyCommands
{
    public static async Task ReencryptAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReencryptSecretsCommand());
        Console.WriteLine($"Re-encrypted the secrets of {result.IntegrationsReencrypted} of {result.IntegrationsScanned} integrations under the active key.");
    }
}
