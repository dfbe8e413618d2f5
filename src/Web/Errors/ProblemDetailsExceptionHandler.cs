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
