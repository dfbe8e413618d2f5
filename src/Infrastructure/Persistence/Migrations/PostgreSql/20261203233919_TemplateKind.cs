using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TemplateKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "IntegrationTemplates",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Generic");

            // Before this column, "is it GoHighLevel?" was the template's name: the template named so keeps working as one.
            migrationBuilder.UpdateData(
                table: "IntegrationTemplates",
                keyColumn: "Name",
                keyValue: "gohighlevel",
                column: "Kind",
                value: "GoHighLevel");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "IntegrationTemplates");
        }
    }
}
