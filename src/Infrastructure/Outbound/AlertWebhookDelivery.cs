using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Outbound;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Outbound;
using IntegrationHub.Infrastructure.Options;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Outbound;

/// <summary>
/// <c>alert</c>: POSTs an alert to <c>IntegrationHub:Alerts:WebhookUrl</c> signed the Standard Webhooks way
/// (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>), so any of its libraries verifies it. The id is
/// the same on every try (receivers dedupe by it); every failure is retried, until about a day has passed.
/// </summary>
public sealed class AlertWebhookDelivery(AppDbContext db, IHttpClientFactory http, IOptions<AlertsOptions> options, TimeProvider clock)
    : IOutboundDelivery, IAlertWebhook
{
    public const string HttpClientName = "alerts";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(options.Value.WebhookUrl) && OperationsOptionsValidator.AlertSigningKey(options.Value.WebhookSecret) is not null;

    public bool Handles(OutboundKind kind) => kind == OutboundKind.Alert;

    public async Task<OutboundResult> DeliverAsync(OutboundOperation operation, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = OperationsOptionsValidator.AlertSigningKey(settings.WebhookSecret);
        if (string.IsNullOrWhiteSpace(settings.WebhookUrl) || key is null)
        {
            return OutboundResult.Obsolete("No alert webhook is configured any more.");
        }

        var alert = await db.IntegrationAlerts.SingleOrDefaultAsync(a => a.DeliveryOperationId == operation.Id, cancellationToken);
        if (alert is null)
        {
            return OutboundResult.Obsolete("The alert was purged.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new { type = alert.WebhookType, alert = AlertDto.From(alert) }, Json);
        // Admins read the recorded request (GET /api/admin/outbound/{id}, the console): an alert webhook's URL may be its
        // secret (a token in its path or query), so only its scheme and host are recorded.
        var origin = new Uri(settings.WebhookUrl).GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        operation.RecordRequest(JsonSerializer.Serialize(new { method = "POST", url = origin, body = JsonDocument.Parse(body).RootElement }, Json));
        var id = $"alert_{alert.Id}";
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed)));

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var call = new OutboundCall((int)response.StatusCode, null, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                // The URL is the admin's own setting, never a secret.
                return new OutboundResult(OutboundOutcome.Transient, call, $"The alert webhook answered {(int)response.StatusCode}.",
                    response.Headers.RetryAfter?.Delta is { } delta ? clock.GetUtcNow() + delta : null);
            }

            alert.MarkDelivered(clock.GetUtcNow().UtcDateTime);
            return OutboundResult.Success(call);
        }
        catch (HttpRequestException ex) when (Network.OutboundTargetRefusedException.In(ex) is { } refused)
        {
            // The address is refused by the settings: trying again for a day would not change that.
            return new OutboundResult(OutboundOutcome.Permanent, new OutboundCall(null, null, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds),
                "The alert webhook was not called: " + refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new OutboundResult(OutboundOutcome.Transient, new OutboundCall(null, null, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds),
                $"The alert webhook could not be reached: {ex.HttpRequestError}.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new OutboundResult(OutboundOutcome.Transient, new OutboundCall(null, null, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds),
                "The alert webhook did not answer in time.");
        }
    }
}
