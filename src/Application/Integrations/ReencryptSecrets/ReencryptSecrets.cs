using IntegrationHub.Application.Common.Security;

namespace IntegrationHub.Application.Integrations;

/// <summary>
/// Key rotation, last step: moves every stored secret to the active key. Safe to run again; old keys can be
/// removed from configuration once it reports nothing remaining.
/// </summary>
public sealed record ReencryptSecretsCommand : ICommand<ReencryptSecretsResult>;

/// <param name="Reencrypted">Secrets moved to the active key by this run.</param>
/// <param name="Remaining">Secrets still under another key because the key ring cannot read them (their key is missing or different).</param>
public sealed record ReencryptSecretsResult(int Reencrypted, int Remaining);

public sealed class ReencryptSecretsHandler(IAppDbContext db, IntegrationConfigEditor configEditor, ISecretProtector protector)
    : ICommandHandler<ReencryptSecretsCommand, ReencryptSecretsResult>
{
    private const int BatchSize = 200;

    public async ValueTask<ReencryptSecretsResult> Handle(ReencryptSecretsCommand command, CancellationToken cancellationToken)
    {
        var total = new SecretMoves();
        var lastId = 0;
        while (true)
        {
            var batch = await db.Integrations.Where(i => i.Id > lastId).OrderBy(i => i.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var integration in batch)
            {
                var (config, moves) = configEditor.Reencrypt(integration.ConfigJson, integration.SubAccountId, integration.SecretScope);
                var context = WebhookSecrets.Context(integration.SubAccountId, integration.SecretScope);
                var current = Move(integration.WebhookSecret, context, ref moves);
                var previous = Move(integration.PreviousWebhookSecret, context, ref moves);
                if (config is not null || current != integration.WebhookSecret || previous != integration.PreviousWebhookSecret)
                {
                    integration.ReencryptSecrets(config ?? integration.ConfigJson, current, previous);
                }

                total += moves;
            }

            await db.SaveChangesAsync(cancellationToken);
            lastId = batch[^1].Id;
        }

        return new ReencryptSecretsResult(total.Moved, total.Remaining);
    }

    private string? Move(string? ciphertext, SecretContext context, ref SecretMoves moves)
    {
        if (ciphertext is null)
        {
            return null;
        }

        var (moved, move) = protector.MoveToActiveKey(ciphertext, context);
        moves = moves.Count(move);
        return moved;
    }
}
