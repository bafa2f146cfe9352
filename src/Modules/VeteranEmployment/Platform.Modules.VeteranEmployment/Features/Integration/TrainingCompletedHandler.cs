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
/// registered after the training does not get it retroactively. The relay hands it a batch at a time: most
/// trainees are not veterans, so one lookup of the batch's holders settles nearly all of it (a backlog after an
/// outage is caught up as fast as the other consumers of the event).
/// </summary>
internal sealed class TrainingCompletedHandler(VeteranEmploymentDbContext db) : IBatchIntegrationEventHandler<TrainingCompleted>
{
    public Task HandleAsync(TrainingCompleted integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return HandleBatchAsync([integrationEvent], cancellationToken);
    }

    public async Task HandleBatchAsync(IReadOnlyList<TrainingCompleted> integrationEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvents);
        var holders = integrationEvents.Select(e => e.HolderBlindIndex).Distinct(StringComparer.Ordinal).ToArray();
        var veterans = (await db.Veterans.IgnoreQueryFilters()
                .Where(v => EF.Parameter(holders).Contains(v.Person.BlindIndex))
                .Select(v => new { v.Id, v.Person.BlindIndex })
                .ToListAsync(cancellationToken))
            .GroupBy(v => v.BlindIndex, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var trainings = integrationEvents.Where(e => veterans.ContainsKey(e.HolderBlindIndex)).DistinctBy(e => e.VoucherId).ToList();
        if (trainings.Count == 0)
        {
            return;
        }

        var vouchers = trainings.Select(e => e.VoucherId).ToArray();
        var recorded = (await db.TrainingRecords.Where(r => EF.Parameter(vouchers).Contains(r.VoucherId)).Select(r => r.VoucherId).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var training in trainings.Where(e => !recorded.Contains(e.VoucherId)))
        {
            db.TrainingRecords.Add(new TrainingRecord
            {
                Id = Guid.CreateVersion7(),
                VeteranId = veterans[training.HolderBlindIndex],
                VoucherId = training.VoucherId,
                OccupationCode = training.OccupationCode,
                OccupationName = training.OccupationName,
                Level = training.Level,
                Passed = training.Passed,
                CertificateNumber = training.CertificateNumber,
                InstitutionCode = training.InstitutionCode,
                CompletedOn = training.CompletedOn,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
