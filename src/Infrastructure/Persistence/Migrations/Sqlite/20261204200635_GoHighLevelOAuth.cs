using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GoHighLevelOAuth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_GhlInstallationLocations_Integrations_IntegrationId",
                table: "GhlInstallationLocations");

            migrationBuilder.DropForeignKey(
                name: "FK_GhlInstallationLocations_SubAccounts_SubAccountId",
                table: "GhlInstallationLocations");

            migrationBuilder.AddForeignKey(
                name: "FK_GhlInstallationLocations_Integrations_IntegrationId",
                table: "GhlInstallationLocations",
                column: "IntegrationId",
                principalTable: "Integrations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_GhlInstallationLocations_Integrations_IntegrationId",
                table: "GhlInstallationLocations");

            migrationBuilder.AddForeignKey(
                name: "FK_GhlInstallationLocations_Integrations_IntegrationId",
                table: "GhlInstallationLocations",
                column: "IntegrationId",
                principalTable: "Integrations",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_GhlInstallationLocations_SubAccounts_SubAccountId",
                table: "GhlInstallationLocations",
                column: "SubAccountId",
                principalTable: "SubAccounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }
    }
}
