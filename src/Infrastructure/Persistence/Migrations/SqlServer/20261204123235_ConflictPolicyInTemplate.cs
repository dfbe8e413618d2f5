using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ConflictPolicyInTemplate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Installations from before two-way contacts keep their GoHighLevel template's schema (an admin may have edited
            // it), so the console's form would never offer the conflict policy: add that one property, once, where it is
            // missing. Without it an integration reads as lastWriteWins, as before.
            migrationBuilder.Sql(""""
                UPDATE [IntegrationTemplates]
                SET [ConfigSchema] = JSON_MODIFY([ConfigSchema], '$.properties.conflictPolicy', JSON_QUERY(N'{ "type": "string", "title": "Conflict policy", "description": "When the hub and GoHighLevel both changed a contact field: the later change wins (lastWriteWins), or both stay until someone resolves the conflict (manual)", "enum": ["lastWriteWins", "manual"], "default": "lastWriteWins" }'))
                WHERE [Kind] = N'GoHighLevel' AND ISJSON([ConfigSchema]) = 1
                  AND JSON_QUERY([ConfigSchema], '$.properties') IS NOT NULL
                  AND JSON_QUERY([ConfigSchema], '$.properties.conflictPolicy') IS NULL
                """");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The property stays: it is valid for the older code too (it ignores it).
        }
    }
}
