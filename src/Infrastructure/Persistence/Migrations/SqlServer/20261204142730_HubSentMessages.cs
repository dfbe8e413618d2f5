using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class HubSentMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalConversationId",
                table: "LeadMessages",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalEmailMessageId",
                table: "LeadMessages",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FailureReason",
                table: "LeadMessages",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Html",
                table: "LeadMessages",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SendOperationId",
                table: "LeadMessages",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "LeadMessages",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "LeadMessages",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_LeadMessages_SendOperationId",
                table: "LeadMessages",
                column: "SendOperationId");

            migrationBuilder.CreateIndex(
                name: "IX_LeadMessages_SubAccountId_ExternalEmailMessageId",
                table: "LeadMessages",
                columns: new[] { "SubAccountId", "ExternalEmailMessageId" });

            migrationBuilder.AddForeignKey(
                name: "FK_LeadMessages_OutboundOperations_SendOperationId",
                table: "LeadMessages",
                column: "SendOperationId",
                principalTable: "OutboundOperations",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_LeadMessages_OutboundOperations_SendOperationId",
                table: "LeadMessages");

            migrationBuilder.DropIndex(
                name: "IX_LeadMessages_SendOperationId",
                table: "LeadMessages");

            migrationBuilder.DropIndex(
                name: "IX_LeadMessages_SubAccountId_ExternalEmailMessageId",
                table: "LeadMessages");

            migrationBuilder.DropColumn(
                name: "ExternalConversationId",
                table: "LeadMessages");

            migrationBuilder.DropColumn(
                name: "ExternalEmailMessageId",
                table: "LeadMessages");

            migrationBuilder.DropColumn(
                name: "FailureReason",
                table: "LeadMessages");

            migrationBuilder.DropColumn(
                name: "Html",
                table: "LeadMessages");

            migrationBuilder.DropColumn(
                name: "SendOperationId",
                table: "LeadMessages");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "LeadMessages");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "LeadMessages");
        }
    }
}
