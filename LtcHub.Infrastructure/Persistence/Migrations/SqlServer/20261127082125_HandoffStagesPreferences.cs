using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtcHub.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class HandoffStagesPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Stages",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "HandoffPushbackReason",
                table: "Deals",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HandoffPushedBackAtUtc",
                table: "Deals",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BoardFilterJson",
                table: "AspNetUsers",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "HandoffPushbackReason",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "HandoffPushedBackAtUtc",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "BoardFilterJson",
                table: "AspNetUsers");
        }
    }
}
