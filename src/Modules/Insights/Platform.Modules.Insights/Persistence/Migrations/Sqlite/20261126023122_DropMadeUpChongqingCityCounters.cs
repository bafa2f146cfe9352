using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.Insights.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class DropMadeUpChongqingCityCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Counters once rolled a Chongqing district up into a made-up city (500100, 500200: the digits, not the
            // region catalogue, which puts the districts and counties directly under the municipality). Nothing
            // queries those rows; the municipality's own rows hold the same sums.
            migrationBuilder.Sql("DELETE FROM \"counters\" WHERE \"RegionCode\" IN ('500100', '500200');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The deleted rows were redundant; they are not made again.
        }
    }
}
