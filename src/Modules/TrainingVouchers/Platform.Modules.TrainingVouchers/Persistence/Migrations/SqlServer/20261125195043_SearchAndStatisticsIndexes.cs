using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Modules.TrainingVouchers.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    internal partial class SearchAndStatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_vouchers_InstitutionCode_CompletedOn",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "IX_vouchers_OccupationCode_Level",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "IX_vouchers_RegionCode_CompletedOn",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "IX_vouchers_RegionCode_IssuedOn",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "IX_vouchers_RegionCode_PaidOn",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_completion_statistics",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "CompletedOn", "RegionCode", "ServingRegionCode", "InstitutionCode", "OccupationCode", "Passed" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_InstitutionCode_Status_IssuedAt_Id",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "InstitutionCode", "Status", "IssuedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_issued_statistics",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "IssuedOn", "RegionCode", "ServingRegionCode", "Status", "Groups", "FaceValue" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_IssuedAt_Id",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "IssuedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_OccupationCode_Level_IssuedAt_Id",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "OccupationCode", "Level", "IssuedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_paid_statistics",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "PaidOn", "RegionCode", "ServingRegionCode", "SubsidyAmount" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_RegionCode_IssuedAt_Id",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "RegionCode", "IssuedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_Status_IssuedAt_Id",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "Status", "IssuedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_vouchers_completion_statistics",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "IX_vouchers_InstitutionCode_Status_IssuedAt_Id",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "IX_vouchers_issued_statistics",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "IX_vouchers_IssuedAt_Id",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "IX_vouchers_OccupationCode_Level_IssuedAt_Id",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "IX_vouchers_paid_statistics",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "IX_vouchers_RegionCode_IssuedAt_Id",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.DropIndex(
                name: "IX_vouchers_Status_IssuedAt_Id",
                schema: "training_vouchers",
                table: "vouchers");

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_InstitutionCode_CompletedOn",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "InstitutionCode", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_OccupationCode_Level",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "OccupationCode", "Level" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_RegionCode_CompletedOn",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "RegionCode", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_RegionCode_IssuedOn",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "RegionCode", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_vouchers_RegionCode_PaidOn",
                schema: "training_vouchers",
                table: "vouchers",
                columns: new[] { "RegionCode", "PaidOn" });
        }
    }
}
