using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LtcHub.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FrontOfFunnel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MinimumGrade",
                table: "Stages",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Grade",
                table: "Deals",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastFollowUpAtUtc",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailKey",
                table: "Contacts",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneKey",
                table: "Contacts",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CampaignId",
                table: "Accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAtUtc",
                table: "Accounts",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "LastFollowUpAtUtc",
                table: "Accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Level",
                table: "Accounts",
                type: "TEXT",
                maxLength: 4,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Accounts",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "OwnedSinceUtc",
                table: "Accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "Accounts",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PoolReason",
                table: "Accounts",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PoolWarnedAtUtc",
                table: "Accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PooledAtUtc",
                table: "Accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousOwnerId",
                table: "Accounts",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Size",
                table: "Accounts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Accounts",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Accounts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "TeamId",
                table: "Accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "AccountSegments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    FilterJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountSegments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountSegments_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Cost = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DuplicateRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Company = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuplicateRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    DealId = table.Column<int>(type: "INTEGER", nullable: true),
                    ContactId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextFollowUpDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUps_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FollowUps_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_FollowUps_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PoolRules",
                columns: table => new
                {
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    FollowUpDaysA = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgressDaysA = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUpDaysB = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgressDaysB = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUpDaysC = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgressDaysC = table.Column<int>(type: "INTEGER", nullable: false),
                    WarnDaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    DailyClaimCap = table.Column<int>(type: "INTEGER", nullable: false),
                    HoldingLimit = table.Column<int>(type: "INTEGER", nullable: false),
                    CooldownDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PoolRules", x => x.TeamId);
                    table.ForeignKey(
                        name: "FK_PoolRules_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Scorecards",
                columns: table => new
                {
                    DealId = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedFit = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedFitNote = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Budget = table.Column<int>(type: "INTEGER", nullable: false),
                    BudgetNote = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DecisionCycle = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionCycleNote = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    SizeNote = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    History = table.Column<decimal>(type: "TEXT", precision: 3, scale: 1, nullable: true),
                    HistoryInvoices = table.Column<int>(type: "INTEGER", nullable: false),
                    HistoryOnTimeShare = table.Column<double>(type: "REAL", nullable: true),
                    HistoryAverageDaysLate = table.Column<double>(type: "REAL", nullable: false),
                    HistoryOverdueNow = table.Column<int>(type: "INTEGER", nullable: false),
                    HistoryComment = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    ScoredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ScoredById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ScoredByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Scorecards", x => x.DealId);
                    table.ForeignKey(
                        name: "FK_Scorecards_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoringSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedFitWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    BudgetWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionCycleWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    SizeWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    HistoryWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    GradeA = table.Column<int>(type: "INTEGER", nullable: false),
                    GradeB = table.Column<int>(type: "INTEGER", nullable: false),
                    GradeC = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoringSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_EmailKey",
                table: "Contacts",
                column: "EmailKey");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_PhoneKey",
                table: "Contacts",
                column: "PhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_CampaignId",
                table: "Accounts",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_NameKey",
                table: "Accounts",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_OwnerId",
                table: "Accounts",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_TeamId_OwnerId",
                table: "Accounts",
                columns: new[] { "TeamId", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountSegments_OwnerId_Name",
                table: "AccountSegments",
                columns: new[] { "OwnerId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_AccountId_AtUtc",
                table: "FollowUps",
                columns: new[] { "AccountId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_ContactId",
                table: "FollowUps",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_DealId_AtUtc",
                table: "FollowUps",
                columns: new[] { "DealId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_NextFollowUpDate",
                table: "FollowUps",
                column: "NextFollowUpDate");

            // Existing companies: owned by the owner of their latest deal (no deal: in the pool), created with their first deal,
            // customers if a deal of theirs was won. Their pool clock starts now, so an upgrade takes nobody's customers away.
            migrationBuilder.Sql("""
                UPDATE "Accounts" SET
                    "OwnerId" = (SELECT d."OwnerId" FROM "Deals" d WHERE d."AccountId" = "Accounts"."Id" ORDER BY d."CreatedAtUtc" DESC, d."Id" DESC LIMIT 1),
                    "TeamId" = (SELECT d."TeamId" FROM "Deals" d WHERE d."AccountId" = "Accounts"."Id" ORDER BY d."CreatedAtUtc" DESC, d."Id" DESC LIMIT 1),
                    "CreatedAtUtc" = COALESCE((SELECT MIN(d."CreatedAtUtc") FROM "Deals" d WHERE d."AccountId" = "Accounts"."Id"),
                        strftime('%Y-%m-%d %H:%M:%f', 'now')),
                    "Status" = CASE WHEN EXISTS (SELECT 1 FROM "Deals" d JOIN "Stages" s ON s."Id" = d."StageId"
                        WHERE d."AccountId" = "Accounts"."Id" AND s."Key" IN ('won', 'handoff', 'delivery', 'invoiced', 'paid')) THEN 'Customer' ELSE 'Prospect' END,
                    "Level" = 'C', "Size" = 'Unknown', "Version" = 1;
                UPDATE "Accounts" SET "OwnedSinceUtc" = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE "OwnerId" IS NOT NULL;
                UPDATE "Accounts" SET "PooledAtUtc" = strftime('%Y-%m-%d %H:%M:%f', 'now'), "PoolReason" = '升级时没有负责人 · no owner at the upgrade'
                    WHERE "OwnerId" IS NULL;
                """);

            // A score given before scorecards existed keeps its grade by the default bands.
            migrationBuilder.Sql("""
                UPDATE "Deals" SET "Grade" = CASE WHEN "QualificationScore" >= 80 THEN 'A' WHEN "QualificationScore" >= 60 THEN 'B'
                    WHEN "QualificationScore" >= 40 THEN 'C' ELSE 'D' END
                    WHERE "QualificationScore" IS NOT NULL;
                """);

            migrationBuilder.AddForeignKey(
                name: "FK_Accounts_AspNetUsers_OwnerId",
                table: "Accounts",
                column: "OwnerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Accounts_Campaigns_CampaignId",
                table: "Accounts",
                column: "CampaignId",
                principalTable: "Campaigns",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Accounts_Teams_TeamId",
                table: "Accounts",
                column: "TeamId",
                principalTable: "Teams",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Accounts_AspNetUsers_OwnerId",
                table: "Accounts");

            migrationBuilder.DropForeignKey(
                name: "FK_Accounts_Campaigns_CampaignId",
                table: "Accounts");

            migrationBuilder.DropForeignKey(
                name: "FK_Accounts_Teams_TeamId",
                table: "Accounts");

            migrationBuilder.DropTable(
                name: "AccountSegments");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropTable(
                name: "DuplicateRules");

            migrationBuilder.DropTable(
                name: "FollowUps");

            migrationBuilder.DropTable(
                name: "PoolRules");

            migrationBuilder.DropTable(
                name: "Scorecards");

            migrationBuilder.DropTable(
                name: "ScoringSettings");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_EmailKey",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_PhoneKey",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_CampaignId",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_NameKey",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_OwnerId",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_TeamId_OwnerId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "MinimumGrade",
                table: "Stages");

            migrationBuilder.DropColumn(
                name: "Grade",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "LastFollowUpAtUtc",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "EmailKey",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "PhoneKey",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "CreatedAtUtc",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "LastFollowUpAtUtc",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Level",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "OwnedSinceUtc",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "PoolReason",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "PoolWarnedAtUtc",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "PooledAtUtc",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "PreviousOwnerId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Size",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "TeamId",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Accounts");
        }
    }
}
