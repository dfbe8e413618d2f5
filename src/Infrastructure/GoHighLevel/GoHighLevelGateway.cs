using System.Diagnostics;
using System.Net;
using System.Text.Json;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.GoHighLevel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace IntegrationHub.Infrastructure.GoHighLevel;

/// <summary>
/// Calls GoHighLevel through a Refit-generated client built per connection: each integration has its own base
/// URL, token and API version, so the client is assembled around one shared connection pool rather than
/// registered once in DI (see docs/adr/0003-gohighlevel-client.md).
/// </summary>
public sealed partial class GoHighLevelGateway(
    IOptions<GoHighLevelOptions> options,
    LocationRateLimiter limiter,
    LocationCircuitBreakers breakers,
    GoHighLevelMetrics metrics,
    Network.GuardedConnections connections,
    TimeProvider clock,
    ILogger<GoHighLevelGateway> logger) : IGoHighLevelGateway, IDisposable
{
    public TimeSpan InteractiveDeadline => options.Value.InteractiveDeadline;

    /// <summary>One pool for every connection; each new connection passes the outbound address guard, token refreshes included.</summary>
    private readonly SocketsHttpHandler _pool = connections.CreateHandler();

    public Task<IReadOnlyList<GhlLocation>> SearchLocations(GhlConnection connection, string? companyId, CancellationToken cancellationToken) =>
        Call(connection, "search_locations", async api => (await api.SearchLocations(companyId, 0, 10, "asc", null, cancellationToken)).Locations
            ?? throw Invalid("locations"));

    public Task<GhlLocation> GetLocation(GhlConnection connection, CancellationToken cancellationToken) =>
        Call(connection, "get_location", async api => (await api.GetLocation(connection.LocationId, cancellationToken)).Location ?? throw Invalid("location"));

    public Task<IReadOnlyList<GhlCalendar>> GetCalendars(GhlConnection connection, CancellationToken cancellationToken) =>
        Call(connection, "get_calendars", async api => (await api.GetCalendars(connection.LocationId, cancellationToken)).Calendars ?? throw Invalid("calendars"));

    public Task<GhlBlockSlot> CreateBlockSlot(GhlConnection connection, GhlBlockSlotRequest request, CancellationToken cancellationToken) =>
        Call(connection, "create_block_slot", api => api.CreateBlockSlot(request with { LocationId = connection.LocationId }, cancellationToken));

    public Task<GhlContact> CreateContact(GhlConnection connection, GhlContactRequest request, CancellationToken cancellationToken) =>
        Call(connection, "create_contact", async api => (await api.CreateContact(request with { LocationId = connection.LocationId }, cancellationToken)).Contact
            ?? throw Invalid("contact"));

    public Task<GhlContact> UpdateContact(GhlConnection connection, string contactId, GhlContactRequest request, CancellationToken cancellationToken) =>
        // The update body must not carry locationId: GoHighLevel rejects it there.
        Call(connection, "update_contact", async api => (await api.UpdateContact(contactId, request with { LocationId = null }, cancellationToken)).Contact
            ?? throw Invalid("contact"));

    public Task<GhlContact> UpdateContactFields(GhlConnection connection, string contactId, System.Text.Json.Nodes.JsonObject body, CancellationToken cancellationToken) =>
        Call(connection, "update_contact", async api => (await api.UpdateContactFields(contactId, body, cancellationToken)).Contact
            ?? throw Invalid("contact"));

    public Task<GhlContact> GetContact(GhlConnection connection, string contactId, CancellationToken cancellationToken) =>
        Call(connection, "get_contact", async api => (await api.GetContact(contactId, cancellationToken)).Contact ?? throw Invalid("contact"));

    public async Task DeleteContact(GhlConnection connection, string contactId, CancellationToken cancellationToken)
    {
        try
        {
            await Call(connection, "delete_contact", async api =>
            {
                await api.DeleteContact(contactId, cancellationToken);
                return true;
            });
        }
        catch (GhlApiException ex) when (ex.StatusCode == 404 || (ex.StatusCode == 400 && ex.Message.Contains("not found", StringComparison.OrdinalIgnoreCase)))
        {
            // Gone already (GoHighLevel answers an unknown contact id with 400 "Contact not found"): what a delete wants.
        }
    }

    public Task<GhlUpsertContactResponse> UpsertContact(GhlConnection connection, GhlContactRequest request, CancellationToken cancellationToken) =>
        Call(connection, "upsert_contact", async api =>
        {
            var response = await api.UpsertContact(request with { LocationId = connection.LocationId }, cancellationToken);
            return response.Contact is null ? throw Invalid("contact") : response;
        });

    public Task<GhlSearchContactsResponse> SearchContacts(GhlConnection connection, GhlSearchContactsRequest request, CancellationToken cancellationToken) =>
        Call(connection, "search_contacts", async api =>
        {
            var response = await api.SearchContacts(request with { LocationId = connection.LocationId }, cancellationToken);
            return response.Contacts is null ? throw Invalid("contacts") : response;
        });

    public Task<GhlSendMessageResponse> SendMessage(GhlConnection connection, GhlSendMessageRequest request, CancellationToken cancellationToken) =>
        Call(connection, SendMessageOperation, async api =>
        {
            var response = await api.SendMessage(request, cancellationToken);
            // Accepted (2xx) but without the id that links its echo: it probably went out, so it must not be sent again.
            return response.MessageId is null
                ? throw new GhlApiException(GhlFailureKind.InvalidResponse, null, "GoHighLevel's answer has no 'messageId'.") { OutcomeUnknown = true }
                : response;
        });

    /// <summary>The one call here that is not safe to repeat (<see cref="GhlResilienceHandler"/> retries it only when nothing was sent).</summary>
    internal const string SendMessageOperation = "send_message";

    public void Dispose() => _pool.Dispose();

    private IGoHighLevelApi Client(GhlConnection connection, string operation)
    {
        var resilience = new GhlResilienceHandler(connection.LocationId, operation, options.Value, limiter, breakers, metrics, clock, logger)
        {
            InnerHandler = _pool,
        };
        var auth = new GhlAuthHandler(connection, clock) { InnerHandler = resilience };
        // disposeHandler: false, or disposing the client would dispose the shared pool.
        var http = new HttpClient(auth, disposeHandler: false) { BaseAddress = connection.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        return RestService.ForGenerated<IGoHighLevelApi>(http, GhlJsonContext.Default);
    }

    private async Task<T> Call<T>(GhlConnection connection, string operation, Func<IGoHighLevelApi, Task<T>> call)
    {
        // A span per operation (its HTTP attempts are children): the operation's name, never the token or a body.
        using var span = HubTelemetry.Source.StartActivity("GoHighLevel " + operation, ActivityKind.Client);
        span?.SetTag("gohighlevel.operation", operation);
        try
        {
            return await Translated(connection, operation, call);
        }
        catch (GhlApiException ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Kind.ToString());
            span?.SetTag("gohighlevel.failure", ex.Kind.ToString());
            throw;
        }
    }

    /// <summary>Runs the call, turning Refit's and the handlers' failures into <see cref="GhlApiException"/>s that say what went wrong.</summary>
    private async Task<T> Translated<T>(GhlConnection connection, string operation, Func<IGoHighLevelApi, Task<T>> call)
    {
        try
        {
            return await call(Client(connection, operation));
        }
        catch (ApiRequestException ex) when (Network.OutboundTargetRefusedException.In(ex) is { } refused)
        {
            // The token refresh's connection was refused by the guard (the API calls' are translated in GhlResilienceHandler).
            throw GhlResilienceHandler.Refused(refused);
        }
        catch (ApiRequestException ex) when (ex.InnerException is GhlApiException inner)
        {
            // Refit wraps what the handlers throw; the handlers already said what went wrong.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
            throw;
        }
        catch (ApiRequestException)
        {
            throw new GhlApiException(GhlFailureKind.Unavailable, null, "The request to GoHighLevel could not be sent.");
        }
        catch (ApiException ex) when (ex.InnerException is JsonException || ex.StatusCode is >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous)
        {
            throw new GhlApiException(GhlFailureKind.InvalidResponse, (int)ex.StatusCode, "GoHighLevel answered with JSON the hub could not read.");
        }
        catch (ApiException ex)
        {
            throw Describe(connection, ex);
        }
        catch (JsonException)
        {
            throw new GhlApiException(GhlFailureKind.InvalidResponse, null, "GoHighLevel answered with JSON the hub could not read.");
        }
    }

    private static GhlApiException Invalid(string field) =>
        new(GhlFailureKind.InvalidResponse, null, $"GoHighLevel's answer has no '{field}'.");

    private GhlApiException Describe(GhlConnection connection, ApiException ex)
    {
        var status = (int)ex.StatusCode;
        var body = ErrorBody(ex.Content);
        var detail = Scrub(ErrorMessage(body), connection)?.TrimEnd('.');
        var suffix = string.IsNullOrEmpty(detail) ? "" : $": {detail}";
        var described = ex.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new GhlApiException(GhlFailureKind.Unauthorized, status,
                $"GoHighLevel rejected the credentials (HTTP {status}){suffix}. Check the token and its scopes."),
            HttpStatusCode.TooManyRequests => GhlApiException.RateLimited(
                RateLimitHeaders.RetryAfter(ex.Headers, clock, options.Value.MaxDelay) is { } wait ? clock.GetUtcNow() + wait : null, detail),
            >= HttpStatusCode.InternalServerError => new GhlApiException(GhlFailureKind.Unavailable, status,
                $"GoHighLevel failed (HTTP {status}){suffix}."),
            _ => new GhlApiException(GhlFailureKind.Rejected, status, $"GoHighLevel refused the request (HTTP {status}){suffix}."),
        };
        return new GhlApiException(described.Kind, described.StatusCode, described.Message, described.RetryAt)
        {
            TraceId = Bounded(body?.TraceId, 100),
            DuplicateOfContactId = ex.StatusCode == HttpStatusCode.BadRequest ? Bounded(body?.Meta?.ContactId, 100) : null,
        };
    }

    private static string? Bounded(string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength ? null : value;

    private static GhlErrorBody? ErrorBody(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(content, GhlJsonContext.Default.GhlErrorBody);
        }
        catch (JsonException)
        {
            return null; // Not JSON (an HTML error page, say): the status code says enough.
        }
    }

    private static string? ErrorMessage(GhlErrorBody? body)
    {
        var message = body?.Message switch
        {
            { ValueKind: JsonValueKind.String } m => m.GetString(),
            { ValueKind: JsonValueKind.Array } m => string.Join("; ", m.EnumerateArray().Select(e => e.ToString())),
            _ => body?.Error,
        };
        return message is null ? null : message.Length <= 300 ? message : message[..300];
    }

    private static string? Scrub(string? message, GhlConnection connection)
    {
        if (message is null)
        {
            return null;
        }

        foreach (var secret in connection.Secrets().Where(s => s.Length >= 4))
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal);
        }

        return message;
    }
}
