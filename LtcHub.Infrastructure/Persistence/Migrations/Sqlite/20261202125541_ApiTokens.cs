using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtcHub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApiTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAtUtc",
                table: "Invoices",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAtUtc",
                table: "Contacts",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAtUtc",
                table: "Accounts",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Rows that exist already were last written no later than they were made: a fair start for updatedSince.
            migrationBuilder.Sql("UPDATE Accounts SET UpdatedAtUtc = CreatedAtUtc;");
            migrationBuilder.Sql("UPDATE Invoices SET UpdatedAtUtc = CreatedAtUtc;");
            migrationBuilder.Sql("UPDATE Contacts SET UpdatedAtUtc = (SELECT a.CreatedAtUtc FROM Accounts a WHERE a.Id = Contacts.AccountId);");

            migrationBuilder.CreateTable(
                name: "ApiTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastUsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_UpdatedAtUtc",
                table: "Invoices",
                column: "UpdatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_UpdatedAtUtc",
                table: "Contacts",
                column: "UpdatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_UpdatedAtUtc",
                table: "Accounts",
                column: "UpdatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_Hash",
                table: "ApiTokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_UserId",
                table: "ApiTokens",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiTokens");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_UpdatedAtUtc",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_UpdatedAtUtc",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_UpdatedAtUtc",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "UpdatedAtUtc",
                table: "Invoices");

            migrationBuilder.DropColumn(
                name: "UpdatedAtUtc",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "UpdatedAtUtc",
                table: "Accounts");
        }
    }
}
