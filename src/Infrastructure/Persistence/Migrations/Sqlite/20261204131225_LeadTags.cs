using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LeadTags",
                columns: table => new
                {
                    LeadId = table.Column<int>(type: "INTEGER", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SubAccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadTags", x => new { x.LeadId, x.Tag });
                    table.ForeignKey(
                        name: "FK_LeadTags_Leads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "Leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_LeadTags_SubAccountId_Tag_CreatedAt_LeadId",
                table: "LeadTags",
                columns: new[] { "SubAccountId", "Tag", "CreatedAt", "LeadId" });

            migrationBuilder.CreateIndex(
                name: "IX_LeadTags_Tag_CreatedAt_LeadId",
                table: "LeadTags",
                columns: new[] { "Tag", "CreatedAt", "LeadId" });

            // Triggers keep LeadTags in step with Leads.Tags; the leads already there are copied (LeadTagsSql, ADR 0009).
            foreach (var sql in LeadTagsSql.SqliteUp)
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in LeadTagsSql.SqliteDown)
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropTable(
                name: "LeadTags");

            migrationBuilder.DropIndex(
                name: "IX_Leads_CreatedAt",
                table: "Leads");
        }
    }
}
