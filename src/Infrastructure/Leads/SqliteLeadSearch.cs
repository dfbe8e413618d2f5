using System.Runtime.CompilerServices;
using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Infrastructure.Leads;

/// <summary>
/// SQLite: the FTS5 trigram table "LeadSearch" (migration LeadSearch) finds the text, LeadTags the tag. SQLite's planner
/// knows nothing of how many leads a term matches, so this class chooses what to walk (ADR 0009):
/// <list type="bullet">
/// <item>a rare term (its rarest trigram in at most <see cref="RareTermDocuments"/> leads, from the index's own
/// counts in "LeadSearchTrigrams"): the text index drives; its few matches are looked up and sorted;</item>
/// <item>a broad term: the page walks the tag's LeadTags range or the leads' (SubAccountId, CreatedAt) / (CreatedAt)
/// index newest first and checks the text on each lead, so a page of a term in 30% of the leads reads ~170 leads;
/// the count walks the text index's matches (it stops at the cap), see <see cref="CountUpTo"/>.</item>
/// </list>
/// </summary>
internal sealed class SqliteLeadSearch(AppDbContext db) : ILeadSearchPlans
{
    /// <summary>
    /// Up to this many documents the text index's matches are looked up and sorted in a few milliseconds (about 4 µs a
    /// lead on the benchmark's machine); above it walking the leads in list order finds a page sooner.
    /// </summary>
    internal const int RareTermDocuments = 10_000;

    /// <summary>How many of a term's trigrams are looked up to estimate its matches (each is one read of the index's counts).</summary>
    private const int TrigramsEstimated = 16;

    /// <summary>The text the index holds (migration LeadSearch); the per-lead check must read exactly this.</summary>
    internal const string Text =
        """coalesce(l."Name", '') || ' ' || coalesce(l."FirstName", '') || ' ' || coalesce(l."LastName", '') || ' ' || coalesce(l."Email", '')""";

    /// <summary>The phone's digits as the index holds them (migration LeadSearch).</summary>
    internal const string PhoneDigits =
        """replace(replace(replace(replace(replace(replace(replace(coalesce(l."Phone", ''), '+', ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', '')""";

    /// <summary>
    /// Counted from index entries only, never from the leads' rows (a row is a random read, about 4 µs; 30,000 of them
    /// miss the target): the text index's matches, or the tag's LeadTags range, kept when their id is in the sets the
    /// other filters name, each read from a covering index: a sub-account's leads (changed since …) from
    /// (SubAccountId, UpdatedAt), the tag's from LeadTags. The unary + keeps the id test a filter, so
    /// the walk stays in the driving index's order and stops at <paramref name="atMost"/>.
    /// </summary>
    public async Task<long> CountUpTo(LeadFilter filter, int atMost, CancellationToken cancellationToken)
    {
        LeadSql sql;
        string id;
        var scopedByTags = false;
        if (filter.SearchTerms is { } terms)
        {
            sql = new LeadSql("""
                "LeadSearch" s
                """, "");
            sql.Where($"""s."LeadSearch" MATCH {sql.Parameter(Fts5Query(terms))}""");
            id = "+s.rowid";
            if (filter.NormalizedTag is { } tag)
            {
                sql.Where($"""{id} IN (SELECT "LeadId" FROM "LeadTags" WHERE "Tag" = {sql.Parameter(tag)}{SubAccountOf(sql, filter, "")})""");
                scopedByTags = true;
            }
        }
        else
        {
            sql = new LeadSql("""
                "LeadTags" t
                """, "");
            sql.Where($"""t."Tag" = {sql.Parameter(filter.NormalizedTag!)}{SubAccountOf(sql, filter, "t.")}""");
            id = """+t."LeadId" """;
            scopedByTags = true;
        }

        // A sub-account's leads (changed since …) are one range of a covering index, at most that sub-account's size. All
        // leads changed since an old instant may be all leads: then the change time is read per match, last.
        if (filter.SubAccountId is { } subAccountId && (filter.UpdatedSince is not null || !scopedByTags))
        {
            var since = filter.UpdatedSince is { } instant ? $" AND \"UpdatedAt\" >= {sql.Parameter(instant.UtcDateTime)}" : "";
            sql.Where($"""{id} IN (SELECT "Id" FROM "Leads" WHERE "SubAccountId" = {sql.Parameter(subAccountId)}{since})""");
        }
        else if (filter.SubAccountId is null && filter.UpdatedSince is { } since)
        {
            sql.Where($"""EXISTS (SELECT 1 FROM "Leads" l WHERE l."Id" = {id.TrimStart('+')} AND l."UpdatedAt" >= {sql.Parameter(since.UtcDateTime)})""");
        }

        var (text, parameters) = sql.CountUpTo(atMost);
        return (await db.Database.SqlQueryRaw<long>(text, parameters).ToListAsync(cancellationToken)).Single();
    }

    /// <summary>" AND {prefix}SubAccountId = …" for a scoped filter, else nothing.</summary>
    private static string SubAccountOf(LeadSql sql, LeadFilter filter, string prefix) =>
        filter.SubAccountId is { } subAccountId ? $" AND {prefix}\"SubAccountId\" = {sql.Parameter(subAccountId)}" : "";

    public async Task<List<Lead>> Page(LeadFilter filter, int page, int pageSize, long matches, CancellationToken cancellationToken)
    {
        var textIndexDrives = filter.SearchTerms is { } terms && !await IsBroad(terms, cancellationToken);
        var (text, parameters) = Walk(filter, textIndexDrives).Page(page, pageSize);
        return await db.Leads.FromSqlRaw(text, parameters).AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The list's walks, page after page. A rare term's matches are looked up and sorted for each page (at most
    /// <see cref="RareTermDocuments"/> of them); a broad one, of any alphabet, is checked on each lead walked.
    /// </summary>
    public async IAsyncEnumerable<Lead> EveryMatch(LeadFilter filter, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var textIndexDrives = filter.SearchTerms is { } terms && await EstimatedMatches(terms, cancellationToken) <= RareTermDocuments;
        var pages = LeadPages.Read(async after =>
        {
            var (text, parameters) = Walk(filter, textIndexDrives).After(after, pageSize);
            return await db.Leads.FromSqlRaw(text, parameters).AsNoTracking().ToListAsync(cancellationToken);
        }, pageSize, cancellationToken);
        await foreach (var lead in pages)
        {
            yield return lead;
        }
    }

    /// <summary>What a page walks: the text index's matches, the tag's LeadTags range or the leads, in list order.</summary>
    private static LeadSql Walk(LeadFilter filter, bool textIndexDrives)
    {
        var terms = filter.SearchTerms;
        if (terms is not null && textIndexDrives)
        {
            return TextIndexDriven(filter, terms);
        }

        var sql = filter.NormalizedTag is { } tag ? LeadSqlShapes.Tagged(filter, tag, "CROSS JOIN") : LeadSqlShapes.Leads(filter);
        CheckText(sql, terms);
        return sql;
    }

    /// <summary>The text index's matches (CROSS JOIN: looked up from the index, never the other way round), then the rest.</summary>
    private static LeadSql TextIndexDriven(LeadFilter filter, LeadSearchTerms terms)
    {
        var sql = new LeadSql("""
            "LeadSearch" s CROSS JOIN "Leads" l ON l."Id" = s.rowid
            """, LeadSqlShapes.NewestFirst);
        sql.Where($"""s."LeadSearch" MATCH {sql.Parameter(Fts5Query(terms))}""");
        LeadSqlShapes.Scope(sql, filter, "l");
        if (filter.NormalizedTag is { } tag)
        {
            sql.Where($"""EXISTS (SELECT 1 FROM "LeadTags" t WHERE t."LeadId" = l."Id" AND t."Tag" = {sql.Parameter(tag)})""");
        }

        return sql;
    }

    /// <summary>
    /// The text checked on the lead itself. An ASCII term is compared by <c>lower()</c>, which folds its case as the FTS5
    /// index does, so both plans find the same leads; any other term is looked up in the index for this one lead (its
    /// rowid bounds the index's walk), as only the index folds its case exactly.
    /// </summary>
    private static void CheckText(LeadSql sql, LeadSearchTerms? terms)
    {
        if (terms is null)
        {
            return;
        }

        if (!terms.IsAscii)
        {
            sql.Where($"""EXISTS (SELECT 1 FROM "LeadSearch" s WHERE s.rowid = l."Id" AND s."LeadSearch" MATCH {sql.Parameter(Fts5Query(terms))})""");
            return;
        }

        var text = $"instr(lower({Text}), {sql.Parameter(terms.Text)}) > 0";
        sql.Where(terms.PhoneDigits is { } digits ? $"({text} OR instr({PhoneDigits}, {sql.Parameter(digits)}) > 0)" : text);
    }

    /// <summary>
    /// Whether the term's rarest trigram is in more than <see cref="RareTermDocuments"/> leads (an upper bound of its matches).
    /// A term with other than ASCII characters always counts as rare: only the index folds its case exactly.
    /// </summary>
    private async Task<bool> IsBroad(LeadSearchTerms terms, CancellationToken cancellationToken)
    {
        if (!terms.IsAscii)
        {
            return false;
        }

        return await EstimatedMatches(terms, cancellationToken) > RareTermDocuments;
    }

    /// <summary>At most this many leads match (the rarest trigram's count, the phone's digits' added).</summary>
    private async Task<long> EstimatedMatches(LeadSearchTerms terms, CancellationToken cancellationToken)
    {
        var documents = await RarestTrigramDocuments(terms.Text, cancellationToken);
        if (terms.PhoneDigits is { } digits)
        {
            documents += await RarestTrigramDocuments(digits, cancellationToken);
        }

        return documents;
    }

    /// <summary>The fewest leads any of the term's trigrams is in (0 when one is in none): FTS5's own per-trigram counts.</summary>
    private async Task<long> RarestTrigramDocuments(string term, CancellationToken cancellationToken)
    {
        var trigrams = Enumerable.Range(0, term.Length - 2).Select(i => term.Substring(i, 3)).Distinct(StringComparer.Ordinal)
            .Take(TrigramsEstimated).ToArray();
        if (trigrams.Length == 0)
        {
            return 0;
        }

        // One lookup per trigram (fts5vocab answers "term = ?" from the index; "term IN (...)" reads every term), 0 for a
        // trigram in no lead. Only the number of lookups comes from the term; the trigrams are parameters.
        var lookups = trigrams.Select((_, i) => $$"""SELECT coalesce((SELECT "doc" FROM "LeadSearchTrigrams" WHERE "term" = {{{i}}}), 0) AS "Documents" """);
        var sql = $"""SELECT min("Documents") AS "Value" FROM ({string.Join(" UNION ALL ", lookups)}) AS "Counts" """;
        return (await db.Database.SqlQueryRaw<long>(sql, [.. trigrams.Cast<object>()]).ToListAsync(cancellationToken)).Single();
    }

    /// <summary>The FTS5 query: each term is one quoted string (a quote is written twice), so nothing in it is syntax.</summary>
    private static string Fts5Query(LeadSearchTerms terms) => terms.PhoneDigits is { } digits
        ? $"(text : {Phrase(terms.Text)} OR phone : {Phrase(digits)})"
        : $"text : {Phrase(terms.Text)}";

    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
