using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.SqlServer
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_SubAccountId_UpdatedAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_UpdatedAt",
                table: "Leads");
        }
    }
}
