using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtcHub.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FocusedReport",
                table: "Meetings",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Forecast",
                table: "Deals",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Pipeline");

            migrationBuilder.CreateTable(
                name: "MeetingReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MeetingId = table.Column<int>(type: "int", nullable: false),
                    Report = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Query = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    SnapshotMarkdown = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: true),
                    SnapshotAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingReports_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Targets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(460)", maxLength: 460, nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    TeamId = table.Column<int>(type: "int", nullable: true),
                    Measure = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Target = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    Stretch = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    Challenge = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    SetById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Targets_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Targets_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_Date",
                table: "Payments",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_IssueDate",
                table: "Invoices",
                column: "IssueDate");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_CreatedAtUtc",
                table: "Deals",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_Field_AtUtc",
                table: "AuditEntries",
                columns: new[] { "EntityType", "Field", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingReports_MeetingId_Report",
                table: "MeetingReports",
                columns: new[] { "MeetingId", "Report" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Targets_TeamId",
                table: "Targets",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Targets_UserId",
                table: "Targets",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Targets_Year_Month_Subject_Measure_Currency",
                table: "Targets",
                columns: new[] { "Year", "Month", "Subject", "Measure", "Currency" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeetingReports");

            migrationBuilder.DropTable(
                name: "Targets");

            migrationBuilder.DropIndex(
                name: "IX_Payments_Date",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_IssueDate",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Deals_CreatedAtUtc",
                table: "Deals");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_EntityType_Field_AtUtc",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "FocusedReport",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Forecast",
                table: "Deals");
        }
    }
}
