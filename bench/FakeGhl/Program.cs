// A stand-in for GoHighLevel for the benchmarks: answers GET /locations/{id} after a fixed delay (as a real API would
// take), and counts calls per location per 10 s window, so the report can say whether any location went over
// GoHighLevel's budget (100 requests / 10 s). GET /stats returns the counts.
// For the reliability bench: POST /contacts/search pages through FAKE_GHL_CONTACTS contacts (FAKE_GHL_PAGE_DELAY_MS per
// page), and POST /fault/{mode} makes every answer fail one way: calm, 429 (Retry-After: 2), 5xx, stall (10 s),
// malformed (not JSON) or reset (the connection is dropped).
// For the outbound bench: POST /contacts/upsert answers after the same delay and logs each call's location and arrival;
// GET /upserts returns that log (milliseconds since the fake started), so the report counts calls in any 10 s window.
using System.Collections.Concurrent;

var delay = TimeSpan.FromMilliseconds(int.Parse(Environment.GetEnvironmentVariable("FAKE_GHL_DELAY_MS") ?? "50", System.Globalization.CultureInfo.InvariantCulture));
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var windows = new ConcurrentDictionary<(string Location, long Window), int>();
var total = 0L;
var inFlight = 0;
var maxInFlight = 0;

var mode = "calm";
var contactCount = int.Parse(Environment.GetEnvironmentVariable("FAKE_GHL_CONTACTS") ?? "5000", System.Globalization.CultureInfo.InvariantCulture);
var pageDelay = TimeSpan.FromMilliseconds(int.Parse(Environment.GetEnvironmentVariable("FAKE_GHL_PAGE_DELAY_MS") ?? "200", System.Globalization.CultureInfo.InvariantCulture));

app.MapPost("/fault/{next}", (string next) =>
{
    mode = next;
    return Results.Ok(new { mode });
});

// Every GoHighLevel route goes through the fault first.
app.Use(async (context, next) =>
{
    if (context.Request.Path.StartsWithSegments("/fault") || context.Request.Path.StartsWithSegments("/stats") || mode == "calm")
    {
        await next(context);
        return;
    }

    switch (mode)
    {
        case "429":
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "2";
            await context.Response.WriteAsync("""{"statusCode":429,"message":"Too Many Requests"}""");
            return;
        case "5xx":
            context.Response.StatusCode = Random.Shared.Next(2) == 0 ? 500 : 503;
            return;
        case "stall":
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { });
            context.Response.StatusCode = 504;
            return;
        case "malformed":
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"location\": {\"id\": ");
            return;
        case "reset":
            context.Abort();
            return;
    }
});

app.MapPost("/contacts/search", async (HttpRequest request) =>
{
    var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
    var after = body.RootElement.TryGetProperty("searchAfter", out var cursor) && cursor.ValueKind == System.Text.Json.JsonValueKind.Array
        ? int.Parse(cursor[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) : -1;
    var limit = body.RootElement.TryGetProperty("pageLimit", out var l) ? l.GetInt32() : 100;
    await Task.Delay(pageDelay);
    var updated = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    var contacts = Enumerable.Range(after + 1, Math.Max(0, Math.Min(limit, contactCount - after - 1))).Select(i => new
    {
        id = i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture),
        firstName = "Bench", lastName = $"Contact {i}", email = $"contact{i}@bench.test",
        dateAdded = updated, dateUpdated = updated,
        searchAfter = new object[] { updated.ToUnixTimeMilliseconds(), i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    });
    return Results.Json(new { contacts, total = contactCount });
});

app.MapGet("/locations/{id}", async (string id) =>
{
    Interlocked.Increment(ref total);
    windows.AddOrUpdate((id, Environment.TickCount64 / 10_000), 1, (_, n) => n + 1);
    var now = Interlocked.Increment(ref inFlight);
    int seen;
    while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
    {
    }

    await Task.Delay(delay);
    Interlocked.Decrement(ref inFlight);
    return Results.Json(new { location = new { id, name = "Bench location", timezone = "America/Chicago" } });
});
var clock = System.Diagnostics.Stopwatch.StartNew();
var upserts = new ConcurrentQueue<(string Location, double At)>();
app.MapPost("/contacts/upsert", async (HttpRequest request) =>
{
    var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
    var location = body.RootElement.TryGetProperty("locationId", out var l) ? l.GetString() ?? "" : "";
    upserts.Enqueue((location, clock.Elapsed.TotalMilliseconds));
    await Task.Delay(delay);
    var email = body.RootElement.TryGetProperty("email", out var e) ? e.GetString() : null;
    return Results.Json(new { @new = true, contact = new { id = "c-" + Guid.NewGuid().ToString("N")[..12], locationId = location, email }, traceId = "bench" });
});
app.MapGet("/upserts", () => Results.Json(upserts.Select(u => new { location = u.Location, at = u.At })));
app.MapGet("/stats", () => Results.Json(new
{
    requests = Interlocked.Read(ref total),
    locations = windows.Keys.Select(k => k.Location).Distinct().Count(),
    maxPerLocationPer10s = windows.IsEmpty ? 0 : windows.Values.Max(),
    maxInFlight = Volatile.Read(ref maxInFlight),
}));
app.Run();
