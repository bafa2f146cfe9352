using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Messaging;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;
using Platform.Modules.VeteranEmployment.Contracts;

namespace Platform.Modules.ReturnHomeEntrepreneurship.Features.Integration;

/// <summary>
/// Remembers every registered veteran by blind index, so a veteran who comes to start a business is
/// recognised without retyping; a founder registered before the veteran gets the link now. A redelivered
/// event changes nothing (inbox, and the blind index is the key).
/// </summary>
internal sealed class VeteranRegisteredHandler(ReturnHomeEntrepreneurshipDbContext db) : IIntegrationEventHandler<VeteranRegistered>
{
    public async Task HandleAsync(VeteranRegistered integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var known = await db.KnownVeterans.FirstOrDefaultAsync(v => v.PersonBlindIndex == integrationEvent.PersonBlindIndex, cancellationToken);
        if (known is null)
        {
            db.KnownVeterans.Add(new KnownVeteran
            {
                PersonBlindIndex = integrationEvent.PersonBlindIndex,
                VeteranId = integrationEvent.VeteranId,
                Category = integrationEvent.Category,
                RegionCode = integrationEvent.RegionCode,
                RegisteredOn = integrationEvent.RegisteredOn,
            });
        }

        var founder = await db.Entrepreneurs.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Person.BlindIndex == integrationEvent.PersonBlindIndex, cancellationToken);
        if (founder is not null && founder.VeteranId is null)
        {
            founder.VeteranId = integrationEvent.VeteranId;
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
