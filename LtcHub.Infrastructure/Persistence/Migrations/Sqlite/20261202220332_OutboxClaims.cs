using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtcHub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedUntilUtc",
                table: "OutboxEmails",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClaimedUntilUtc",
                table: "OutboxEmails");
        }
    }
}
