using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchyard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PlanMigration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NormalisedName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Plan = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OutstandingDebtMinor = table.Column<long>(type: "bigint", nullable: false),
                    CurrencyCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    CompanyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VatNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    MarketplacePage = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PagePublished = table.Column<bool>(type: "boolean", nullable: false),
                    Reviews = table.Column<int>(type: "integer", nullable: false),
                    Widgets = table.Column<int>(type: "integer", nullable: false),
                    Appointments = table.Column<int>(type: "integer", nullable: false),
                    OnlineBooking = table.Column<bool>(type: "boolean", nullable: false),
                    BillingActive = table.Column<bool>(type: "boolean", nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    SourceAccountId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "training_days",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Booked = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_days", x => x.Id);
                    table.CheckConstraint("ck_training_days_booked", "\"Booked\" >= 0 AND \"Booked\" <= \"Capacity\"");
                });

            migrationBuilder.CreateTable(
                name: "plan_migration_requests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AccountName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TargetAccountId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SourcePlan = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TargetPlan = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SetupFeeMinor = table.Column<long>(type: "bigint", nullable: false),
                    CurrencyCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    CompanyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VatNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ContentSheet = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ImportClientFile = table.Column<bool>(type: "boolean", nullable: true),
                    TrainingDate = table.Column<DateOnly>(type: "date", nullable: true),
                    RejectionReasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    BatchId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_migration_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_migration_requests_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_migration_checklist_items",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    RequestId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_migration_checklist_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_migration_checklist_items_plan_migration_requests_Requ~",
                        column: x => x.RequestId,
                        principalTable: "plan_migration_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_migration_tasks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    RequestId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AccountName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Team = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DependsOn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_migration_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_migration_tasks_plan_migration_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "plan_migration_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_NormalisedName",
                table: "accounts",
                column: "NormalisedName");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_SourceAccountId",
                table: "accounts",
                column: "SourceAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_Status_Plan",
                table: "accounts",
                columns: new[] { "Status", "Plan" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_migration_checklist_items_RequestId_Key",
                table: "plan_migration_checklist_items",
                columns: new[] { "RequestId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_migration_requests_AccountId_State",
                table: "plan_migration_requests",
                columns: new[] { "AccountId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_migration_requests_BatchId",
                table: "plan_migration_requests",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_migration_requests_State_CreatedAt",
                table: "plan_migration_requests",
                columns: new[] { "State", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_migration_tasks_RequestId",
                table: "plan_migration_tasks",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_migration_tasks_Team_Status_CreatedAt",
                table: "plan_migration_tasks",
                columns: new[] { "Team", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_training_days_Date",
                table: "training_days",
                column: "Date",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_migration_checklist_items");

            migrationBuilder.DropTable(
                name: "plan_migration_tasks");

            migrationBuilder.DropTable(
                name: "training_days");

            migrationBuilder.DropTable(
                name: "plan_migration_requests");

            migrationBuilder.DropTable(
                name: "accounts");
        }
    }
}
