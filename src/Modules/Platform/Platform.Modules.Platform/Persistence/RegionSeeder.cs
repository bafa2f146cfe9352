using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Persistence;
using Platform.Modules.Platform.Features.Regions;

namespace Platform.Modules.Platform.Persistence;

/// <summary>
/// Loads the GB/T 2260 divisions of Sichuan and Chongqing into the region table: adds new codes,
/// updates renamed ones, and leaves codes that left the file in place (records may still cite them).
/// </summary>
internal sealed class RegionSeeder(PlatformDbContext db, RegionCatalog catalog, RegionDirectory directory) : IModuleSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Regions.ToDictionaryAsync(r => r.Code, cancellationToken);
        foreach (var region in catalog.All)
        {
            if (!existing.TryGetValue(region.Code, out var record))
            {
                record = new RegionRecord { Code = region.Code };
                db.Regions.Add(record);
            }

            record.Name = region.Name;
            record.NameEn = region.NameEn;
            record.Level = region.Level;
            record.ParentCode = region.ParentCode;
        }

        await db.SaveChangesAsync(cancellationToken);
        await directory.ReloadAsync(cancellationToken);
    }
}
