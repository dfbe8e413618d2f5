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

    /// <summary>
    /// Whether the lead still holds what <paramref name="row"/> stored, compared in place: every lead a batch read is
    /// checked at each of its commits, so this must not build the columns again.
    /// </summary>
    public static bool Unchanged(LeadRow row)
    {
        var (v, l) = (row.Values, row.Lead);
        return (int)v[0]! == l.SubAccountId && (int?)v[1] == l.RegularUserId && (int?)v[2] == l.StrategyId && (string?)v[3] == l.Name
            && (string?)v[4] == l.FirstName && (string?)v[5] == l.LastName && (string?)v[6] == l.Email && (string?)v[7] == l.Phone
            && (string?)v[8] == l.Company && (string?)v[9] == l.Address && (string?)v[10] == l.City && (string?)v[11] == l.State
            && (string?)v[12] == l.PostalCode && (string?)v[13] == l.Country && (string?)v[14] == l.Timezone && (string?)v[15] == l.Source
            && ReferenceEquals(row.Tags, l.Tags) && (string?)v[17] == l.ExternalContactId && (DateTime)v[18]! == l.CreatedAt
            && (DateTime)v[19]! == l.UpdatedAt && (DateTime?)v[20] == l.ExternalUpdatedAt && (int?)v[21] == l.DuplicateOfLeadId
            && (DateTime?)v[22] == l.CrmDeletedAt && (string?)v[23] == l.CustomFieldsJson && (string?)v[24] == l.SyncStateJson;
    }

    /// <summary>Gives a new entity the id its insert got (the domain sets ids only through the database).</summary>
    public static readonly Action<Entity, int> SetId =
        typeof(Entity).GetProperty(nameof(Entity.Id))!.GetSetMethod(nonPublic: true)!.CreateDelegate<Action<Entity, int>>();
}
