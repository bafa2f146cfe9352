using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Messaging;
using Platform.Modules.TrainingVouchers.Contracts;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Persistence;

namespace Platform.Modules.VeteranEmployment.Features.Integration;

/// <summary>
/// Records a training completed under a voucher on the ledger of a registered veteran, found by the
/// holder's blind index; people who are not registered veterans are ignored. The voucher module knows
/// nothing of veterans. A redelivered event adds nothing (inbox, and a unique voucher id). A veteran
/// registered after the training does not get it retroactively.
/// </summary>
internal sealed class TrainingCompletedHandler(VeteranEmploymentDbContext db) : IIntegrationEventHandler<TrainingCompleted>
{
    public async Task HandleAsync(TrainingCompleted integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var veteran = await db.Veterans.IgnoreQueryFilters()
            .Where(v => v.Person.BlindIndex == integrationEvent.HolderBlindIndex)
            .Select(v => (Guid?)v.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (veteran is null || await db.TrainingRecords.AnyAsync(r => r.VoucherId == integrationEvent.VoucherId, cancellationToken))
        {
            return;
        }

        db.TrainingRecords.Add(new TrainingRecord
        {
            Id = Guid.CreateVersion7(),
            VeteranId = veteran.Value,
            VoucherId = integrationEvent.VoucherId,
            OccupationCode = integrationEvent.OccupationCode,
            OccupationName = integrationEvent.OccupationName,
            Level = integrationEvent.Level,
            Passed = integrationEvent.Passed,
            CertificateNumber = integrationEvent.CertificateNumber,
            InstitutionCode = integrationEvent.InstitutionCode,
            CompletedOn = integrationEvent.CompletedOn,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
