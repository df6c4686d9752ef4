using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LegacyAndChannelMigration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "channel_migrations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<string>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", nullable: false),
                    CustomerOrgId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    CatalogEntryId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    LegacyOrderId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContractEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CancelBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PlatformStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CancellationOrderId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OfferId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OrderId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FailureCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_migrations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "legacy_imports",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<string>(type: "TEXT", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Created = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SourcePartner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legacy_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "legacy_service_orders",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<string>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    CustomerOrgId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CatalogEntryId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPriceMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrencyCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ContractStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ContractEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ActivatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MigrationId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legacy_service_orders", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_channel_migrations_CustomerOrgId_CatalogEntryId",
                table: "channel_migrations",
                columns: new[] { "CustomerOrgId", "CatalogEntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_channel_migrations_PartnerId",
                table: "channel_migrations",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_channel_migrations_PartnerId_State",
                table: "channel_migrations",
                columns: new[] { "PartnerId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_channel_migrations_State",
                table: "channel_migrations",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_legacy_imports_PartnerId",
                table: "legacy_imports",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_legacy_service_orders_PartnerId",
                table: "legacy_service_orders",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_legacy_service_orders_PartnerId_CustomerOrgId_CatalogEntryId",
                table: "legacy_service_orders",
                columns: new[] { "PartnerId", "CustomerOrgId", "CatalogEntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_legacy_service_orders_PartnerId_ExternalId",
                table: "legacy_service_orders",
                columns: new[] { "PartnerId", "ExternalId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channel_migrations");

            migrationBuilder.DropTable(
                name: "legacy_imports");

            migrationBuilder.DropTable(
                name: "legacy_service_orders");
        }
    }
}
