using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// Bounds how long a stop waits for requests still running. The server stops first and by default waits for every
/// open request until the host's whole shutdown timeout is spent: one slow upload, or a console page's connection,
/// held a stop for 30 s, and then the job server, left no time, ended the process with an unhandled
/// OperationCanceledException. After a third of the timeout, requests still running are aborted, which leaves the
/// rest of it to the job server and the webhook inbox to stop cleanly.
/// </summary>
internal sealed class ShutdownDrain
{
    private readonly ConcurrentDictionary<HttpContext, byte> _running = new();
    private readonly ILogger<ShutdownDrain> _logger;

    public ShutdownDrain(IHostApplicationLifetime lifetime, IOptions<HostOptions> host, TimeProvider time, ILogger<ShutdownDrain> logger)
    {
        _logger = logger;
        var grace = host.Value.ShutdownTimeout / 3;
        lifetime.ApplicationStopping.Register(() => _ = AbortAfterAsync(grace, time));
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        _running.TryAdd(context, 0);
        try
        {
            await next(context);
        }
        finally
        {
            _running.TryRemove(context, out _);
        }
    }

    private async Task AbortAfterAsync(TimeSpan grace, TimeProvider time)
    {
        await Task.Delay(grace, time);
        var aborted = 0;
        foreach (var context in _running.Keys)
        {
            context.Abort();
            aborted++;
        }

        if (aborted > 0)
        {
            _logger.LogWarning("Stopping: {Count} requests still running after {Grace} were aborted", aborted, grace);
        }
    }
}

internal static class ShutdownDrainExtensions
{
    public static IApplicationBuilder UseShutdownDrain(this WebApplication app)
    {
        var drain = ActivatorUtilities.CreateInstance<ShutdownDrain>(app.Services);
        return app.Use(drain.InvokeAsync);
    }
}
