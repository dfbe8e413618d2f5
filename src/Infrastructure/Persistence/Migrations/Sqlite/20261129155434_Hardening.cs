using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Integrations_ExternalAccountId",
                table: "Integrations");

            migrationBuilder.AddColumn<int>(
                name: "DuplicateOfLeadId",
                table: "Leads",
                type: "INTEGER",
                nullable: true);

            // Databases from before this rule may hold one location twice. Webhooks went to the lowest id; the others
            // keep their config (and a 409 on their next edit) but lose the routing key, so the unique index can exist.
            migrationBuilder.Sql("""
                UPDATE "Integrations" SET "ExternalAccountId" = NULL
                WHERE "ExternalAccountId" IS NOT NULL
                  AND "Id" NOT IN (SELECT MIN("Id") FROM "Integrations" WHERE "ExternalAccountId" IS NOT NULL GROUP BY "ExternalAccountId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Integrations_ExternalAccountId",
                table: "Integrations",
                column: "ExternalAccountId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Integrations_ExternalAccountId",
                table: "Integrations");

            migrationBuilder.DropColumn(
                name: "DuplicateOfLeadId",
                table: "Leads");

            migrationBuilder.CreateIndex(
                name: "IX_Integrations_ExternalAccountId",
                table: "Integrations",
                column: "ExternalAccountId");
        }
    }
}
