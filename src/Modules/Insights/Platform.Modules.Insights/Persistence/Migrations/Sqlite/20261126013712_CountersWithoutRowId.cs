using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Insights.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class CountersWithoutRowId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_counters_by_day",
                table: "counters");

            migrationBuilder.DropIndex(
                name: "IX_counters_by_region",
                table: "counters");

            migrationBuilder.DropIndex(
                name: "IX_counted_events_EventName_Day_EventId",
                table: "counted_events");

            migrationBuilder.CreateIndex(
                name: "IX_counted_events_EventName_EventId",
                table: "counted_events",
                columns: new[] { "EventName", "EventId" });

            // Not expressible in the model: the counters become a WITHOUT ROWID table, so the primary key's b-tree
            // holds the values (one b-tree per counter change instead of a row, its key index and two covering
            // indexes). EF would rebuild the table without it if a later migration needed a table rebuild; such a
            // migration must repeat this.
            migrationBuilder.Sql(
                """
                CREATE TABLE "counters_keyed" (
                    "IndicatorCode" TEXT NOT NULL,
                    "RegionCode" TEXT NOT NULL,
                    "Day" TEXT NOT NULL,
                    "Value" TEXT NOT NULL,
                    CONSTRAINT "PK_counters" PRIMARY KEY ("IndicatorCode", "RegionCode", "Day")
                ) WITHOUT ROWID;
                INSERT INTO "counters_keyed" ("IndicatorCode", "RegionCode", "Day", "Value")
                    SELECT "IndicatorCode", "RegionCode", "Day", "Value" FROM "counters";
                DROP TABLE "counters";
                ALTER TABLE "counters_keyed" RENAME TO "counters";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE TABLE "counters_rowid" (
                    "IndicatorCode" TEXT NOT NULL,
                    "RegionCode" TEXT NOT NULL,
                    "Day" TEXT NOT NULL,
                    "Value" TEXT NOT NULL,
                    CONSTRAINT "PK_counters" PRIMARY KEY ("IndicatorCode", "RegionCode", "Day")
                );
                INSERT INTO "counters_rowid" ("IndicatorCode", "RegionCode", "Day", "Value")
                    SELECT "IndicatorCode", "RegionCode", "Day", "Value" FROM "counters";
                DROP TABLE "counters";
                ALTER TABLE "counters_rowid" RENAME TO "counters";
                """);

            migrationBuilder.DropIndex(
                name: "IX_counted_events_EventName_EventId",
                table: "counted_events");

            migrationBuilder.CreateIndex(
                name: "IX_counters_by_day",
                table: "counters",
                columns: new[] { "IndicatorCode", "Day", "RegionCode", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_counters_by_region",
                table: "counters",
                columns: new[] { "IndicatorCode", "RegionCode", "Day", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_counted_events_EventName_Day_EventId",
                table: "counted_events",
                columns: new[] { "EventName", "Day", "EventId" });
        }
    }
}
