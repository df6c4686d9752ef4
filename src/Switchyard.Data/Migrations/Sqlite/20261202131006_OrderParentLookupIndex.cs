using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrderParentLookupIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_orders_CustomerOrgId_PartnerId_Type_EndDate",
                table: "orders",
                columns: new[] { "CustomerOrgId", "PartnerId", "Type", "EndDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_CustomerOrgId_PartnerId_Type_EndDate",
                table: "orders");
        }
    }
}
