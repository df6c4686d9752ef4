using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerOrgBillingCountry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BillingCountry",
                table: "customer_orgs",
                type: "TEXT",
                maxLength: 2,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BillingCountry",
                table: "customer_orgs");
        }
    }
}
