using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace IntegrationHub.Web.Csv;

/// <summary>
/// A CSV download (<c>text/csv; charset=utf-8</c>, UTF-8 without a byte order mark, CRLF line ends) written row by row as
/// <paramref name="rows"/> yields them: nothing but one row and the writer's buffer is held, whatever the file's size.
/// The header row is <see cref="CsvColumns{T}"/>' names, so an empty result is a file with the header only. A failure
/// after the first bytes cannot become a problem document any more; the connection is then cut, so the client sees an
/// incomplete download rather than a file that looks whole.
/// </summary>
internal sealed class CsvFileResult<T>(IAsyncEnumerable<T> rows, string fileName) : IResult
{
    /// <summary>Rows written between flushes: what a client receives at once while the database is read.</summary>
    private const int RowsPerFlush = 500;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var columns = CsvColumns<T>.For(options);
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 32 * 1024, leaveOpen: true);
        var row = new StringBuilder(1024);
        await WriteRowAsync(writer, row, columns.Names, cancellationToken);
        var written = 0;
        await foreach (var item in rows.WithCancellation(cancellationToken))
        {
            await WriteRowAsync(writer, row, columns.Cells(item), cancellationToken);
            if (++written % RowsPerFlush == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static async Task WriteRowAsync(StreamWriter writer, StringBuilder row, IEnumerable<string> cells, CancellationToken cancellationToken)
    {
        row.Clear();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                row.Append(',');
            }

            CsvCells.Append(row, cell);
            first = false;
        }

        await writer.WriteAsync(row.Append("\r\n"), cancellationToken);
    }
}
