using IntegrationHub.Application.Common.Security;

namespace IntegrationHub.Application.Integrations;

/// <summary>Integrations with stored secrets that the key ring cannot read, for one key id and one reason.</summary>
public sealed record UnreadableSecrets(string KeyId, SecretKeyState State, IReadOnlyList<int> IntegrationIds);

/// <summary>
/// Finds stored secrets the configured key ring cannot decrypt. A missing or different key is otherwise silent until
/// a webhook or a call to GoHighLevel needs the secret, and then every such webhook is refused; the start-up
/// self-check, <c>keys reencrypt</c> and readiness ask here first.
/// </summary>
public sealed class StoredSecretKeys(IAppDbContext db, ISecretProtector protector)
{
    public async Task<IReadOnlyList<UnreadableSecrets>> FindUnreadableAsync(CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string KeyId, SecretKeyState State), SortedSet<int>>();
        var rows = db.Integrations.AsNoTracking()
            .Select(i => new { i.Id, i.SubAccountId, i.SecretScope, i.ConfigJson, i.WebhookSecret, i.PreviousWebhookSecret })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var secrets = IntegrationConfigEditor.StoredCiphertexts(row.ConfigJson)
                .Select(s => (s.Ciphertext, Context: IntegrationConfigEditor.Context(row.SubAccountId, row.SecretScope, s.Name)))
                .Concat(new[] { row.WebhookSecret, row.PreviousWebhookSecret }.OfType<string>()
                    .Select(s => (Ciphertext: s, Context: WebhookSecrets.Context(row.SubAccountId, row.SecretScope))));
            foreach (var (ciphertext, context) in secrets)
            {
                var readability = protector.Check(ciphertext, context);
                if (readability.State != SecretKeyState.Readable)
                {
                    var key = (readability.KeyId, readability.State);
                    (found.TryGetValue(key, out var ids) ? ids : found[key] = []).Add(row.Id);
                }
            }
        }

        return found.OrderBy(f => f.Key.KeyId, StringComparer.Ordinal).ThenBy(f => f.Key.State)
            .Select(f => new UnreadableSecrets(f.Key.KeyId, f.Key.State, f.Value.ToList()))
            .ToList();
    }
}
