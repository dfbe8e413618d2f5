using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Leads_SubAccountId_UpdatedAt",
                table: "Leads",
                columns: new[] { "SubAccountId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_UpdatedAt",
                table: "Leads",
                column: "UpdatedAt");

            // Search (issue 27): an FTS5 trigram table answers substring searches of three or more characters from its
            // index, case-insensitively (the tokenizer folds case, also beyond ASCII). Contentless: it keeps only the
            // index, and the lead's id as its rowid; contentless_delete lets the triggers remove a lead's old row.
            // text = name, first and last name and e-mail; phone = the phone's digits; tags = the tags, each between
            // two unit separators (char 31), so that a phrase between two separators is one whole tag.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "LeadSearch" USING fts5(text, phone, tags, content='', contentless_delete=1, tokenize='trigram');
                """);
            foreach (var sql in SearchTriggers)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.Sql($"""
                INSERT INTO "LeadSearch"(rowid, text, phone, tags) SELECT "Id", {Text("Leads")}, {Phone("Leads")}, {Tags("Leads")} FROM "Leads";
                """);
        }

        private static string Text(string row) =>
            $"""coalesce({row}."Name", '') || ' ' || coalesce({row}."FirstName", '') || ' ' || coalesce({row}."LastName", '') || ' ' || coalesce({row}."Email", '')""";

        // The digits of the phone: the punctuation phones are written with is removed (the search's digits are compared with it).
        private static string Phone(string row) =>
            $"""replace(replace(replace(replace(replace(replace(replace(coalesce({row}."Phone", ''), '+', ''), ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', '')""";

        private static string Tags(string row) =>
            $"""char(31) || coalesce(CASE WHEN json_valid({row}."Tags") THEN (SELECT group_concat(value, char(31)) FROM json_each({row}."Tags")) END, '') || char(31)""";

        private static string[] SearchTriggers =>
        [
            $"""
            CREATE TRIGGER "Leads_search_insert" AFTER INSERT ON "Leads" BEGIN
                INSERT INTO "LeadSearch"(rowid, text, phone, tags) VALUES (new."Id", {Text("new")}, {Phone("new")}, {Tags("new")});
            END;
            """,
            $"""
            CREATE TRIGGER "Leads_search_update" AFTER UPDATE OF "Name", "FirstName", "LastName", "Email", "Phone", "Tags" ON "Leads" BEGIN
                DELETE FROM "LeadSearch" WHERE rowid = old."Id";
                INSERT INTO "LeadSearch"(rowid, text, phone, tags) VALUES (new."Id", {Text("new")}, {Phone("new")}, {Tags("new")});
            END;
            """,
            """
            CREATE TRIGGER "Leads_search_delete" AFTER DELETE ON "Leads" BEGIN
                DELETE FROM "LeadSearch" WHERE rowid = old."Id";
            END;
            """,
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Leads_search_insert";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Leads_search_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Leads_search_delete";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "LeadSearch";""");

            migrationBuilder.DropIndex(
                name: "IX_Leads_SubAccountId_UpdatedAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_UpdatedAt",
                table: "Leads");
        }
    }
}
