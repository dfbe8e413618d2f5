using System.Text.Json;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Outbound;

namespace IntegrationHub.Application.Outbound;

/// <summary>An outbound operation as admins list it; <paramref name="Attempts"/> is how many tries it has had.</summary>
public sealed record OutboundOperationDto(int Id, string Kind, string Status, int? IntegrationId, int? LeadId, int Attempts,
    DateTime? NextAttemptAt, string? LastError, DateTime CreatedAt, DateTime? CompletedAt)
{
    public static OutboundOperationDto From(OutboundOperation o) => new(o.Id, o.Kind.ToApiName(), o.Status.ToApiName(), o.IntegrationId,
        o.LeadId, o.AttemptCount, o.NextAttemptAt, o.LastError, o.CreatedAt, o.CompletedAt);
}

public sealed record OutboundAttemptDto(int Number, DateTime At, int? HttpStatus, string? TraceId, string? Error, int DurationMs);

/// <summary>
/// One operation with every try and the request it sends (method, path, body: never a credential or a signature, which
/// the deliveries leave out of what they record).
/// </summary>
/// <param name="Request">The stored request as JSON; null before the first try. A request cut at the stored length is
/// no longer JSON: it is then the stored text, as a string.</param>
public sealed record OutboundOperationDetailsDto(int Id, string Kind, string Status, int? IntegrationId, int? LeadId,
    DateTime? NextAttemptAt, string? LastError, string? LastTraceId, DateTime CreatedAt, DateTime? CompletedAt,
    IReadOnlyList<OutboundAttemptDto> Attempts, JsonElement? Request)
{
    public static OutboundOperationDetailsDto From(OutboundOperation o) => new(o.Id, o.Kind.ToApiName(), o.Status.ToApiName(), o.IntegrationId,
        o.LeadId, o.NextAttemptAt, o.LastError, o.LastTraceId, o.CreatedAt, o.CompletedAt,
        o.Attempts.OrderBy(a => a.Number).Select(a => new OutboundAttemptDto(a.Number, a.At, a.HttpStatus, a.TraceId, a.Error, a.DurationMs)).ToList(),
        Parse(o.RequestJson));

    private static JsonElement? Parse(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(stored);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(stored);
        }
    }
}

/// <summary>How many operations there are by status and by kind; every status and kind is listed, zeros included.</summary>
public sealed record OutboundSummary(IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByKind);
