using Microsoft.EntityFrameworkCore;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Parks;

/// <summary>Admitting a business to a park and letting it leave; the park's count of tenants and its version settle races for the last place.</summary>
internal static class Tenants
{
    /// <summary>Admits <paramref name="business"/> to the park from <paramref name="from"/> (changes tracked, not saved).</summary>
    /// <exception cref="Platform.BuildingBlocks.Http.DomainException">404 for an unknown park, 409 when full or already a tenant somewhere.</exception>
    public static async Task<Park> AdmitAsync(ReturnHomeEntrepreneurshipDbContext db, Guid parkId, Business business, DateOnly from, CancellationToken cancellationToken)
    {
        var park = await EntrepreneurshipAccess.ParkAsync(db, parkId, cancellationToken);
        if (business.ParkId is not null || await db.Tenancies.AnyAsync(t => t.OpenSlot == business.Id, cancellationToken))
        {
            throw EntrepreneurshipProblems.Conflict(EntrepreneurshipProblems.AlreadyTenant, "该创业实体已入驻园区，请先办理迁出。", "The business is already a tenant of a park; release it first.");
        }

        if (park.Tenants >= park.Capacity)
        {
            throw EntrepreneurshipProblems.Conflict(
                EntrepreneurshipProblems.ParkFull, $"{park.Name} 已满（容量 {park.Capacity}）。", $"{park.Name} is full (capacity {park.Capacity}).");
        }

        park.Tenants++;
        business.ParkId = park.Id;
        db.Tenancies.Add(new Tenancy { Id = Guid.CreateVersion7(), ParkId = park.Id, BusinessId = business.Id, From = from, OpenSlot = business.Id });
        return park;
    }

    /// <summary>Ends the business's stay in its park on <paramref name="to"/> (changes tracked, not saved); nothing when it is not a tenant.</summary>
    public static async Task<bool> ReleaseAsync(ReturnHomeEntrepreneurshipDbContext db, Business business, DateOnly to, CancellationToken cancellationToken)
    {
        var tenancy = await db.Tenancies.FirstOrDefaultAsync(t => t.OpenSlot == business.Id, cancellationToken);
        if (tenancy is null)
        {
            business.ParkId = null;
            return false;
        }

        var park = await db.Parks.IgnoreQueryFilters().FirstAsync(p => p.Id == tenancy.ParkId, cancellationToken);
        park.Tenants = Math.Max(0, park.Tenants - 1);
        tenancy.To = to < tenancy.From ? tenancy.From : to;
        tenancy.OpenSlot = null;
        business.ParkId = null;
        return true;
    }
}
