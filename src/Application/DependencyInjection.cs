using FluentValidation;
using MapsterMapper;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        Common.Validation.ValidationTexts.Use();
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        var mapping = MappingConfig.Create();
        services.AddSingleton(mapping);
        services.AddSingleton<IMapper>(new Mapper(mapping));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Common.Observability.WebhookMetrics>();
        services.AddSingleton<Webhooks.WebhookRefusalLogGate>();
        services.AddSingleton<Common.Observability.GoHighLevelMetrics>();
        services.AddSingleton<Common.Observability.IntegrationMetrics>();
        services.AddSingleton<Integrations.IntegrationConfigEditor>();
        services.AddScoped<Integrations.StoredSecretKeys>();
        services.AddScoped<Templates.ITemplateSchemaChangeGuard, Integrations.TemplateSchemaChangeGuard>();
        services.AddScoped<Templates.IIntegrationUsage, Integrations.IntegrationUsage>();
        services.AddScoped<Tenancy.ISubAccountIntegrations, Integrations.IntegrationUsage>();
        services.AddScoped<Tenancy.ITenantDirectory, Tenancy.TenantDirectory>();
        services.AddScoped<Integrations.IIntegrations, Integrations.IntegrationDirectory>();
        services.AddScoped<Integrations.IntegrationCreation>();
        services.AddScoped<GoHighLevel.GhlConnectGrants>();
        services.AddScoped<Leads.ILeadContacts, Leads.LeadContacts>();
        services.AddScoped<Leads.ILeadMessages, Leads.LeadMessages>();
        services.AddScoped<Leads.ILeadBookings, Leads.LeadBookings>();
        services.AddScoped<GoHighLevel.GhlContactLinks>();
        services.AddScoped<Leads.IBookingCalendars, GoHighLevel.GhlBookingCalendars>();
        services.AddScoped<Outbound.IOutboundOperationsOfBookings, Outbound.OutboundOperationsOfBookings>();
        services.AddScoped<Outbound.IOutboundPlanner, GoHighLevel.PlanBookingSyncs>();
        services.AddScoped<Outbound.IOutboundDelivery, GoHighLevel.DeliverBookingSync>();
        services.AddScoped<Webhooks.IWebhookEventHandler, Leads.AppointmentEventHandler>();
        services.AddScoped<Leads.IMessageCarriers, GoHighLevel.GhlMessageCarriers>();
        services.AddScoped<Templates.ITemplateCatalog, Templates.TemplateCatalog>();
        services.AddScoped<Leads.LeadUpserter>();
        services.AddScoped<GoHighLevel.GhlConnections>();
        services.AddScoped<GoHighLevel.GhlTokenRenewal>();
        services.AddScoped<GoHighLevel.GhlAgencyTokens>();
        services.AddScoped<GoHighLevel.TokenRefreshSingleFlight>();
        services.AddSingleton<GoHighLevel.GhlInstallationSecrets>();
        services.AddScoped<GoHighLevel.GhlInstallationLinks>();
        services.AddScoped<GoHighLevel.GhlLocationNames>();
        services.AddScoped<Tenancy.SubAccountProvisioning>();
        services.AddScoped<Webhooks.IWebhookEventHandler, GoHighLevel.AppInstallEventHandler>();
        services.AddScoped<GoHighLevel.ContactSyncJob>();
        services.AddSingleton<Common.Observability.OutboundMetrics>();
        services.AddScoped<Outbound.IOutboundPlanner, GoHighLevel.PlanContactCreates>();
        services.AddScoped<Outbound.IOutboundPlanner, Integrations.PlanAlerts>();
        services.AddScoped<Outbound.IOutboundDelivery, GoHighLevel.DeliverContactCreate>();
        services.AddScoped<Outbound.IOutboundOperationsOfLeads, Outbound.OutboundOperationsOfLeads>();
        services.AddScoped<Outbound.IOutboundPlanner, GoHighLevel.PlanContactUpdates>();
        services.AddScoped<Outbound.IOutboundPlanner, GoHighLevel.PlanConflictAlerts>();
        services.AddScoped<Outbound.IOutboundDelivery, GoHighLevel.DeliverContactUpdate>();
        services.AddScoped<Outbound.IOutboundPlanner, GoHighLevel.PlanContactDeletes>();
        services.AddScoped<Outbound.IOutboundDelivery, GoHighLevel.DeliverContactDelete>();
        services.AddScoped<Webhooks.IWebhookEventRedaction, Webhooks.WebhookEventRedaction>();
        services.AddScoped<Outbound.IOutboundPlanner, GoHighLevel.PlanMessageSends>();
        services.AddScoped<Outbound.IOutboundDelivery, GoHighLevel.DeliverMessageSend>();
        services.AddScoped<Leads.IConflictPolicies, GoHighLevel.GhlConflictPolicies>();
        services.AddScoped<Webhooks.WebhookEventProcessor>();
        services.AddSingleton<Webhooks.IUnsignedWebhookOptIn, GoHighLevel.GhlUnsignedWebhookOptIn>();
        services.AddScoped<Webhooks.IWebhookEventHandler, Leads.ContactEventHandler>();
        services.AddScoped<Webhooks.IWebhookEventHandler, Leads.MessageEventHandler>();
        return services;
    }
}
