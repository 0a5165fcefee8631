using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtcHub.Infrastructure.Persistence.Migrations.SqlServer
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
                type: "datetime2",
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
