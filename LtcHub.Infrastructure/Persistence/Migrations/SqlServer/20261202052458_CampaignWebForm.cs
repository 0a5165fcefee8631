using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtcHub.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CampaignWebForm : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FormOwnerId",
                table: "Campaigns",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FormToken",
                table: "Campaigns",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_FormToken",
                table: "Campaigns",
                column: "FormToken",
                unique: true,
                filter: "[FormToken] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Campaigns_FormToken",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "FormOwnerId",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "FormToken",
                table: "Campaigns");
        }
    }
}
