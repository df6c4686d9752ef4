using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConsoleUserSecurityStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "console_users",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "console_users");
        }
    }
}
