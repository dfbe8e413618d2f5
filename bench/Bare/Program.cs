// The throughput baseline of bench/run.sh: a bare Kestrel minimal API answering 200 on the webhook's route, with
// the service's defaults (Production, server GC, warnings-only logging), replayed the identical request stream.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.MapPost("/api/webhook", () => Results.Ok());
app.Run();
