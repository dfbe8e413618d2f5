using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

/// <summary>Webhooks' published surface for an erasure: the stored events about one person, redacted.</summary>
public interface IWebhookEventRedaction
{
    /// <summary>
    /// Redacts every stored event of the sub-account (or not yet matched to one) whose body names the contact id, e-mail
    /// address or phone number; staged in the caller's unit of work, saved by it. Returns how many.
    /// </summary>
    Task<int> RedactAboutAsync(int subAccountId, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken);
}

public sealed class WebhookEventRedaction(IAppDbContext db) : IWebhookEventRedaction
{
    /// <summary>What a redacted body keeps: what the event was and the ids that tie it to its delivery, nothing about the person.</summary>
    private static readonly string[] KeptProperties = ["type", "locationId", "webhookId", "id", "contactId", "timestamp"];

    public async Task<int> RedactAboutAsync(int subAccountId, IReadOnlyCollection<string> identifiers, CancellationToken cancellationToken)
    {
        var terms = identifiers.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => "%" + EscapeLike(t.Trim()) + "%").Distinct().ToList();
        if (terms.Count == 0)
        {
            return 0;
        }

        var about = db.WebhookEvents.Include(e => e.Attempts).Where(e => e.SubAccountId == subAccountId || e.SubAccountId == null);
        var matching = new Dictionary<int, WebhookEvent>();
        foreach (var term in terms)
        {
            // One query per term: an OR of LIKEs is no faster (each scans the sub-account's bodies) and harder to read.
            foreach (var found in await about.Where(e => EF.Functions.Like(e.Body, term, "\\")).ToListAsync(cancellationToken))
            {
                matching.TryAdd(found.Id, found);
            }
        }

        // The LIKE only narrows: "c-1" is inside "loc-1", "ed@x.example" inside "zed@x.example". An event is about the
        // person when one of its values *is* their contact id, e-mail or phone.
        var values = identifiers.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList();
        var aboutThem = matching.Values.Where(e => NamesAny(e.Body, values)).ToList();
        foreach (var webhookEvent in aboutThem)
        {
            webhookEvent.Redact(Marker(webhookEvent.Body));
        }

        return aboutThem.Count;
    }

    private static bool NamesAny(string body, IReadOnlyList<string> values)
    {
        try
        {
            return JsonNode.Parse(body) is { } root && StringValues(root).Any(v => values.Contains(v.Trim(), StringComparer.OrdinalIgnoreCase));
        }
        catch (JsonException)
        {
            return true; // Not JSON (stored as received): it named the person somewhere, and cannot be read more closely.
        }
    }

    private static IEnumerable<string> StringValues(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(StringValues),
        JsonArray a => a.OfType<JsonNode>().SelectMany(StringValues),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };

    private static string Marker(string body)
    {
        var marker = new JsonObject { ["redacted"] = true };
        try
        {
            if (JsonNode.Parse(body) is JsonObject original)
            {
                foreach (var name in KeptProperties)
                {
                    if (original[name] is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number)
                    {
                        marker[name] = value.DeepClone();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (it was stored as received): nothing of it is kept.
        }

        return marker.ToJsonString();
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
