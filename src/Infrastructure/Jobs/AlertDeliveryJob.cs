using System.ComponentModel;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hangfire;
using IntegrationHub.Application.Common.Interfaces;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Domain.Common;
using IntegrationHub.Infrastructure.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Infrastructure.Jobs;

/// <summary>
/// POSTs an alert to <c>IntegrationHub:Alerts:WebhookUrl</c> signed the Standard Webhooks way (<c>webhook-id</c>,
/// <c>webhook-timestamp</c>, <c>webhook-signature</c>), so any of its libraries verifies it. The id is the same on every
/// retry (receivers dedupe by it); retries back off for about a day, then the job fails visibly in the dashboard.
/// </summary>
public sealed class AlertDeliveryJob(IAppDbContext db, IHttpClientFactory http, IOptions<AlertsOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "alerts";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [DisplayName("Alert delivery #{0}")]
    [AutomaticRetry(Attempts = 15, OnAttemptsExceeded = AttemptsExceededAction.Fail,
        DelaysInSeconds = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 3600, 7200, 7200, 14400, 21600, 28800])]
    public async Task DeliverAsync(int alertId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = OperationsOptionsValidator.AlertSigningKey(settings.WebhookSecret);
        var alert = await db.IntegrationAlerts.SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null || alert.DeliveredAt is not null || string.IsNullOrWhiteSpace(settings.WebhookUrl) || key is null)
        {
            return; // Purged, already delivered, or no webhook configured: stored and logged is all there is to do.
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new { type = "integration." + alert.Kind.ToApiName(), alert = AlertDto.From(alert) }, Json);
        var id = $"alert_{alert.Id}";
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed)));

        using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // Hangfire retries with the backoff above; the URL is the admin's own setting, never a secret.
            throw new HttpRequestException($"The alert webhook answered {(int)response.StatusCode}.");
        }

        alert.MarkDelivered(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }
}
