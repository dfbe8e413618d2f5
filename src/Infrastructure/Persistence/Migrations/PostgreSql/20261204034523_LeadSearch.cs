using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.PostgreSql
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

            // Search (issue 27): trigram GIN indexes answer LIKE '%term%' (three or more characters) on the lower-cased
            // name/e-mail text and on the phone's digits; a jsonb GIN index answers "carries this tag" (@>). The
            // expressions must stay exactly those LeadSearch queries with. pg_trgm is a trusted extension (PostgreSQL 13+):
            // the database's owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Leads_SearchText" ON "Leads" USING gin
                    ((lower(coalesce("Name", '') || ' ' || coalesce("FirstName", '') || ' ' || coalesce("LastName", '') || ' ' || coalesce("Email", ''))) gin_trgm_ops);
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Leads_PhoneDigits" ON "Leads" USING gin ((regexp_replace(coalesce("Phone", ''), '[^0-9]', '', 'g')) gin_trgm_ops);
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Leads_TagsLower" ON "Leads" USING gin ((lower("Tags")::jsonb) jsonb_path_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Leads_SearchText";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Leads_PhoneDigits";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Leads_TagsLower";""");

            migrationBuilder.DropIndex(
                name: "IX_Leads_SubAccountId_UpdatedAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_UpdatedAt",
                table: "Leads");
        }
    }
}
