using System.Text;
using System.Text.Json;
using IntegrationHub.Application.Common.Specifications;
using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.Leads;

/// <summary>
/// Finds leads with each database's own index for the text and tag filters (the migrations named *LeadSearch create
/// them); the scope and change-time filters are ordinary columns (<see cref="LeadsMatchingSpec"/>). Every value reaches
/// the database as a parameter; what the index's query language would read as syntax is quoted or escaped here.
/// </summary>
internal sealed class LeadSearch(AppDbContext db) : ILeadSearch
{
    /// <summary>Separates tags in the SQLite index's tag text, so that a phrase between two of them is one whole tag.</summary>
    internal const char TagSeparator = '\u001f';

    public IQueryable<Lead> Find(LeadFilter filter)
    {
        var terms = filter.SearchTerms;
        var indexed = terms is { IsShort: false } ? terms : null;
        var tag = filter.NormalizedTag;
        var leads = db.Database.IsSqlite() ? Sqlite(indexed, tag)
            : db.Database.IsNpgsql() ? PostgreSql(indexed, tag)
            : SqlServer(tag);
        if (terms is not null && (indexed is null || !(db.Database.IsSqlite() || db.Database.IsNpgsql())))
        {
            leads = LeadScan.Matching(leads, terms);
        }

        return leads.WithSpecification(new LeadsMatchingSpec(filter));
    }

    /// <summary>One FTS5 trigram table holds the name/e-mail text, the phone's digits and the tags (it folds case itself).</summary>
    private IQueryable<Lead> Sqlite(LeadSearchTerms? terms, string? tag)
    {
        var clauses = new List<string>();
        if (terms is not null)
        {
            clauses.Add(terms.PhoneDigits is { } digits
                ? $"(text : {Phrase(terms.Text)} OR phone : {Phrase(digits)})"
                : $"text : {Phrase(terms.Text)}");
        }

        if (tag is not null)
        {
            clauses.Add($"tags : {Phrase(TagSeparator + tag.Replace(TagSeparator, ' ') + TagSeparator)}");
        }

        return clauses.Count == 0 ? db.Leads
            : db.Leads.FromSqlRaw("""SELECT * FROM "Leads" WHERE "Id" IN (SELECT rowid FROM "LeadSearch" WHERE "LeadSearch" MATCH {0})""",
                string.Join(" AND ", clauses));
    }

    /// <summary>An FTS5 string: everything between the quotes is text; a quote is written twice.</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The expressions must stay exactly those of the PostgreSQL migration's indexes, or the planner cannot use them.</summary>
    internal const string PostgreSqlText =
        """lower(coalesce("Name", '') || ' ' || coalesce("FirstName", '') || ' ' || coalesce("LastName", '') || ' ' || coalesce("Email", ''))""";

    internal const string PostgreSqlPhone = """regexp_replace(coalesce("Phone", ''), '[^0-9]', '', 'g')""";
    internal const string PostgreSqlTags = """(lower("Tags")::jsonb)""";

    private IQueryable<Lead> PostgreSql(LeadSearchTerms? terms, string? tag)
    {
        var where = new List<string>();
        var parameters = new List<object>();
        if (terms is not null)
        {
            parameters.Add(Contains(terms.Text));
            var text = $"{PostgreSqlText} LIKE {{{parameters.Count - 1}}}";
            if (terms.PhoneDigits is { } digits)
            {
                parameters.Add(Contains(digits));
                text = $"({text} OR {PostgreSqlPhone} LIKE {{{parameters.Count - 1}}})";
            }

            where.Add(text);
        }

        if (tag is not null)
        {
            parameters.Add(JsonSerializer.Serialize(new[] { tag }));
            where.Add($"{PostgreSqlTags} @> CAST({{{parameters.Count - 1}}} AS jsonb)");
        }

        // Built from this class's constant fragments only; every value is a parameter.
        var sql = """SELECT * FROM "Leads" WHERE """ + string.Join(" AND ", where);
        return where.Count == 0 ? db.Leads : db.Leads.FromSqlRaw(sql, [.. parameters]);
    }

    /// <summary>No target there: the tag is a substring of the lower-cased JSON list, the text a scan (<see cref="LeadScan"/>).</summary>
    private IQueryable<Lead> SqlServer(string? tag) => tag is null ? db.Leads
        : db.Leads.FromSqlRaw("""SELECT * FROM [Leads] WHERE LOWER([Tags]) LIKE {0} ESCAPE '\'""", Contains(JsonSerializer.Serialize(tag)));

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, its own %, _ and \ taken literally.</summary>
    private static string Contains(string text)
    {
        var pattern = new StringBuilder("%", text.Length + 2);
        foreach (var c in text)
        {
            if (c is '%' or '_' or '\\')
            {
                pattern.Append('\\');
            }

            pattern.Append(c);
        }

        return pattern.Append('%').ToString();
    }
}
