using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace IntegrationHub.Web.Infrastructure;

/// <summary>
/// A request whose declared body is over the API's limit is answered 413 before any endpoint reads it. The body is read
/// through first (up to <see cref="MaxDrainBytes"/> past the limit): a client that writes its whole body before reading
/// the answer then reads the 413 instead of a broken pipe. The connection closes after it. The webhook endpoint has
/// its own limit and does the same itself.
/// </summary>
internal static class OversizedBodies
{
    private const long MaxDrainBytes = 8 * 1024 * 1024;

    public static IApplicationBuilder UseOversizedBodyAnswer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (context.Request.ContentLength is not { } length || limit is not { MaxRequestBodySize: { } max } || length <= max
            || context.Request.Path.StartsWithSegments("/api/webhook", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (length <= max + MaxDrainBytes && !limit.IsReadOnly)
        {
            limit.MaxRequestBodySize = max + MaxDrainBytes;
            await DrainAsync(context.Request.Body, context.RequestAborted);
        }

        context.Response.Headers.Connection = "close";
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
            detail: $"The request body is larger than {max} bytes.", type: ProblemTypes.For(StatusCodes.Status413PayloadTooLarge)).ExecuteAsync(context);
    });

    /// <summary>Reads a body to its end and throws it away.</summary>
    public static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await body.ReadAsync(scratch, cancellationToken) > 0)
            {
                // Thrown away: only reading it matters.
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
