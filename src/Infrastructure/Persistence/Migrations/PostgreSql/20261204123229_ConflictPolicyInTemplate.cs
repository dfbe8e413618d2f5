using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ConflictPolicyInTemplate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Installations from before two-way contacts keep their GoHighLevel template's schema (an admin may have edited
            // it), so the console's form would never offer the conflict policy: add that one property, once, where it is
            // missing. Without it an integration reads as lastWriteWins, as before. Rebuilt with the json (not jsonb)
            // functions, which keep the admin's property order: the console's form lists the fields in that order.
            migrationBuilder.Sql(""""
                UPDATE "IntegrationTemplates" AS t
                SET "ConfigSchema" = (
                    SELECT json_object_agg(s.key, CASE WHEN s.key = 'properties' THEN (
                            SELECT json_object_agg(p.key, p.value ORDER BY p.ord)
                            FROM (SELECT key, value, ordinality AS ord FROM json_each(s.value) WITH ORDINALITY
                                  UNION ALL SELECT 'conflictPolicy', '{ "type": "string", "title": "Conflict policy", "description": "When the hub and GoHighLevel both changed a contact field: the later change wins (lastWriteWins), or both stay until someone resolves the conflict (manual)", "enum": ["lastWriteWins", "manual"], "default": "lastWriteWins" }'::json, 2147483647) AS p)
                        ELSE s.value END ORDER BY s.ord)::text
                    FROM json_each(t."ConfigSchema"::json) WITH ORDINALITY AS s(key, value, ord))
                WHERE t."Kind" = 'GoHighLevel'
                  AND json_typeof(t."ConfigSchema"::json -> 'properties') = 'object'
                  AND (t."ConfigSchema"::json -> 'properties' -> 'conflictPolicy') IS NULL
                """");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The property stays: it is valid for the older code too (it ignores it).
        }
    }
}
