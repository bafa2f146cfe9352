using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Insights.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class CountersWithoutRowId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_counters_by_day",
                schema: "insights",
                table: "counters");

            migrationBuilder.DropIndex(
                name: "IX_counters_by_region",
                schema: "insights",
                table: "counters");

            migrationBuilder.DropIndex(
                name: "IX_counted_events_EventName_Day_EventId",
                schema: "insights",
                table: "counted_events");

            migrationBuilder.CreateIndex(
                name: "IX_counted_events_EventName_EventId",
                schema: "insights",
                table: "counted_events",
                columns: new[] { "EventName", "EventId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_counted_events_EventName_EventId",
                schema: "insights",
                table: "counted_events");

            migrationBuilder.CreateIndex(
                name: "IX_counters_by_day",
                schema: "insights",
                table: "counters",
                columns: new[] { "IndicatorCode", "Day", "RegionCode", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_counters_by_region",
                schema: "insights",
                table: "counters",
                columns: new[] { "IndicatorCode", "RegionCode", "Day", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_counted_events_EventName_Day_EventId",
                schema: "insights",
                table: "counted_events",
                columns: new[] { "EventName", "Day", "EventId" });
        }
    }
}
