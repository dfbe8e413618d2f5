using System.Text.Json.Serialization;
using IntegrationHub.Application.GoHighLevel;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>Source-generated JSON metadata for every GoHighLevel shape (Refit's generated client needs it).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GhlLocationSearchResponse))]
[JsonSerializable(typeof(GhlLocationResponse))]
[JsonSerializable(typeof(GhlCalendarsResponse))]
[JsonSerializable(typeof(GhlBlockSlotRequest))]
[JsonSerializable(typeof(GhlBlockSlot))]
[JsonSerializable(typeof(GhlContactRequest))]
[JsonSerializable(typeof(GhlContactResponse))]
[JsonSerializable(typeof(GhlUpdateContactResponse))]
[JsonSerializable(typeof(GhlUpsertContactResponse))]
[JsonSerializable(typeof(GhlSearchContactsRequest))]
[JsonSerializable(typeof(GhlSearchContactsResponse))]
[JsonSerializable(typeof(GhlTokenResponse))]
[JsonSerializable(typeof(GhlOAuthError))]
[JsonSerializable(typeof(GhlSendMessageRequest))]
[JsonSerializable(typeof(GhlAppointmentRequest))]
[JsonSerializable(typeof(GhlCalendarEvent))]
[JsonSerializable(typeof(GhlCalendarEventsResponse))]
[JsonSerializable(typeof(GhlSendMessageResponse))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(GhlErrorBody))]
internal sealed partial class GhlJsonContext : JsonSerializerContext;

/// <summary>GoHighLevel's error body: <c>{"statusCode":401,"message":"Invalid JWT"}</c> (message may be an array).</summary>
internal sealed record GhlErrorBody(int? StatusCode, System.Text.Json.JsonElement? Message, string? Error, string? TraceId, GhlErrorMeta? Meta);

/// <summary>What GoHighLevel's duplicate-contact 400 says about the contact that already exists.</summary>
internal sealed record GhlErrorMeta(string? ContactId, string? ContactName, string? MatchingField);
