namespace IntegrationHub.Infrastructure.Persistence.Migrations;

/// <summary>
/// The SQL of the LeadTags migrations (ADR 0009), one list per provider, kept apart from the generated migration files
/// so that they can be generated again. Triggers on Leads write a lead's tags, lower-cased and each once, into
/// LeadTags on every insert and on every update of its tags, sub-account or creation time; deleting a lead cascades
/// (the table's foreign key). Triggers rather than the hub's write path: they see every write (EF, ExecuteUpdate,
/// raw SQL, a bulk import), so the table cannot drift. Tags over <see cref="Domain.Leads.LeadTag.MaxLength"/> characters
/// are left out: the filter accepts no longer tag. Each list ends by filling LeadTags from the leads already there.
/// </summary>
internal static class LeadTagsSql
{
    private const string SqliteTags = """json_each(CASE WHEN json_valid({0}."Tags") THEN {0}."Tags" ELSE '[]' END)""";

    private static string SqliteInsert(string row) => $"""
        INSERT OR IGNORE INTO "LeadTags" ("LeadId", "SubAccountId", "Tag", "CreatedAt")
        SELECT {row}."Id", {row}."SubAccountId", lower(tag.value), {row}."CreatedAt" FROM {string.Format(SqliteTags, row)} AS tag
        WHERE length(tag.value) BETWEEN 1 AND 100;
        """;

    /// <summary>
    /// SQLite's lower() folds ASCII letters only (GoHighLevel sends tags lower-cased already). Also the trigram counts
    /// of the FTS5 index ("LeadSearchTrigrams", fts5vocab), which the search reads to tell rare terms from broad ones.
    /// </summary>
    public static readonly string[] SqliteUp =
    [
        """CREATE VIRTUAL TABLE "LeadSearchTrigrams" USING fts5vocab('LeadSearch', 'row');""",
        $"""
        CREATE TRIGGER "Leads_tags_insert" AFTER INSERT ON "Leads" BEGIN
            {SqliteInsert("new")}
        END;
        """,
        $"""
        CREATE TRIGGER "Leads_tags_update" AFTER UPDATE OF "Tags", "SubAccountId", "CreatedAt" ON "Leads" BEGIN
            DELETE FROM "LeadTags" WHERE "LeadId" = old."Id";
            {SqliteInsert("new")}
        END;
        """,
        $"""
        INSERT OR IGNORE INTO "LeadTags" ("LeadId", "SubAccountId", "Tag", "CreatedAt")
        SELECT l."Id", l."SubAccountId", lower(tag.value), l."CreatedAt" FROM "Leads" AS l, {string.Format(SqliteTags, "l")} AS tag
        WHERE length(tag.value) BETWEEN 1 AND 100;
        """,
    ];

    public static readonly string[] SqliteDown =
    [
        """DROP TRIGGER IF EXISTS "Leads_tags_insert";""",
        """DROP TRIGGER IF EXISTS "Leads_tags_update";""",
        """DROP TABLE IF EXISTS "LeadSearchTrigrams";""",
    ];

    private const string PostgreSqlTags = """jsonb_array_elements_text(CASE WHEN jsonb_typeof({0}."Tags"::jsonb) = 'array' THEN {0}."Tags"::jsonb ELSE '[]'::jsonb END)""";

    /// <summary>PostgreSQL's lower() folds every letter of the database's encoding. The jsonb GIN index on Leads.Tags goes: nothing reads it now.</summary>
    public static readonly string[] PostgreSqlUp =
    [
        $"""
        CREATE FUNCTION "Leads_tags_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                DELETE FROM "LeadTags" WHERE "LeadId" = OLD."Id";
            END IF;
            INSERT INTO "LeadTags" ("LeadId", "SubAccountId", "Tag", "CreatedAt")
            SELECT DISTINCT NEW."Id", NEW."SubAccountId", lower(tag), NEW."CreatedAt" FROM {string.Format(PostgreSqlTags, "NEW")} AS tag
            WHERE length(tag) BETWEEN 1 AND 100;
            RETURN NULL;
        END
        $$;
        """,
        """CREATE TRIGGER "Leads_tags_insert" AFTER INSERT ON "Leads" FOR EACH ROW EXECUTE FUNCTION "Leads_tags_sync"();""",
        """
        CREATE TRIGGER "Leads_tags_update" AFTER UPDATE OF "Tags", "SubAccountId", "CreatedAt" ON "Leads"
            FOR EACH ROW EXECUTE FUNCTION "Leads_tags_sync"();
        """,
        $"""
        INSERT INTO "LeadTags" ("LeadId", "SubAccountId", "Tag", "CreatedAt")
        SELECT DISTINCT l."Id", l."SubAccountId", lower(tag), l."CreatedAt" FROM "Leads" AS l CROSS JOIN LATERAL {string.Format(PostgreSqlTags, "l")} AS tag
        WHERE length(tag) BETWEEN 1 AND 100;
        """,
        """DROP INDEX IF EXISTS "IX_Leads_TagsLower";""",
        // The planner chooses between the tag's index range and the leads' by these statistics; autovacuum would take a while.
        """ANALYZE "LeadTags";""",
    ];

    public static readonly string[] PostgreSqlDown =
    [
        """CREATE INDEX IF NOT EXISTS "IX_Leads_TagsLower" ON "Leads" USING gin ((lower("Tags")::jsonb) jsonb_path_ops);""",
        """DROP TRIGGER IF EXISTS "Leads_tags_insert" ON "Leads";""",
        """DROP TRIGGER IF EXISTS "Leads_tags_update" ON "Leads";""",
        """DROP FUNCTION IF EXISTS "Leads_tags_sync"();""",
    ];

    private const string SqlServerInsert = """
        INSERT INTO [LeadTags] ([LeadId], [SubAccountId], [Tag], [CreatedAt])
        SELECT DISTINCT l.[Id], l.[SubAccountId], LOWER(tag.[value]), l.[CreatedAt]
        FROM {0} AS l CROSS APPLY OPENJSON(CASE WHEN ISJSON(l.[Tags]) = 1 THEN l.[Tags] ELSE N'[]' END) AS tag
        WHERE LEN(tag.[value]) BETWEEN 1 AND 100;
        """;

    public static readonly string[] SqlServerUp =
    [
        $"""
        CREATE TRIGGER [Leads_tags_insert] ON [Leads] AFTER INSERT AS
        BEGIN
            SET NOCOUNT ON;
            {string.Format(SqlServerInsert, "inserted")}
        END
        """,
        $"""
        CREATE TRIGGER [Leads_tags_update] ON [Leads] AFTER UPDATE AS
        BEGIN
            SET NOCOUNT ON;
            IF NOT (UPDATE([Tags]) OR UPDATE([SubAccountId]) OR UPDATE([CreatedAt])) RETURN;
            DELETE t FROM [LeadTags] AS t JOIN deleted AS d ON t.[LeadId] = d.[Id];
            {string.Format(SqlServerInsert, "inserted")}
        END
        """,
        string.Format(SqlServerInsert, "[Leads]"),
    ];

    public static readonly string[] SqlServerDown =
    [
        "DROP TRIGGER IF EXISTS [Leads_tags_insert];",
        "DROP TRIGGER IF EXISTS [Leads_tags_update];",
    ];
}
