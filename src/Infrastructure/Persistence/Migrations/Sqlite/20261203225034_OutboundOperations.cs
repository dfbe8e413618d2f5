using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboundOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DeliveryOperationId",
                table: "IntegrationAlerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OutboundOperations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IntegrationId = table.Column<int>(type: "INTEGER", nullable: true),
                    LeadId = table.Column<int>(type: "INTEGER", nullable: true),
                    AttemptCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastTraceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RequestJson = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    LeaseToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeasedUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundOperations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboundOperations_Leads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "Leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "OutboundAttempts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OutboundOperationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DurationMs = table.Column<int>(type: "INTEGER", nullable: false),
                    HttpStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    TraceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboundAttempts_OutboundOperations_OutboundOperationId",
                        column: x => x.OutboundOperationId,
                        principalTable: "OutboundOperations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationAlerts_DeliveryOperationId",
                table: "IntegrationAlerts",
                column: "DeliveryOperationId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundAttempts_OutboundOperationId",
                table: "OutboundAttempts",
                column: "OutboundOperationId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundOperations_IntegrationId",
                table: "OutboundOperations",
                column: "IntegrationId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundOperations_LeadId",
                table: "OutboundOperations",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundOperations_Status_NextAttemptAt",
                table: "OutboundOperations",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_IntegrationAlerts_OutboundOperations_DeliveryOperationId",
                table: "IntegrationAlerts",
                column: "DeliveryOperationId",
                principalTable: "OutboundOperations",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_IntegrationAlerts_OutboundOperations_DeliveryOperationId",
                table: "IntegrationAlerts");

            migrationBuilder.DropTable(
                name: "OutboundAttempts");

            migrationBuilder.DropTable(
                name: "OutboundOperations");

            migrationBuilder.DropIndex(
                name: "IX_IntegrationAlerts_DeliveryOperationId",
                table: "IntegrationAlerts");

            migrationBuilder.DropColumn(
                name: "DeliveryOperationId",
                table: "IntegrationAlerts");
        }
    }
}
