using System.Diagnostics;
using IntegrationHub.Application.Common.Observability;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Webhooks;

namespace IntegrationHub.Application.Webhooks;

/// <summary>
/// What processing tells operators: a span per event that continues the trace of the request that delivered it (the
/// stored <c>traceparent</c>), and the processing outcome counted once its commit has happened.
/// </summary>
internal sealed class WebhookProcessingTelemetry(WebhookMetrics metrics, IReadOnlyList<IWebhookEventHandler> handlers)
{
    public Activity? StartSpan(WebhookEvent webhookEvent)
    {
        // The request's span ended when the sender got its answer; processing is its child all the same (W3C allows a
        // child to outlive its parent), so one trace id leads from the delivery to the lead.
        ActivityContext.TryParse(webhookEvent.TraceParent, null, out var parent);
        var activity = HubTelemetry.Source.StartActivity("process webhook", ActivityKind.Consumer, parent);
        if (activity is null && webhookEvent.TraceParent is { } traceParent)
        {
            // Nobody records spans (no exporter): an unrecorded activity still carries the trace id into the log lines.
            return new Activity("process webhook").SetParentId(traceParent).Start();
        }

        activity?.SetTag("webhook.event_id", webhookEvent.Id);
        activity?.SetTag("webhook.type", TypeTag(webhookEvent.EventType));
        activity?.SetTag("webhook.attempt", webhookEvent.AttemptCount + 1);
        return activity;
    }

    public static void Ended(Activity? activity, WebhookEvent webhookEvent)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("webhook.status", webhookEvent.Status.ToApiName());
        if (webhookEvent.Status is WebhookEventStatus.Failed or WebhookEventStatus.RetryScheduled)
        {
            activity.SetStatus(ActivityStatusCode.Error, webhookEvent.Status.ToApiName());
        }
    }

    /// <summary>Counts the committed outcome of one attempt.</summary>
    public void Committed(WebhookEvent webhookEvent, DateTime now)
    {
        WebhookProcessingOutcome? outcome = webhookEvent.Status switch
        {
            WebhookEventStatus.Processed => WebhookProcessingOutcome.Processed,
            WebhookEventStatus.Unhandled => WebhookProcessingOutcome.Unhandled,
            WebhookEventStatus.RetryScheduled => WebhookProcessingOutcome.RetryScheduled,
            WebhookEventStatus.Failed => WebhookProcessingOutcome.DeadLetter,
            _ => null,
        };
        if (outcome is { } counted)
        {
            metrics.EventProcessed(counted, TypeTag(webhookEvent.EventType), webhookEvent.ReceivedAt, now);
        }
    }

    private string TypeTag(string eventType) => handlers.Any(h => h.Handles(eventType)) ? eventType : HubTelemetry.Other;
}
