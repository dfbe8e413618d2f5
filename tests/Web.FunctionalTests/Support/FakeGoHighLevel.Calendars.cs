using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using WireMock;

namespace IntegrationHub.Web.FunctionalTests.Support;

/// <summary>
/// GoHighLevel's calendar events as calendars.json declares them (<c>Version: 2021-04-15</c>): block slots
/// (<c>POST/PUT /calendars/events/block-slots</c>, 201), appointments (<c>POST/PUT /calendars/events/appointments</c>,
/// a busy time refused unless <c>ignoreFreeSlotValidation</c>), <c>DELETE /calendars/events/{id}</c> with its required
/// body (201 <c>{succeeded: true}</c>; an unknown id 404), the lookups by calendar and time (epoch ms), and free slots
/// (at most 31 days). Times must carry an offset. Appointment webhooks can be built from the events it holds.
/// </summary>
public sealed partial class FakeGoHighLevel
{
    private readonly ConcurrentDictionary<string, JsonObject> _events = new();

    /// <summary>Calendar events (appointments and block slots) by id, as GoHighLevel holds them now.</summary>
    public IReadOnlyDictionary<string, JsonObject> CalendarEvents => _events;

    /// <summary>The free slots the next free-slots calls answer (ISO times with offsets).</summary>
    public List<string> FreeSlots { get; } = [];

    private ResponseMessage? Calendars(string method, string path, string query, string? body, (string, string)[] headers)
    {
        switch (method)
        {
            case "POST" when path == "/calendars/events/block-slots":
                return SaveEvent(null, body, blockSlot: true, headers, 201);
            case "PUT" when path.StartsWith("/calendars/events/block-slots/", StringComparison.Ordinal):
                return SaveEvent(path["/calendars/events/block-slots/".Length..], body, blockSlot: true, headers, 201);
            case "POST" when path == "/calendars/events/appointments":
                return SaveEvent(null, body, blockSlot: false, headers, 200);
            case "PUT" when path.StartsWith("/calendars/events/appointments/", StringComparison.Ordinal):
                return SaveEvent(path["/calendars/events/appointments/".Length..], body, blockSlot: false, headers, 200);
            case "DELETE" when path.StartsWith("/calendars/events/", StringComparison.Ordinal):
                if (string.IsNullOrEmpty(body))
                {
                    return Json(422, """{"statusCode":422,"message":["body should be an object"],"error":"Unprocessable Entity"}""");
                }

                return _events.TryRemove(path["/calendars/events/".Length..], out _)
                    ? Json(201, """{"succeeded":true}""", headers)
                    : Json(404, """{"statusCode":404,"message":"Event not found"}""");
            case "GET" when path is "/calendars/events" or "/calendars/blocked-slots":
                var q = System.Web.HttpUtility.ParseQueryString(query);
                var from = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(q["startTime"]!, CultureInfo.InvariantCulture));
                var to = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(q["endTime"]!, CultureInfo.InvariantCulture));
                var blocked = path == "/calendars/blocked-slots";
                var found = _events.Values.Where(e => e["calendarId"]?.GetValue<string>() == q["calendarId"] && (e["isBlockSlot"]?.GetValue<bool>() ?? false) == blocked
                    && Instant(e["startTime"]) >= from && Instant(e["endTime"]) <= to).Select(e => (JsonNode)e.DeepClone()).ToArray();
                return Json(200, new JsonObject { ["events"] = new JsonArray(found) }.ToJsonString(), headers);
            case "GET" when path.StartsWith("/calendars/", StringComparison.Ordinal) && path.EndsWith("/free-slots", StringComparison.Ordinal):
                var slots = System.Web.HttpUtility.ParseQueryString(query);
                var start = long.Parse(slots["startDate"]!, CultureInfo.InvariantCulture);
                var end = long.Parse(slots["endDate"]!, CultureInfo.InvariantCulture);
                if (end - start > TimeSpan.FromDays(31).TotalMilliseconds)
                {
                    return Json(422, """{"statusCode":422,"message":["The date range must not exceed 31 days"]}""");
                }

                var answer = new JsonObject();
                foreach (var day in FreeSlots.GroupBy(s => s[..10]))
                {
                    answer[day.Key] = new JsonObject { ["slots"] = new JsonArray(day.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()) };
                }

                answer["traceId"] = "trace-free-slots";
                return Json(200, answer.ToJsonString(), headers);
            default:
                return null;
        }
    }

    private ResponseMessage SaveEvent(string? id, string? body, bool blockSlot, (string, string)[] headers, int status)
    {
        var sent = JsonNode.Parse(body ?? "{}") as JsonObject ?? [];
        foreach (var time in new[] { "startTime", "endTime" })
        {
            if (sent[time] is { } value && !HasOffset(value.GetValue<string>()))
            {
                return Json(422, $$"""{"statusCode":422,"message":["{{time}} must be an ISO-8601 time with an offset"]}""");
            }
        }

        if (id is not null && !_events.ContainsKey(id))
        {
            return Json(404, """{"statusCode":404,"message":"Event not found"}""");
        }

        if (!blockSlot && id is null)
        {
            if (sent["contactId"] is null || !_contacts.ContainsKey(sent["contactId"]!.GetValue<string>()))
            {
                return Json(400, """{"statusCode":400,"message":"Contact not found"}""");
            }

            var busy = _events.Values.Any(e => e["calendarId"]?.GetValue<string>() == sent["calendarId"]?.GetValue<string>()
                && Instant(e["startTime"]) < Instant(sent["endTime"]) && Instant(sent["startTime"]) < Instant(e["endTime"]));
            if (busy && sent["ignoreFreeSlotValidation"]?.GetValue<bool>() != true)
            {
                return Json(400, """{"statusCode":400,"message":"The slot you have selected is no longer available."}""");
            }
        }

        id ??= (blockSlot ? "slot-" : "appt-") + Guid.NewGuid().ToString("N")[..10];
        var stored = _events.GetOrAdd(id, key => new JsonObject { ["id"] = key, ["isBlockSlot"] = blockSlot, ["dateAdded"] = DateTimeOffset.UtcNow.ToString("O") });
        lock (stored)
        {
            foreach (var (name, value) in sent)
            {
                stored[name] = value?.DeepClone();
            }

            stored["dateUpdated"] = DateTimeOffset.UtcNow.ToString("O");
            return Json(status, stored.ToJsonString(), headers);
        }
    }

    /// <summary>
    /// GoHighLevel's appointment webhook (AppointmentCreate/Update/Delete) for an event it holds, optionally changed first
    /// (as a person editing it in GoHighLevel), with <c>dateUpdated</c> at <paramref name="dateUpdated"/>.
    /// </summary>
    public JsonObject AppointmentEvent(string type, string eventId, string locationId, DateTimeOffset dateUpdated, params (string Property, JsonNode? Value)[] changes)
    {
        var stored = _events[eventId];
        lock (stored)
        {
            foreach (var (property, value) in changes)
            {
                stored[property] = value?.DeepClone();
            }

            stored["dateUpdated"] = dateUpdated.ToString("O");
            var appointment = stored.DeepClone().AsObject();
            appointment.Remove("isBlockSlot");
            return new JsonObject
            {
                ["type"] = type, ["locationId"] = locationId, ["appointment"] = appointment,
                ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"), ["webhookId"] = Guid.NewGuid().ToString(),
            };
        }
    }

    /// <summary>An appointment someone made in GoHighLevel for a contact.</summary>
    public string AddAppointment(string contactId, string calendarId, string startTime, string endTime, string title)
    {
        var id = "appt-" + Guid.NewGuid().ToString("N")[..10];
        _events[id] = new JsonObject
        {
            ["id"] = id, ["isBlockSlot"] = false, ["calendarId"] = calendarId, ["contactId"] = contactId, ["startTime"] = startTime,
            ["endTime"] = endTime, ["title"] = title, ["appointmentStatus"] = "confirmed", ["dateAdded"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        return id;
    }

    private static bool HasOffset(string text) => text.Length > 19 && (text.EndsWith('Z') || text[^6] is '+' or '-');

    private static DateTimeOffset Instant(JsonNode? node) => DateTimeOffset.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);
}
