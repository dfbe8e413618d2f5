using IntegrationHub.Application.Common.Security;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// Key rotation, last step: moves every stored secret to the active key. Safe to run again; old keys can be
/// removed from configuration once it reports nothing left.
/// </summary>
public sealed record ReencryptSecretsCommand : ICommand<ReencryptSecretsResult>;

public sealed record ReencryptSecretsResult(int IntegrationsScanned, int IntegrationsReencrypted);

public sealed class ReencryptSecretsHandler(IAppDbContext db, IntegrationConfigEditor configEditor, ISecretProtector protector)
    : ICommandHandler<ReencryptSecretsCommand, ReencryptSecretsResult>
{
    private const int BatchSize = 200;

    public async ValueTask<ReencryptSecretsResult> Handle(ReencryptSecretsCommand command, CancellationToken cancellationToken)
    {
        int scanned = 0, changed = 0, lastId = 0;
        while (true)
        {
            var batch = await db.Integrations.Where(i => i.Id > lastId).OrderBy(i => i.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var integration in batch)
            {
                scanned++;
                var config = configEditor.Reencrypt(integration.ConfigJson, integration.SubAccountId, integration.SecretScope);
                var current = Rewrap(integration.WebhookSecret, integration);
                var previous = Rewrap(integration.PreviousWebhookSecret, integration);
                if (config is null && current == integration.WebhookSecret && previous == integration.PreviousWebhookSecret)
                {
                    continue;
                }

                integration.ReencryptSecrets(config ?? integration.ConfigJson, current, previous);
                changed++;
            }

            await db.SaveChangesAsync(cancellationToken);
            lastId = batch[^1].Id;
        }

        return new ReencryptSecretsResult(scanned, changed);
    }

    private string? Rewrap(string? ciphertext, Domain.Integrations.Integration integration)
    {
        if (ciphertext is null || !protector.NeedsReencryption(ciphertext))
        {
            return ciphertext;
        }

        var context = WebhookSecrets.Context(integration.SubAccountId, integration.SecretScope);
        return protector.Protect(protector.Unprotect(ciphertext, context), context);
    }
}
