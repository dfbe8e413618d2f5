using IntegrationHub.Application.Leads;

namespace IntegrationHub.Infrastructure.Leads;

/// <summary>
/// The two walks SQLite and PostgreSQL share, with the filter's scope, change time and tag as conditions; the text
/// condition is each database's own (<see cref="SqliteLeadSearch"/>, <see cref="PostgreSqlLeadSearch"/>).
/// </summary>
internal static class LeadSqlShapes
{
    /// <summary>The list order of leads, which the (SubAccountId, CreatedAt) and (CreatedAt) indexes give without sorting.</summary>
    public const string NewestFirst = """l."CreatedAt" DESC, l."Id" DESC""";

    /// <summary>
    /// Walks the leads in list order (an index range when nothing else narrows them), checking every other condition
    /// per lead: the tag by its LeadTags row, the text by the caller's condition.
    /// </summary>
    public static LeadSql Leads(LeadFilter filter)
    {
        var sql = new LeadSql("""
            "Leads" l
            """, NewestFirst);
        Scope(sql, filter, "l");
        if (filter.NormalizedTag is { } tag)
        {
            sql.Where($"""EXISTS (SELECT 1 FROM "LeadTags" t WHERE t."LeadId" = l."Id" AND t."Tag" = {sql.Parameter(tag)})""");
        }

        return sql;
    }

    /// <summary>
    /// Walks one tag's LeadTags rows, newest first (an index range: (SubAccountId, Tag, CreatedAt, LeadId) for a
    /// sub-account, (Tag, CreatedAt, LeadId) for all), and joins each to its lead. <paramref name="join"/> is the
    /// database's join keyword: SQLite's CROSS JOIN keeps this order; PostgreSQL's planner chooses its own.
    /// </summary>
    public static LeadSql Tagged(LeadFilter filter, string tag, string join)
    {
        var sql = new LeadSql($"""
            "LeadTags" t {join} "Leads" l ON l."Id" = t."LeadId"
            """, """t."CreatedAt" DESC, t."LeadId" DESC""");
        sql.Where($"""t."Tag" = {sql.Parameter(tag)}""");
        Scope(sql, filter, "t");
        return sql;
    }

    /// <summary>The scope (on <paramref name="alias"/>'s SubAccountId, so that its index serves) and the change time.</summary>
    public static void Scope(LeadSql sql, LeadFilter filter, string alias)
    {
        if (filter.SubAccountId is { } subAccountId)
        {
            sql.Where($"""{alias}."SubAccountId" = {sql.Parameter(subAccountId)}""");
        }

        if (filter.UpdatedSince is { } since)
        {
            sql.Where($"""l."UpdatedAt" >= {sql.Parameter(since.UtcDateTime)}""");
        }
    }
}
