using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtcHub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StageMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_Date",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_IssueDate",
                table: "Invoices");

            migrationBuilder.CreateTable(
                name: "DealStageMoves",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DealId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    EnteredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DealStageMoves", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DealStageMoves_AtUtc_DealId_From_To_EnteredAtUtc",
                table: "DealStageMoves",
                columns: new[] { "AtUtc", "DealId", "From", "To", "EnteredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DealStageMoves_DealId_AtUtc_From_To_EnteredAtUtc",
                table: "DealStageMoves",
                columns: new[] { "DealId", "AtUtc", "From", "To", "EnteredAtUtc" });

            // The deals' stage history so far, from the audit log: each move with when its stay began (the move before, or the deal's creation).
            migrationBuilder.Sql(@"INSERT INTO ""DealStageMoves"" (""DealId"", ""AtUtc"", ""From"", ""To"", ""EnteredAtUtc"")
SELECT CAST(a.""EntityId"" AS INTEGER), a.""AtUtc"", substr(a.""OldValue"", 1, 32), substr(a.""NewValue"", 1, 32),
       COALESCE((SELECT MAX(p.""AtUtc"") FROM ""AuditEntries"" AS p
                 WHERE p.""EntityType"" = 'Deal' AND p.""EntityId"" = a.""EntityId"" AND p.""Field"" = 'Stage' AND p.""AtUtc"" < a.""AtUtc""),
                (SELECT d.""CreatedAtUtc"" FROM ""Deals"" AS d WHERE d.""Id"" = CAST(a.""EntityId"" AS INTEGER)))
FROM ""AuditEntries"" AS a
WHERE a.""EntityType"" = 'Deal' AND a.""Field"" = 'Stage' AND CAST(a.""EntityId"" AS INTEGER) > 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DealStageMoves");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_Date",
                table: "Payments",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_IssueDate",
                table: "Invoices",
                column: "IssueDate");
        }
    }
}
