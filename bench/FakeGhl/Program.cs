// A stand-in for GoHighLevel's location endpoint for the health-sweep benchmark: answers GET /locations/{id} after a
// fixed delay (as a real API would take), and counts calls per location per 10 s window, so the report can say
// whether any location went over GoHighLevel's budget (100 requests / 10 s). GET /stats returns the counts.
using System.Collections.Concurrent;

var delay = TimeSpan.FromMilliseconds(int.Parse(Environment.GetEnvironmentVariable("FAKE_GHL_DELAY_MS") ?? "50", System.Globalization.CultureInfo.InvariantCulture));
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var windows = new ConcurrentDictionary<(string Location, long Window), int>();
var total = 0L;
var inFlight = 0;
var maxInFlight = 0;

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
app.MapGet("/stats", () => Results.Json(new
{
    requests = Interlocked.Read(ref total),
    locations = windows.Keys.Select(k => k.Location).Distinct().Count(),
    maxPerLocationPer10s = windows.IsEmpty ? 0 : windows.Values.Max(),
    maxInFlight = Volatile.Read(ref maxInFlight),
}));
app.Run();
