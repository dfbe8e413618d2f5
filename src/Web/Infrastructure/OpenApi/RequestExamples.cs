using System.Text.Json.Nodes;
using IntegrationHub.Application.Access;
using IntegrationHub.Application.GoHighLevel;
using IntegrationHub.Application.Integrations;
using IntegrationHub.Application.Leads;
using IntegrationHub.Application.Templates;
using IntegrationHub.Application.Tenancy;

namespace IntegrationHub.Web.Infrastructure.OpenApi;

/// <summary>
/// One valid example per request body, in the OpenAPI document: what a client generator shows, and what a fuzzer
/// starts from (a JSON Schema of its own for a template's <c>configSchema</c> is not something to guess). Ids in
/// them are placeholders for resources of the reader's own.
/// </summary>
internal static class RequestExamples
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(CreateSubAccountCommand)] = """{"name": "Acme Dental", "timezone": "America/Chicago"}""",
        [typeof(CreateUserCommand)] = """{"email": "dana@acme-dental.example", "name": "Dana Reyes"}""",
        [typeof(CreateStrategyCommand)] = """{"name": "Spring whitening offer"}""",
        [typeof(CreateAdminCommand)] = """{"email": "ops@hub.example", "name": "Ops Admin"}""",
        [typeof(CreateTemplateCommand)] = """
            {"name": "crm_sync", "displayName": "CRM sync", "description": "Contacts in both directions.", "category": "CRM",
             "configSchema": {"type": "object", "properties": {"apiKey": {"type": "string", "format": "password"},
                              "region": {"type": "string", "enum": ["us", "eu"], "default": "us"}}}}
            """,
        [typeof(UpdateTemplateCommand)] = """{"displayName": "CRM sync (v2)", "isActive": true}""",
        [typeof(CreateIntegrationCommand)] = """
            {"subAccountId": 1, "integrationTemplateId": 1, "name": "Main CRM", "description": "Front desk contacts",
             "config": {"apiKey": "pit-00000000-0000-0000-0000-000000000000", "region": "us"}}
            """,
        [typeof(UpdateIntegrationCommand)] = """{"name": "Main CRM (front desk)"}""",
        [typeof(ChangeIntegrationStatusCommand)] = """{"status": "disconnected"}""",
        [typeof(CreateLeadCommand)] = """
            {"name": "Ada Lovelace", "email": "ada@example.com", "phone": "+14155550100", "source": "website", "tags": ["new-patient"]}
            """,
        [typeof(Endpoints.LeadEndpoints.LeadPatch)] = """
            {"lastName": "King", "city": null, "tags": ["vip", "new-patient"], "customFields": {"6dvNaf7VhkQ9snc5vnjJ": "blue"}}
            """,
        [typeof(Endpoints.LeadEndpoints.EraseBody)] = """{"alsoInCrm": true}""",
        [typeof(Endpoints.LeadEndpoints.ResolveConflictBody)] = """{"field": "city", "keep": "hub"}""",
        [typeof(CreateBookingCommand)] = """{"startTime": "2026-03-02T10:00:00-05:00", "endTime": "2026-03-02T10:30:00-05:00", "title": "Cleaning", "notes": "Prefers mornings"}""",
        [typeof(Endpoints.BookingEndpoints.BookingPatch)] = """{"startTime": "2026-03-03T11:00:00-05:00", "endTime": "2026-03-03T11:30:00-05:00"}""",
        [typeof(Endpoints.LeadEndpoints.SendMessageBody)] = """{"channel": "email", "subject": "Your visit", "body": "See you on Tuesday at 10.", "html": "<p>See you on <b>Tuesday</b> at 10.</p>"}""",
        [typeof(CreateBlockSlotCommand)] = """
            {"title": "Booked elsewhere", "calendarId": "sV3BiXrjzbfo1tSUdyHO", "startTime": "2026-12-01T10:00:00Z", "endTime": "2026-12-01T10:30:00Z"}
            """,
        [typeof(Endpoints.GoHighLevelInstallationEndpoints.LinkBody)] = """{"subAccountId": 1}""",
        [typeof(Endpoints.GoHighLevelInstallationEndpoints.LinkAllBody)] = """{"createSubAccounts": true}""",
        [typeof(Endpoints.WebhookEventsFilterBody)] = """{"status": "failed", "type": "ContactCreate", "locationId": "ve9EPM428h8vShlRW1KT", "from": "2026-03-01T00:00:00Z", "to": "2026-03-02T00:00:00Z"}""",
    };

    public static JsonNode? For(Type type) => Examples.TryGetValue(type, out var json) ? JsonNode.Parse(json) : null;
}
