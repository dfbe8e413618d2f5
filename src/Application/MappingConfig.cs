using IntegrationHub.Domain.Common;
using System.Text.Json;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Integrations;
using IntegrationHub.Domain.Leads;
using Mapster;

namespace IntegrationHub.Application;

/// <summary>Mapster configuration of aggregate → DTO maps, built once at start.</summary>
public static class MappingConfig
{
    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig();
        config.NewConfig<LeadMessage, LeadMessageDto>()
            .Map(d => d.Attachments, s => JsonDocument.Parse(s.AttachmentsJson, default).RootElement.Clone())
            .Map(d => d.SentAt, s => s.OccurredAt);
        config.NewConfig<Lead, LeadDto>()
            .Map(d => d.CrmUpdatedAt, s => s.ExternalUpdatedAt)
            .Map(d => d.CustomFields, s => JsonDocument.Parse(s.CustomFieldsJson, default).RootElement.Clone())
            .Map(d => d.SyncState, s => LeadSyncStateDto.From(s.SyncState));
        // Masking lives here, in the one map every integration response goes through.
        config.NewConfig<Integration, IntegrationDto>()
            .Map(d => d.Status, s => s.Status.ToApiName())
            .Map(d => d.Config, s => IntegrationConfigEditor.Masked(s.ConfigJson))
            .Map(d => d.HasWebhookSecret, s => s.WebhookSecret != null)
            .Ignore(d => d.TemplateName)
            .Ignore(d => d.TemplateKind)
            .Ignore(d => d.Health);
        config.Compile();
        return config;
    }
}
