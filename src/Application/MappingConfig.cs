using System.Text.Json;
using IntegrationHub.Application.Leads;
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
            .Map(d => d.Attachments, s => JsonDocument.Parse(s.AttachmentsJson, default).RootElement.Clone());
        config.NewConfig<Lead, LeadDto>();
        config.Compile();
        return config;
    }
}
