using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtcHub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuotesContracts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Quotes_Number",
                table: "Quotes");

            migrationBuilder.AddColumn<decimal>(
                name: "Tax",
                table: "Quotes",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "ApprovalComment",
                table: "Quotes",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ApprovalRequestedAtUtc",
                table: "Quotes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ApprovedAtUtc",
                table: "Quotes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedById",
                table: "Quotes",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAtUtc",
                table: "Quotes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ContactId",
                table: "Quotes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Culture",
                table: "Quotes",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "Gross",
                table: "Quotes",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "MaxDiscount",
                table: "Quotes",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "Net",
                table: "Quotes",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "Notes",
                table: "Quotes",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "Quotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "SentAtUtc",
                table: "Quotes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "Quotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAtUtc",
                table: "Quotes",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidUntil",
                table: "Quotes",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Quotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<byte[]>(
                name: "Attachment",
                table: "OutboxEmails",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentContentType",
                table: "OutboxEmails",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "OutboxEmails",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PaymentPlanLineId",
                table: "Invoices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CompanySettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    DiscountApprovalLimit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    QuoteValidityDays = table.Column<int>(type: "INTEGER", nullable: false),
                    AutoInvoiceDaysBeforeDue = table.Column<int>(type: "INTEGER", nullable: true),
                    PlanReminderDaysBeforeDue = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanySettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Contracts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DealId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SignedDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    QuoteId = table.Column<int>(type: "INTEGER", nullable: true),
                    AttachmentName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AttachmentContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AttachmentSize = table.Column<long>(type: "INTEGER", nullable: true),
                    AttachmentKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AttachmentUploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contracts_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Contracts_Quotes_QuoteId",
                        column: x => x.QuoteId,
                        principalTable: "Quotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Products",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ListPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    TaxRate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Products", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PaymentPlanLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContractId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Percent = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentPlanLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentPlanLines_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuoteLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuoteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<int>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    UnitPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    DiscountPercent = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    TaxRate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Net = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Tax = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuoteLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuoteLines_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_QuoteLines_Quotes_QuoteId",
                        column: x => x.QuoteId,
                        principalTable: "Quotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_ContactId",
                table: "Quotes",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_Number_Revision",
                table: "Quotes",
                columns: new[] { "Number", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_Status_ValidUntil",
                table: "Quotes",
                columns: new[] { "Status", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_PaymentPlanLineId",
                table: "Invoices",
                column: "PaymentPlanLineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_DealId",
                table: "Contracts",
                column: "DealId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Number",
                table: "Contracts",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_QuoteId",
                table: "Contracts",
                column: "QuoteId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentPlanLines_ContractId_Number",
                table: "PaymentPlanLines",
                columns: new[] { "ContractId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentPlanLines_DueDate",
                table: "PaymentPlanLines",
                column: "DueDate");

            migrationBuilder.CreateIndex(
                name: "IX_QuoteLines_ProductId",
                table: "QuoteLines",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_QuoteLines_QuoteId",
                table: "QuoteLines",
                column: "QuoteId");

            migrationBuilder.AddForeignKey(
                name: "FK_Invoices_PaymentPlanLines_PaymentPlanLineId",
                table: "Invoices",
                column: "PaymentPlanLineId",
                principalTable: "PaymentPlanLines",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Quotes_Contacts_ContactId",
                table: "Quotes",
                column: "ContactId",
                principalTable: "Contacts",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            // Existing quotes become revision 1 of themselves, sent, with one line carrying their amount (no tax known).
            migrationBuilder.Sql("""
                UPDATE Quotes SET Net = Amount, Gross = Amount, Tax = '0.0', MaxDiscount = '0.0', Revision = 1, Status = 3, Version = 1, Culture = 'zh-CN',
                    ValidUntil = date(CreatedAtUtc, '+30 days'), UpdatedAtUtc = CreatedAtUtc, SentAtUtc = CreatedAtUtc;
                INSERT INTO QuoteLines (QuoteId, Position, ProductId, Description, Unit, Quantity, UnitPrice, DiscountPercent, TaxRate, Net, Tax)
                    SELECT Id, 0, NULL, Number, '', '1.0', Amount, '0.0', '0.0', Amount, '0.0' FROM Quotes;
                """);

            // A deal's contract reference becomes its contract (the reference is its number, unless too long or taken twice).
            migrationBuilder.Sql("""
                INSERT INTO Contracts (DealId, Number, SignedDate, Amount, Currency, StartDate, EndDate, QuoteId, CreatedById, CreatedAtUtc, Version)
                    SELECT d.Id,
                        CASE WHEN length(trim(d.ContractReference)) > 32
                              OR (SELECT COUNT(*) FROM Deals d2 WHERE trim(d2.ContractReference) = trim(d.ContractReference)) > 1
                             THEN 'CT-MIG-' || d.Id ELSE trim(d.ContractReference) END,
                        COALESCE(d.ExpectedCloseDate, date(d.EnteredStageAtUtc)), COALESCE(d.Amount, '0.0'), d.Currency,
                        COALESCE(d.ExpectedCloseDate, date(d.EnteredStageAtUtc)), NULL, NULL, d.OwnerId, d.EnteredStageAtUtc, 1
                    FROM Deals d WHERE d.ContractReference IS NOT NULL AND trim(d.ContractReference) <> '';
                """);

            // Its plan: one instalment per invoice it already has (linked to it), and one for what is left, due 30 days after signing.
            migrationBuilder.Sql("""
                INSERT INTO PaymentPlanLines (ContractId, Number, DueDate, Amount, Percent)
                    SELECT c.Id, (SELECT COUNT(*) FROM Invoices i2 WHERE i2.DealId = i.DealId AND i2.Id <= i.Id), i.DueDate, i.Amount, NULL
                    FROM Invoices i JOIN Contracts c ON c.DealId = i.DealId;
                UPDATE Invoices SET PaymentPlanLineId = (
                    SELECT l.Id FROM PaymentPlanLines l JOIN Contracts c ON c.Id = l.ContractId
                    WHERE c.DealId = Invoices.DealId AND l.Number = (SELECT COUNT(*) FROM Invoices i2 WHERE i2.DealId = Invoices.DealId AND i2.Id <= Invoices.Id))
                    WHERE DealId IN (SELECT DealId FROM Contracts);
                INSERT INTO PaymentPlanLines (ContractId, Number, DueDate, Amount, Percent)
                    SELECT c.Id, (SELECT COUNT(*) FROM PaymentPlanLines l WHERE l.ContractId = c.Id) + 1, date(c.SignedDate, '+30 days'),
                        printf('%.2f', c.Amount - COALESCE((SELECT SUM(i.Amount) FROM Invoices i WHERE i.DealId = c.DealId), 0)), NULL
                    FROM Contracts c
                    WHERE c.Amount - COALESCE((SELECT SUM(i.Amount) FROM Invoices i WHERE i.DealId = c.DealId), 0) > 0.004;
                """);

            migrationBuilder.DropColumn(
                name: "ContractReference",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "Amount",
                table: "Quotes");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Invoices_PaymentPlanLines_PaymentPlanLineId",
                table: "Invoices");

            migrationBuilder.DropForeignKey(
                name: "FK_Quotes_Contacts_ContactId",
                table: "Quotes");

            migrationBuilder.DropTable(
                name: "CompanySettings");

            migrationBuilder.DropTable(
                name: "PaymentPlanLines");

            migrationBuilder.DropTable(
                name: "QuoteLines");

            migrationBuilder.DropTable(
                name: "Contracts");

            migrationBuilder.DropTable(
                name: "Products");

            migrationBuilder.DropIndex(
                name: "IX_Quotes_ContactId",
                table: "Quotes");

            migrationBuilder.DropIndex(
                name: "IX_Quotes_Number_Revision",
                table: "Quotes");

            migrationBuilder.DropIndex(
                name: "IX_Quotes_Status_ValidUntil",
                table: "Quotes");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_PaymentPlanLineId",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "ApprovalComment",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "ApprovalRequestedAtUtc",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "ApprovedAtUtc",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "ApprovedById",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "ClosedAtUtc",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "ContactId",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "Culture",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "Gross",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "MaxDiscount",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "Net",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "Notes",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "SentAtUtc",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "UpdatedAtUtc",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "ValidUntil",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Quotes");

            migrationBuilder.DropColumn(
                name: "Attachment",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "AttachmentContentType",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "AttachmentName",
                table: "OutboxEmails");

            migrationBuilder.DropColumn(
                name: "PaymentPlanLineId",
                table: "Invoices");

            migrationBuilder.RenameColumn(
                name: "Tax",
                table: "Quotes",
                newName: "Amount");

            migrationBuilder.AddColumn<string>(
                name: "ContractReference",
                table: "Deals",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Quotes_Number",
                table: "Quotes",
                column: "Number",
                unique: true);
        }
    }
}
