using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Switchyard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OffersAndOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "license_grants",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    PartnerId = table.Column<string>(type: "text", nullable: false),
                    CustomerOrgId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    OrderId = table.Column<string>(type: "text", nullable: false),
                    OrderItemId = table.Column<string>(type: "text", nullable: false),
                    ProductId = table.Column<string>(type: "text", nullable: false),
                    LicenseKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    LicenseExternalId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    FromDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ToDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_license_grants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "offers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    PartnerId = table.Column<string>(type: "text", nullable: false),
                    CustomerId = table.Column<string>(type: "text", nullable: false),
                    CustomerOrgId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ParentOrderId = table.Column<string>(type: "text", nullable: true),
                    ParentTermStart = table.Column<DateOnly>(type: "date", nullable: true),
                    ParentTermEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ErrorCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    TermSet = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContractTermMonths = table.Column<int>(type: "integer", nullable: false),
                    ServiceStartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    PartnerPo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CustomerPo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Opportunity = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Terms = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    RecipientEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    BillingEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    CurrencyCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    SubtotalMinor = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TaxExempt = table.Column<bool>(type: "boolean", nullable: false),
                    AcceptedBy = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    OrderId = table.Column<string>(type: "text", nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_offers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_offers_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "offer_items",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    OfferId = table.Column<string>(type: "text", nullable: false),
                    ProductId = table.Column<string>(type: "text", nullable: false),
                    ProductName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    UnitPriceMonthlyMinor = table.Column<long>(type: "bigint", nullable: false),
                    PartnerPo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LineTotalMinor = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_offer_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_offer_items_offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    PartnerId = table.Column<string>(type: "text", nullable: false),
                    CustomerId = table.Column<string>(type: "text", nullable: false),
                    CustomerOrgId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    OfferId = table.Column<string>(type: "text", nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ParentOrderId = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ErrorCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    FailedFrom = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    TermStartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CurrencyCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    SubtotalMinor = table.Column<long>(type: "bigint", nullable: false),
                    TaxExempt = table.Column<bool>(type: "boolean", nullable: false),
                    BillingEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    PartnerPo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CustomerPo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_orders_offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "order_items",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    OrderId = table.Column<string>(type: "text", nullable: false),
                    ProductId = table.Column<string>(type: "text", nullable: false),
                    ProductName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    UnitPriceMonthlyMinor = table.Column<long>(type: "bigint", nullable: false),
                    LineTotalMinor = table.Column<long>(type: "bigint", nullable: false),
                    PartnerPo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_order_items_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "order_transactions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    OrderId = table.Column<string>(type: "text", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_transactions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_order_transactions_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "order_item_licenses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    OrderItemId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_item_licenses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_order_item_licenses_order_items_OrderItemId",
                        column: x => x.OrderItemId,
                        principalTable: "order_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_license_grants_CustomerOrgId_FromDate_ToDate",
                table: "license_grants",
                columns: new[] { "CustomerOrgId", "FromDate", "ToDate" });

            migrationBuilder.CreateIndex(
                name: "IX_license_grants_OrderId",
                table: "license_grants",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_license_grants_PartnerId",
                table: "license_grants",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_offer_items_OfferId",
                table: "offer_items",
                column: "OfferId");

            migrationBuilder.CreateIndex(
                name: "IX_offers_CustomerId",
                table: "offers",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_offers_CustomerOrgId_Status",
                table: "offers",
                columns: new[] { "CustomerOrgId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_offers_PartnerId",
                table: "offers",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_offers_PartnerId_Status",
                table: "offers",
                columns: new[] { "PartnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_offers_Status_ValidUntil",
                table: "offers",
                columns: new[] { "Status", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_order_item_licenses_OrderItemId",
                table: "order_item_licenses",
                column: "OrderItemId");

            migrationBuilder.CreateIndex(
                name: "IX_order_items_OrderId",
                table: "order_items",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_order_transactions_OrderId",
                table: "order_transactions",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_orders_CustomerOrgId_Status",
                table: "orders",
                columns: new[] { "CustomerOrgId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_OfferId",
                table: "orders",
                column: "OfferId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_PartnerId",
                table: "orders",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_orders_PartnerId_Status",
                table: "orders",
                columns: new[] { "PartnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_Status_EndDate",
                table: "orders",
                columns: new[] { "Status", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_Status_StartDate",
                table: "orders",
                columns: new[] { "Status", "StartDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "license_grants");

            migrationBuilder.DropTable(
                name: "offer_items");

            migrationBuilder.DropTable(
                name: "order_item_licenses");

            migrationBuilder.DropTable(
                name: "order_transactions");

            migrationBuilder.DropTable(
                name: "order_items");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "offers");
        }
    }
}
