using System.Runtime.CompilerServices;
using System.Text;
using IntegrationHub.Application.Leads;
using IntegrationHub.Domain.Leads;
using IntegrationHub.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationHub.Infrastructure.Leads;

/// <summary>
/// PostgreSQL: pg_trgm GIN indexes on the lower-cased text and the phone's digits (migration LeadSearch), LeadTags for
/// the tag. The planner finds a term's matches from the GIN index and counts them well, but for a page (LIMIT 50, newest
/// first) it bets on walking the list order until 50 match, and loses that bet when the matches are few and spread
/// out (a tenant's "smith" among its customers: thousands of random reads). The count, made first, says how dense the
/// matches are, so this class chooses (ADR 0009): a walk when it reads fewer rows than finding the matches first (and at
/// most <see cref="WalkBudget"/> more), else the
/// matches from the text index, sorted. Both run without parallel workers or JIT compilation, which cost this
/// machine's queries 20-70 ms of start-up each and buy nothing at these sizes.
/// </summary>
internal sealed class PostgreSqlLeadSearch(AppDbContext db) : ILeadSearchPlans
{
    /// <summary>The expressions must stay exactly those of the migration's indexes, or the planner cannot use them.</summary>
    internal const string Text =
        """lower(coalesce(l."Name", '') || ' ' || coalesce(l."FirstName", '') || ' ' || coalesce(l."LastName", '') || ' ' || coalesce(l."Email", ''))""";

    internal const string PhoneDigits = """regexp_replace(coalesce(l."Phone", ''), '[^0-9]', '', 'g')""";

    /// <summary>
    /// Rows a newest-first walk may read to fill a page (each a random read of a lead, ~15-40 µs here); a walk expected to
    /// need more is replaced by the text index's matches.
    /// </summary>
    internal const int WalkBudget = 2_000;


    public Task<long> CountUpTo(LeadFilter filter, int atMost, CancellationToken cancellationToken) =>
        WithSearchSettings(async () =>
        {
            var counted = filter.SearchTerms is null ? TagRows(filter)
                : await TextBeforeTagAsync(filter, cancellationToken) ? TextFirst(filter) : Matching(filter);
            var (sql, parameters) = counted.CountUpTo(atMost);
            return (await db.Database.SqlQueryRaw<long>(sql, parameters).ToListAsync(cancellationToken)).Single();
        }, cancellationToken);

    public Task<List<Lead>> Page(LeadFilter filter, int page, int pageSize, long matches, CancellationToken cancellationToken) =>
        WithSearchSettings(async () =>
        {
            var sql = Matching(filter);
            if (filter.SearchTerms is not null && await WalkExceedsBudgetAsync(filter, (long)page * pageSize, matches, cancellationToken))
            {
                sql = sql.MatchesFirst();
            }

            var (text, parameters) = sql.Page(page, pageSize);
            return await db.Leads.FromSqlRaw(text, parameters).AsNoTracking().ToListAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The list's conditions, page after page in list order; the planner walks the order's index or, for few matches,
    /// sorts the text index's matches past the cursor.
    /// </summary>
    public async IAsyncEnumerable<Lead> EveryMatch(LeadFilter filter, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = LeadPages.Read(after => WithSearchSettings(() =>
        {
            var (text, parameters) = Matching(filter).After(after, pageSize);
            return db.Leads.FromSqlRaw(text, parameters).AsNoTracking().ToListAsync(cancellationToken);
        }, cancellationToken), pageSize, cancellationToken);
        await foreach (var lead in pages)
        {
            yield return lead;
        }
    }

    /// <summary>
    /// Whether walking the list order to the page's end costs more than finding the matches first. The walk reads about
    /// rows × pageEnd / matches of the rows it walks (the tag's LeadTags rows, or the scope's leads: the planner's
    /// estimate, from its statistics, costs a millisecond where counting them could cost more than the search); finding
    /// first reads at least the matches, and cannot be bounded when they pass the cap.
    /// </summary>
    private async Task<bool> WalkExceedsBudgetAsync(LeadFilter filter, long pageEnd, long matches, CancellationToken cancellationToken)
    {
        if (matches < pageEnd)
        {
            return true; // The walk would read every row it walks and still not fill the page.
        }

        if (matches > LeadSearchLimits.CountCap)
        {
            return false; // Dense: at least 10,000 matches, a page is near in list order.
        }

        var walked = new LeadSql(filter.NormalizedTag is null ? "\"Leads\" l" : "\"LeadTags\" l", "");
        if (filter.NormalizedTag is { } tag)
        {
            walked.Where($"""l."Tag" = {walked.Parameter(tag)}""");
        }

        if (filter.SubAccountId is { } subAccountId)
        {
            walked.Where($"""l."SubAccountId" = {walked.Parameter(subAccountId)}""");
        }

        var walkCost = await EstimatedRowsAsync(walked, cancellationToken) * pageEnd / matches;
        return walkCost > Math.Max(WalkBudget, matches);
    }

    /// <summary>The planner's estimate of the rows a query returns (<c>EXPLAIN</c>: planned, not run).</summary>
    private async Task<double> EstimatedRowsAsync(LeadSql sql, CancellationToken cancellationToken)
    {
        var (text, parameters) = sql.Rows();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        // LeadSql's {n} placeholders are EF's; ADO.NET takes PostgreSQL's positional $n.
        command.CommandText = "EXPLAIN (FORMAT JSON) " + System.Text.RegularExpressions.Regex.Replace(text, @"\{(\d+)\}",
            m => "$" + (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1));
        foreach (var value in parameters)
        {
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
        }

        using var plan = System.Text.Json.JsonDocument.Parse((string)(await command.ExecuteScalarAsync(cancellationToken))!);
        return plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
    }

    /// <summary>
    /// Runs the search's statements in one transaction whose settings turn off parallel workers and JIT compilation
    /// (SET LOCAL: they end with it). Inside a caller's transaction, that one is used.
    /// </summary>
    private async Task<T> WithSearchSettings<T>(Func<Task<T>> search, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await search();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off", cancellationToken);
        var result = await search();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static LeadSql Matching(LeadFilter filter)
    {
        var sql = filter.NormalizedTag is { } tag ? LeadSqlShapes.Tagged(filter, tag, "JOIN") : LeadSqlShapes.Leads(filter);
        if (filter.SearchTerms is { } terms)
        {
            if (filter.NormalizedTag is not null && filter.SubAccountId is { } subAccountId)
            {
                // Said of the lead too (Tagged says it of its LeadTags row): then the planner can intersect the text
                // index's matches with the sub-account's before reading a lead, which cut a tenant's text-and-tag count
                // from ~700 to ~60 ms at 1,000,000 leads in ten sub-accounts (ADR 0009).
                sql.Where($"""l."SubAccountId" = {sql.Parameter(subAccountId)}""");
            }

            MatchText(sql, terms);
        }

        return sql;
    }

    private static void MatchText(LeadSql sql, LeadSearchTerms terms)
    {
        var text = $"{Text} LIKE {sql.Parameter(Contains(terms.Text))}";
        sql.Where(terms.PhoneDigits is { } digits ? $"({text} OR {PhoneDigits} LIKE {sql.Parameter(Contains(digits))})" : text);
    }

    /// <summary>
    /// The text index's matches, each checked for the tag by one probe of LeadTags' key (OFFSET 0 keeps the check a
    /// per-lead probe: as a join, the planner hashed all 300,000 rows of a common tag first, 250-360 ms).
    /// </summary>
    private static LeadSql TextFirst(LeadFilter filter)
    {
        var sql = new LeadSql("""
            "Leads" l
            """, LeadSqlShapes.NewestFirst);
        LeadSqlShapes.Scope(sql, filter, "l");
        sql.Where($"""EXISTS (SELECT 1 FROM "LeadTags" t WHERE t."LeadId" = l."Id" AND t."Tag" = {sql.Parameter(filter.NormalizedTag!)} OFFSET 0)""");
        MatchText(sql, filter.SearchTerms!);
        return sql;
    }

    /// <summary>
    /// For a text and tag over all sub-accounts (a tenant's count intersects with its sub-account, see <see cref="Matching"/>):
    /// whether the planner expects fewer text matches than tag rows, so the count reads the text's matches and probes the
    /// tag rather than the other way round.
    /// </summary>
    private async Task<bool> TextBeforeTagAsync(LeadFilter filter, CancellationToken cancellationToken)
    {
        if (filter.NormalizedTag is not { } tag || filter.SubAccountId is not null)
        {
            return false;
        }

        var text = new LeadSql("""
            "Leads" l
            """, "");
        MatchText(text, filter.SearchTerms!);
        var tagged = new LeadSql("""
            "LeadTags" t
            """, "");
        tagged.Where($"""t."Tag" = {tagged.Parameter(tag)}""");
        return await EstimatedRowsAsync(text, cancellationToken) <= await EstimatedRowsAsync(tagged, cancellationToken);
    }

    /// <summary>
    /// A tag without a text term is counted from its LeadTags rows alone (an index-only range): joining each to its lead,
    /// which always exists, read a random row per match (~90 ms for 10,000). Only a change-time filter reads the leads.
    /// </summary>
    private static LeadSql TagRows(LeadFilter filter)
    {
        var sql = new LeadSql("""
            "LeadTags" t
            """, "");
        sql.Where($"""t."Tag" = {sql.Parameter(filter.NormalizedTag!)}""");
        if (filter.SubAccountId is { } subAccountId)
        {
            sql.Where($"""t."SubAccountId" = {sql.Parameter(subAccountId)}""");
        }

        if (filter.UpdatedSince is { } since)
        {
            sql.Where($"""EXISTS (SELECT 1 FROM "Leads" l WHERE l."Id" = t."LeadId" AND l."UpdatedAt" >= {sql.Parameter(since.UtcDateTime)})""");
        }

        return sql;
    }

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, its own %, _ and \ taken literally.</summary>
    internal static string Contains(string text)
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
