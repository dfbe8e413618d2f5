using System.ComponentModel.DataAnnotations;
using System.Buffers;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Application.Webhooks;
using IntegrationHub.Domain.Webhooks;
using IntegrationHub.Infrastructure.Webhooks;
using IntegrationHub.Web.Errors;
using IntegrationHub.Web.Infrastructure.OpenApi;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.Endpoints;

public sealed class WebhookEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // Anonymous (signatures prove deliveries) and the busiest route: it skips authentication and authorization,
        // which resolved a handler and its services for every delivery only to find no token.
        app.MapPost("/api/webhook", Receive).AllowAnonymous().WithTags("Webhooks")
            .Accepts<GoHighLevelWebhookBody>("application/json")
            .Returns<WebhookAnswer>(202).Returns<WebhookAnswer>().Fails(400, 401, 413, 429)
            .ShortCircuit();

        var admin = app.AdminGroup("/webhook-events", "Webhooks");
        admin.MapGet("/", ListEvents).Returns<IReadOnlyList<WebhookEventDto>>().Fails(400);
        admin.MapGet("/summary", Summarize).Returns<WebhookEventsSummary>();
        admin.MapGet("/{id:int}", GetEvent).Returns<WebhookEventDetailsDto>().Fails(404);
        admin.MapPost("/{id:int}/replay", Replay).Returns<WebhookEventDto>(202).Fails(404);
        admin.MapGet("/count", CountEvents).Returns<WebhookEventCount>().Fails(400);
        admin.MapPost("/replay", ReplayMatching).Returns<ReplayedWebhookEvents>(202).Fails(400, 413);
        admin.MapDelete("/", PurgeStale).Returns<PurgedWebhookEvents>().Fails(400);
    }

    /// <summary>
    /// Public endpoint: authenticity comes from signatures. GoHighLevel retries only after a 429, so anything
    /// that keeps us from storing an event is answered 429, never 5xx.
    /// </summary>
    public static async Task<IResult> Receive(HttpContext http, IMediator mediator, IOptions<WebhookOptions> options, WebhookMetrics metrics,
        WebhookRefusalLogGate refusalLog, ErrorCatalogue errors, ILogger<WebhookEndpoints> logger, CancellationToken ct)
    {
        var max = options.Value.MaxBodyBytes;
        var readable = (long)max + MaxDrainBytes;
        if (http.Request.ContentLength > readable)
        {
            // Too much to read through: answered at once, and the connection closes.
            return TooLarge(http, metrics, max);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = readable;
        }

        byte[]? rented = null;
        try
        {
            if (http.Request.ContentLength > max)
            {
                await Infrastructure.OversizedBodies.DrainAsync(http.Request.Body, ct);
                return TooLarge(http, metrics, max);
            }

            int length;
            (rented, length) = await ReadBody(http.Request.Body, max, ct);
            if (length > max)
            {
                await Infrastructure.OversizedBodies.DrainAsync(http.Request.Body, ct);
                return TooLarge(http, metrics, max);
            }

            var headers = http.Request.Headers;
            var receipt = await mediator.Send(new ReceiveWebhookCommand(rented.AsMemory(0, length),
                name => headers.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null), ct);
            if (receipt.Duplicate)
            {
                metrics.Duplicate(receipt.Scheme);
                return Results.Ok(new WebhookAnswer("duplicate", receipt.EventId));
            }

            metrics.Accepted(receipt.Scheme);
            return Results.Json(new WebhookAnswer("accepted", receipt.EventId), statusCode: StatusCodes.Status202Accepted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(http, metrics, max);
        }
        catch (Exception ex) when (ex is WebhookSignatureInvalidException or WebhookFormatException || !ct.IsCancellationRequested)
        {
            RecordRefusal(ex, metrics, refusalLog, logger);
            return errors.ForWebhookIntake(ex).ToResult(http.Response);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Counts a refusal by its reason and logs it: the sender's faults briefly, a failure to store with its stack.</summary>
    private static void RecordRefusal(Exception ex, WebhookMetrics metrics, WebhookRefusalLogGate refusalLog, ILogger<WebhookEndpoints> logger)
    {
        switch (ex)
        {
            case WebhookSignatureInvalidException refused:
                // Information, not warning: refusing forgeries is the endpoint working. The exact reason and the location help
                // an admin spot a sender with the wrong secret or a location without an integration; the location is cut and
                // stripped of control characters since the sender chose it.
                if (refusalLog.ShouldLog(refused.LocationId, refused.Rejection))
                {
                    logger.LogInformation("Webhook refused with 401: {Reason} (location {LocationId})", refused.Message, LogSafe(refused.LocationId));
                }

                metrics.Rejected(refused.Rejection, refused.Scheme);
                break;
            case WebhookFormatException malformed:
                if (refusalLog.ShouldLog(null, WebhookRejection.Malformed))
                {
                    logger.LogInformation("Webhook refused with 400: {Reason}", malformed.Message);
                }

                metrics.Rejected(WebhookRejection.Malformed, UnknownScheme);
                break;
            default:
                // Could not store it now (database busy or down...): GoHighLevel is asked to come back.
                logger.LogError(ex, "A webhook could not be stored; answering 429");
                metrics.Rejected(WebhookRejection.Unavailable, UnknownScheme);
                break;
        }
    }

    public static async Task<IResult> ListEvents([ApiValues(typeof(WebhookEventStatus))] string? status, string? type, string? locationId,
        [Range(1, 500)] int? limit, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListWebhookEventsQuery(status, type, locationId, limit), ct));

    public static async Task<IResult> Summarize(IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new SummarizeWebhookEventsQuery(), ct));

    public static async Task<IResult> GetEvent(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetWebhookEventQuery(id), ct));

    public static async Task<IResult> Replay(int id, IMediator mediator, CancellationToken ct) =>
        Results.Json(await mediator.Send(new ReplayWebhookEventCommand(id), ct), statusCode: StatusCodes.Status202Accepted);

    public static async Task<IResult> CountEvents([ApiValues(typeof(WebhookEventStatus))] string? status, string? type, string? locationId,
        DateTimeOffset? from, DateTimeOffset? to, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new CountWebhookEventsQuery(status, type, locationId, from, to), ct));

    public static async Task<IResult> ReplayMatching(WebhookEventsFilterBody filter, IMediator mediator, CancellationToken ct) =>
        Results.Json(await mediator.Send(filter.ToReplayCommand(), ct), statusCode: StatusCodes.Status202Accepted);

    public static async Task<IResult> PurgeStale(
        [ApiValues(typeof(PurgeStaleWebhookEventsCommand), nameof(PurgeStaleWebhookEventsCommand.PurgeableStatuses))] string? status,
        DateTimeOffset? before, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new PurgeStaleWebhookEventsCommand(status, before), ct));

    /// <summary>Reads at most <paramref name="max"/> + 1 bytes, enough to know the body is too large.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBody(Stream body, int max, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, 16 * 1024));
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > max)
                {
                    return (buffer, length);
                }

                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, max + 1));
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }

            var read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, max + 1) - length), ct);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
            if (length > max)
            {
                return (buffer, length);
            }
        }
    }

    /// <summary>
    /// Reads and discards the rest of a body too large to keep. Most senders write their whole body before they read the
    /// answer: closing the connection under them while they write is a broken pipe to them, not the 413 they can act on.
    /// The read stops at the request's size limit (<see cref="MaxDrainBytes"/> past the webhook limit).
    /// </summary>

    // How far past the limit a body is read (and thrown away) so its sender can read the 413; beyond, it is cut off.
    private const int MaxDrainBytes = 8 * 1024 * 1024;

    // Refused before its signature was read: which scheme it claimed is not known.
    private const string UnknownScheme = "unknown";

    private static IResult TooLarge(HttpContext http, WebhookMetrics metrics, int max)
    {
        metrics.Rejected(WebhookRejection.TooLarge, UnknownScheme);
        // Whatever is left of the body is not read: the connection cannot carry another request.
        http.Response.Headers.Connection = "close";
        return ErrorCatalogue.TooLarge($"The body is larger than {max} bytes.").ToResult(http.Response);
    }

    private static string LogSafe(string? text) =>
        text is null ? "unknown" : new string(text.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
