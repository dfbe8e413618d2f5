using System.Text.Json;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.Leads;
using IntegrationHub.Web.Infrastructure.OpenApi;
using Mediator;

namespace IntegrationHub.Web.Endpoints;

/// <summary>Bookings (contract: "Bookings"): a lead's appointments, mirrored in its sub-account's GoHighLevel calendar.</summary>
public sealed class BookingEndpoints : IEndpointGroup
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var leads = app.SignedInGroup("/api/leads", "Bookings");
        leads.MapPost("/{id:int}/bookings", CreateBooking).Returns<BookingDto>(201).Fails(400, 404, 413);
        leads.MapGet("/{id:int}/bookings", ListLeadBookings).Returns<IReadOnlyList<BookingDto>>().Fails(404);

        var bookings = app.SignedInGroup("/api/bookings", "Bookings");
        bookings.MapGet("/", ListBookings).Returns<IReadOnlyList<BookingDto>>().Fails(400);
        bookings.MapGet("/{id:int}", GetBooking).Returns<BookingDto>().Fails(404);
        bookings.MapPatch("/{id:int}", ChangeBooking).Accepts<BookingPatch>("application/json").Returns<BookingDto>().Fails(400, 404, 409, 413);
        bookings.MapPost("/{id:int}/cancel", CancelBooking).Returns<BookingDto>().Fails(404);

        app.SignedInGroup("/api/integrations", "Bookings").MapGet("/{id:int}/free-slots", GetFreeSlots).Returns<FreeSlotsDto>().Fails(400, 404, 409, 429, 502);
    }

    /// <summary>The PATCH body: every property optional.</summary>
    public sealed record BookingPatch(DateTimeOffset? StartTime, DateTimeOffset? EndTime, string? Title, string? Status);

    public static async Task<IResult> CreateBooking(int id, CreateBookingCommand command, IMediator mediator, CancellationToken ct)
    {
        var booking = await mediator.Send(command with { LeadId = id }, ct);
        return Results.Created($"/api/bookings/{booking.Id}", booking);
    }

    public static async Task<IResult> ListLeadBookings(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListLeadBookingsQuery(id), ct));

    public static async Task<IResult> ListBookings(DateTimeOffset? from, DateTimeOffset? to,
        [ApiValues(typeof(Domain.Leads.BookingStatuses), nameof(Domain.Leads.BookingStatuses.AllNames))] string? status, int? subAccountId, IMediator mediator,
        CancellationToken ct) =>
        Results.Ok(await mediator.Send(new ListBookingsQuery(from, to, status, subAccountId), ct));

    public static async Task<IResult> GetBooking(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetBookingQuery(id), ct));

    /// <summary>Read as it came, so that a title left out (unchanged) differs from one set to null (cleared).</summary>
    public static async Task<IResult> ChangeBooking(int id, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            throw new Application.Common.Exceptions.ValidationException("body", "The body must be a JSON object.");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new Application.Common.Exceptions.ValidationException("body", "The body must be a JSON object.");
        }

        var unknown = body.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n is not ("startTime" or "endTime" or "title" or "status"));
        if (unknown is not null)
        {
            throw new Application.Common.Exceptions.ValidationException(unknown, $"'{unknown}' is not a booking field that can be changed (startTime, endTime, title, status).");
        }

        ChangeBookingCommand command;
        try
        {
            command = new ChangeBookingCommand(id, Time(body, "startTime"), Time(body, "endTime"), Text(body, "title"),
                body.TryGetProperty("title", out _), Text(body, "status"));
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to turn an escaped lone surrogate ("\ud800") into a string.
            throw new Application.Common.Exceptions.ValidationException("body", "The body holds text that is not valid Unicode.");
        }

        return Results.Ok(await mediator.Send(command, ct));
    }

    public static async Task<IResult> CancelBooking(int id, IMediator mediator, CancellationToken ct) =>
        Results.Ok(await mediator.Send(new CancelBookingCommand(id), ct));

    public static async Task<IResult> GetFreeSlots(int id, string? calendarId, string? from, string? to, string? timezone, IMediator mediator,
        CancellationToken ct) =>
        Results.Ok(await mediator.Send(new GetFreeSlotsQuery(id, calendarId, from, to, timezone), ct));

    private static DateTimeOffset? Time(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time)
            ? time
            : throw new Application.Common.Exceptions.ValidationException(name, $"{name} must be an ISO-8601 time with its offset (2026-03-02T10:00:00-05:00).");
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new Application.Common.Exceptions.ValidationException(name, $"{name} must be a string.")
            : null;
}
