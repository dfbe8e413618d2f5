using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Bookings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // OutboundOperations.BookingId has no constraint on purpose (see OutboundOperationConfiguration): a booking goes
            // with its sub-account while its operations stay as history, and SQL Server allows no second cascade path.
            // Installations from before bookings keep their GoHighLevel template's schema: add bookingSync, once, where it
            // is missing, as migration ConflictPolicyInTemplate did for conflictPolicy.
            migrationBuilder.Sql(""""
                UPDATE "IntegrationTemplates"
                SET "ConfigSchema" = json_set("ConfigSchema", '$.properties.bookingSync', json('{ "type": "string", "title": "Booking sync", "description": "How the hub''s bookings appear in the calendar: as blocked time (blockSlot), as appointments for the lead''s contact (appointment), or not at all (off)", "enum": ["blockSlot", "appointment", "off"], "default": "blockSlot" }'))
                WHERE "Kind" = 'GoHighLevel' AND json_valid("ConfigSchema")
                  AND json_type("ConfigSchema", '$.properties') = 'object'
                  AND json_type("ConfigSchema", '$.properties.bookingSync') IS NULL
                """");

            migrationBuilder.AddColumn<int>(
                name: "BookingId",
                table: "OutboundOperations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Bookings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubAccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    LeadId = table.Column<int>(type: "INTEGER", nullable: false),
                    CalendarId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OffsetMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExternalEventId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ExternalUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 0)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bookings_Leads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "Leads",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Bookings_SubAccounts_SubAccountId",
                        column: x => x.SubAccountId,
                        principalTable: "SubAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundOperations_BookingId",
                table: "OutboundOperations",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_LeadId",
                table: "Bookings",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_SubAccountId_ExternalEventId",
                table: "Bookings",
                columns: new[] { "SubAccountId", "ExternalEventId" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_SubAccountId_StartUtc",
                table: "Bookings",
                columns: new[] { "SubAccountId", "StartUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.DropTable(
                name: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_OutboundOperations_BookingId",
                table: "OutboundOperations");

            migrationBuilder.DropColumn(
                name: "BookingId",
                table: "OutboundOperations");
        }
    }
}
