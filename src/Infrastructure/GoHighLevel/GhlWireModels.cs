using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Application.GoHighLevel;

namespace IntegrationHub.Infrastructure.GoHighLevel;

// GoHighLevel's envelopes and spellings on the wire, unwrapped by the gateway before anything reaches Application.

public sealed record GhlLocationSearchResponse(IReadOnlyList<GhlLocation>? Locations);

public sealed record GhlLocationResponse(GhlLocation? Location);

public sealed record GhlCalendarsResponse(IReadOnlyList<GhlCalendar>? Calendars);

public sealed record GhlContactResponse(GhlContact? Contact);

public sealed record GhlUpdateContactResponse
{
    /// <summary>GoHighLevel's own spelling.</summary>
    [JsonPropertyName("succeded")]
    public bool Succeeded { get; init; }

    public GhlContact? Contact { get; init; }
}

public sealed record GhlTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    public string? Scope { get; init; }
    public string? UserType { get; init; }
    public string? LocationId { get; init; }
    public string? CompanyId { get; init; }
    public IReadOnlyList<string>? ApprovedLocations { get; init; }
    public string? UserId { get; init; }
    public bool? IsBulkInstallation { get; init; }
    public bool? InstallToFutureLocations { get; init; }
}

/// <summary>An OAuth error answer (<c>{error, error_description}</c>, or GoHighLevel's <c>{statusCode, message, error}</c>).</summary>
public sealed record GhlOAuthError
{
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }

    public JsonElement? Message { get; init; }
}

/// <summary>GoHighLevel's <c>{events: [...]}</c> of a calendar's appointments or blocked slots.</summary>
public sealed record GhlCalendarEventsResponse(IReadOnlyList<GhlCalendarEvent>? Events);
