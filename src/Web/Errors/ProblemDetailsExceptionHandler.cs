using Microsoft.AspNetCore.Diagnostics;

namespace IntegrationHub.Web.Errors;

/// <summary>
/// Exceptions that reach the API become the catalogue's problems. Messages of our own exceptions are written for
/// clients; anything unexpected is a bare 500 whose details stay in the log.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(ErrorCatalogue errors, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away, or a stop aborted the request (ShutdownDrain): whatever the work threw on its way out
            // is no defect, and nobody is left to answer.
            logger.LogInformation("{Method} {Path} was cut off before it finished (client gone or service stopping)",
                context.Request.Method, context.Request.Path);
            return true;
        }

        var problem = errors.Describe(exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = ErrorCatalogue.ServerError;
        }

        await problem.ToResult(context.Response).ExecuteAsync(context);
        return true;
    }
}
