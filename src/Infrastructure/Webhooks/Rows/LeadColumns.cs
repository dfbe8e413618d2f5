using System.Text.Json;
using IntegrationHub.Domain.Common;
using IntegrationHub.Domain.Leads;

namespace IntegrationHub.Infrastructure.Webhooks.Rows;

/// <summary>
/// A lead's columns as EF Core maps them (LeadConfiguration), in the order the row writers' statements name them: what
/// row mode compares with what it read, and binds. The id and version are not among them.
/// </summary>
internal static class LeadColumns
{
    public static readonly string[] Names =
    [
        "SubAccountId", "RegularUserId", "StrategyId", "Name", "FirstName", "LastName", "Email", "Phone", "Company", "Address", "City",
        "State", "PostalCode", "Country", "Timezone", "Source", "Tags", "ExternalContactId", "CreatedAt", "UpdatedAt", "ExternalUpdatedAt",
        "DuplicateOfLeadId", "CrmDeletedAt", "CustomFields", "SyncState",
    ];

    /// <summary>PostgreSQL types of <see cref="Names"/>, for the arrays its statements read the rows from.</summary>
    public static readonly string[] PostgreSqlTypes =
    [
        "integer", "integer", "integer", "text", "text", "text", "text", "text", "text", "text", "text",
        "text", "text", "text", "text", "text", "text", "text", "timestamptz", "timestamptz", "timestamptz",
        "integer", "timestamptz", "text", "text",
    ];

    public static object?[] Of(Lead lead) =>
    [
        lead.SubAccountId, lead.RegularUserId, lead.StrategyId, lead.Name, lead.FirstName, lead.LastName, lead.Email, lead.Phone, lead.Company,
        lead.Address, lead.City, lead.State, lead.PostalCode, lead.Country, lead.Timezone, lead.Source,
        // As EF Core's value converter writes them.
        JsonSerializer.Serialize(lead.Tags, (JsonSerializerOptions?)null), lead.ExternalContactId, lead.CreatedAt, lead.UpdatedAt,
        lead.ExternalUpdatedAt, lead.DuplicateOfLeadId, lead.CrmDeletedAt, lead.CustomFieldsJson, lead.SyncStateJson,
    ];

    public static bool Same(object?[] a, object?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Gives a new entity the id its insert got (the domain sets ids only through the database).</summary>
    public static readonly Action<Entity, int> SetId =
        typeof(Entity).GetProperty(nameof(Entity.Id))!.GetSetMethod(nonPublic: true)!.CreateDelegate<Action<Entity, int>>();
}
