using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Time;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Features.Ledger;
using Platform.Modules.VeteranEmployment.Features.Shared;
using Platform.Modules.VeteranEmployment.Persistence;

namespace Platform.Modules.VeteranEmployment.Features.Integration;

/// <summary>
/// Records a registered veteran who founded a business registered by the return-home entrepreneurship
/// module as self-employed, found by the founder's blind index; founders who are not registered veterans
/// are ignored. The entry is an ordinary ledger entry (source <see cref="LedgerSource.Entrepreneurship"/>)
/// written by <see cref="LedgerWriter"/>, so the current status, the status on a day, the statistics and
/// <c>VeteranEmploymentChanged</c> follow as for any entry. A redelivered event adds nothing (inbox, and
/// no second entry for a business code already recorded from this source).
/// </summary>
internal sealed class BusinessRegisteredHandler(VeteranEmploymentDbContext db, TimeProvider time) : IIntegrationEventHandler<BusinessRegistered>
{
    /// <summary>Who the ledger names as having recorded the entry.</summary>
    public const string RecordedBy = "system:return_home_entrepreneurship";

    public async Task HandleAsync(BusinessRegistered integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var veteran = await db.Veterans.IgnoreQueryFilters()
            .FirstOrDefaultAsync(v => v.Person.BlindIndex == integrationEvent.FounderBlindIndex, cancellationToken);
        if (veteran is null)
        {
            return;
        }

        var code = VeteranAccess.CreditCode(integrationEvent.CreditCode);
        if (await db.Ledger.AnyAsync(
                e => e.VeteranId == veteran.Id && e.Source == LedgerSource.Entrepreneurship && e.Status == EmploymentStatus.SelfEmployed && e.BusinessCode == code,
                cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow();
        var registeredOn = integrationEvent.RegisteredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var request = new LedgerEntryRequest(
            EffectiveDay(integrationEvent.RegisteredOn, veteran.DischargedOn, ChinaCalendar.DayOf(now)),
            EmploymentStatus.SelfEmployed,
            EmployerCode: null,
            Position: null,
            ContractMonths: null,
            SocialInsurance: null,
            integrationEvent.BusinessName,
            code,
            CorrectsEntryId: null,
            $"返乡创业登记 {registeredOn} / return-home business registered on {registeredOn}");
        var entry = await LedgerWriter.AppendOneAsync(db, veteran, request, LedgerSource.Entrepreneurship, now, cancellationToken);

        // The writer names the context's caller, which outside a request is the platform itself.
        entry.RecordedBy = RecordedBy;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The day the veteran is self-employed from: the business's registration day, but not before the
    /// discharge (the ledger starts there) nor after today (the ledger records what has happened).
    /// </summary>
    public static DateOnly EffectiveDay(DateOnly registeredOn, DateOnly dischargedOn, DateOnly today)
    {
        var day = registeredOn < dischargedOn ? dischargedOn : registeredOn;
        return day > today ? today : day;
    }
}
