using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IntegrationHub.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class GoHighLevelOAuth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GhlConnectStates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StateHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubAccountId = table.Column<int>(type: "integer", nullable: false),
                    AdminId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RedirectUri = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    UsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GhlConnectStates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GhlConnectStates_AdminUsers_AdminId",
                        column: x => x.AdminId,
                        principalTable: "AdminUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GhlConnectStates_SubAccounts_SubAccountId",
                        column: x => x.SubAccountId,
                        principalTable: "SubAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GhlInstallations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompanyId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CompanyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AccessTokenCipher = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RefreshTokenCipher = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AccessTokenExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TokensRefreshedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Scope = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    InstallToFutureLocations = table.Column<bool>(type: "boolean", nullable: false),
                    InstalledByAdminId = table.Column<int>(type: "integer", nullable: true),
                    InstalledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UninstalledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Problem = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GhlInstallations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GhlInstallations_AdminUsers_InstalledByAdminId",
                        column: x => x.InstalledByAdminId,
                        principalTable: "AdminUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "TokenRefreshLeases",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Holder = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenRefreshLeases", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "GhlInstallationLocations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GhlInstallationId = table.Column<int>(type: "integer", nullable: false),
                    LocationId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubAccountId = table.Column<int>(type: "integer", nullable: true),
                    IntegrationId = table.Column<int>(type: "integer", nullable: true),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GhlInstallationLocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GhlInstallationLocations_GhlInstallations_GhlInstallationId",
                        column: x => x.GhlInstallationId,
                        principalTable: "GhlInstallations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GhlInstallationLocations_Integrations_IntegrationId",
                        column: x => x.IntegrationId,
                        principalTable: "Integrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GhlConnectStates_AdminId",
                table: "GhlConnectStates",
                column: "AdminId");

            migrationBuilder.CreateIndex(
                name: "IX_GhlConnectStates_ExpiresAt",
                table: "GhlConnectStates",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_GhlConnectStates_StateHash",
                table: "GhlConnectStates",
                column: "StateHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GhlConnectStates_SubAccountId",
                table: "GhlConnectStates",
                column: "SubAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_GhlInstallationLocations_GhlInstallationId_LocationId",
                table: "GhlInstallationLocations",
                columns: new[] { "GhlInstallationId", "LocationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GhlInstallationLocations_IntegrationId",
                table: "GhlInstallationLocations",
                column: "IntegrationId");

            migrationBuilder.CreateIndex(
                name: "IX_GhlInstallationLocations_LocationId",
                table: "GhlInstallationLocations",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_GhlInstallationLocations_SubAccountId",
                table: "GhlInstallationLocations",
                column: "SubAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_GhlInstallations_CompanyId",
                table: "GhlInstallations",
                column: "CompanyId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GhlInstallations_InstalledByAdminId",
                table: "GhlInstallations",
                column: "InstalledByAdminId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GhlConnectStates");

            migrationBuilder.DropTable(
                name: "GhlInstallationLocations");

            migrationBuilder.DropTable(
                name: "TokenRefreshLeases");

            migrationBuilder.DropTable(
                name: "GhlInstallations");
        }
    }
}
