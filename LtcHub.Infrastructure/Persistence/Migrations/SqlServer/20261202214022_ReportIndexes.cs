using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtcHub.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_DueDate_PaidAmount",
                table: "Invoices");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_DueDate_PaidAmount_Amount",
                table: "Invoices",
                columns: new[] { "DueDate", "PaidAmount", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_CloseDateChanges",
                table: "AuditEntries",
                columns: new[] { "AtUtc", "EntityId" },
                filter: "[EntityType] = N'Deal' AND [Field] = N'ExpectedCloseDate'")
                .Annotation("SqlServer:Include", new[] { "OldValue", "NewValue" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_DueDate_PaidAmount_Amount",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_CloseDateChanges",
                table: "AuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_DueDate_PaidAmount",
                table: "Invoices",
                columns: new[] { "DueDate", "PaidAmount" });
        }
    }
}
