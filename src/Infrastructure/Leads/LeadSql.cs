namespace IntegrationHub.Infrastructure.Leads;

/// <summary>
/// One lead query as SQL for <c>FromSqlRaw</c>: what it walks (<see cref="From"/>, in the order it must be walked), the
/// conditions, the order. Built only from the constant fragments of this folder's classes: every value goes through
/// <see cref="Parameter"/> and reaches the database as a parameter. The quoting ("…", LIMIT/OFFSET) is the one SQLite
/// and PostgreSQL share.
/// </summary>
internal sealed class LeadSql(string from, string order)
{
    private readonly List<string> _conditions = [];
    private readonly List<object> _parameters = [];

    public string From { get; } = from;
    public string Order { get; } = order;
    private object[] Parameters => [.. _parameters];

    /// <summary>The placeholder of a new parameter holding <paramref name="value"/>.</summary>
    public string Parameter(object value)
    {
        _parameters.Add(value);
        return $"{{{_parameters.Count - 1}}}";
    }

    public LeadSql Where(string condition)
    {
        _conditions.Add(condition);
        return this;
    }

    /// <summary>The leads of one page, in list order.</summary>
    public (string Sql, object[] Parameters) Page(int page, int pageSize)
    {
        var limit = Parameter(pageSize);
        var offset = Parameter((page - 1) * pageSize);
        return ($"""SELECT l.* FROM {From}{WhereClause} ORDER BY {Order} LIMIT {limit} OFFSET {offset}""", Parameters);
    }

    /// <summary>
    /// The next <paramref name="pageSize"/> leads in list order after <paramref name="after"/> (keyset paging: the walk
    /// starts where the previous page ended, by the order's time and id, so the millionth lead costs what the first does,
    /// where an OFFSET re-reads every lead before it). The order is "time DESC, id DESC", as both walks in
    /// <see cref="LeadSqlShapes"/> are.
    /// </summary>
    public (string Sql, object[] Parameters) After(LeadCursor? after, int pageSize)
    {
        if (after is { } cursor)
        {
            var columns = Order.Replace(" DESC", "", StringComparison.Ordinal).Split(", ");
            var (time, id) = (columns[0], columns[1]);
            var at = Parameter(cursor.CreatedAt);
            // "time <= at" alone is a range of the time index; the OR only sorts out the leads created at that same instant.
            Where($"{time} <= {at} AND ({time} < {at} OR {id} < {Parameter(cursor.Id)})");
        }

        var limit = Parameter(pageSize);
        return ($"""SELECT l.* FROM {From}{WhereClause} ORDER BY {Order} LIMIT {limit}""", Parameters);
    }

    /// <summary>How many match, counting no further than <paramref name="atMost"/> (the walk stops there).</summary>
    public (string Sql, object[] Parameters) CountUpTo(int atMost)
    {
        var limit = Parameter(atMost);
        return ($"""SELECT count(*) AS "Value" FROM (SELECT 1 AS "One" FROM {From}{WhereClause} LIMIT {limit}) AS "Matches" """, Parameters);
    }

    /// <summary>The rows matching, unordered and unlimited (for the planner's estimate of how many).</summary>
    public (string Sql, object[] Parameters) Rows() => ($"""SELECT 1 FROM {From}{WhereClause}""", Parameters);

    /// <summary>
    /// The same leads, found first and sorted then: a materialized subquery the planner cannot turn into a walk of the
    /// list order (it answers its conditions from their indexes, here the text index), then the page of it.
    /// </summary>
    public LeadSql MatchesFirst()
    {
        var order = Order.Replace("t.\"", "m.\"", StringComparison.Ordinal).Replace("l.\"", "m.\"", StringComparison.Ordinal);
        var columns = Order.Replace(" DESC", "", StringComparison.Ordinal);
        var found = new LeadSql($"""
            (SELECT l."Id" AS "MatchId", {columns} FROM {From}{WhereClause} OFFSET 0) m JOIN "Leads" l ON l."Id" = m."MatchId"
            """, order.Replace("m.\"Id\"", "m.\"MatchId\"", StringComparison.Ordinal));
        found._parameters.AddRange(_parameters);
        return found;
    }

    private string WhereClause => _conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", _conditions);
}
