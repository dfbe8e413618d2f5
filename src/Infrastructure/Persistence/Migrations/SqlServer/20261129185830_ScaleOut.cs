using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ScaleOut : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "LeaseToken",
                table: "WebhookEvents",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeasedUntil",
                table: "WebhookEvents",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RouteChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LocationId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RouteChanges", x => x.Id);
                });

            // Older data may hold several active runs of one integration; the newest stays, so the unique index can be built.
            migrationBuilder.Sql("UPDATE [SyncRuns] SET [Status] = 'Failed', [Error] = 'Superseded by a newer run of the same integration.' WHERE [Status] IN ('Queued', 'Running') AND [Id] NOT IN (SELECT MAX([Id]) FROM [SyncRuns] WHERE [Status] IN ('Queued', 'Running') GROUP BY [IntegrationId]);");

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_OneActivePerIntegration",
                table: "SyncRuns",
                column: "IntegrationId",
                unique: true,
                filter: "[Status] IN ('Queued', 'Running')");

            migrationBuilder.CreateIndex(
                name: "IX_RouteChanges_ChangedAt",
                table: "RouteChanges",
                column: "ChangedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RouteChanges");

            migrationBuilder.DropIndex(
                name: "IX_SyncRuns_OneActivePerIntegration",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "LeaseToken",
                table: "WebhookEvents");

            migrationBuilder.DropColumn(
                name: "LeasedUntil",
                table: "WebhookEvents");
        }
    }
}
