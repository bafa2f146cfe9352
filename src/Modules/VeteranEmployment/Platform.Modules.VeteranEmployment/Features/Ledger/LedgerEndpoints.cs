using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Modules.VeteranEmployment.Domain;
using Platform.Modules.VeteranEmployment.Features.Shared;
using Platform.Modules.VeteranEmployment.Persistence;

namespace Platform.Modules.VeteranEmployment.Features.Ledger;

/// <summary>One line of the ledger.</summary>
/// <param name="Id">The entry.</param>
/// <param name="EffectiveOn">The day the status holds from.</param>
/// <param name="Status">The status.</param>
/// <param name="EmployerCode">The employer, when employed.</param>
/// <param name="Position">The position.</param>
/// <param name="ContractMonths">The labour contract's term in months.</param>
/// <param name="SocialInsurance">Whether social insurance is paid.</param>
/// <param name="BusinessName">The business, when self-employed.</param>
/// <param name="BusinessCode">Its credit code.</param>
/// <param name="Source">Manual, Import, Placement or Entrepreneurship (a business registered by the return-home entrepreneurship module).</param>
/// <param name="CorrectsEntryId">The entry it corrects.</param>
/// <param name="Superseded">True when a later-recorded entry of the same effective day replaces it.</param>
/// <param name="Note">The note.</param>
/// <param name="RecordedAt">When recorded.</param>
/// <param name="RecordedBy">Who recorded it.</param>
internal sealed record LedgerEntryResponse(
    Guid Id, DateOnly EffectiveOn, EmploymentStatus Status, string? EmployerCode, string? Position, int? ContractMonths, bool SocialInsurance,
    string? BusinessName, string? BusinessCode, LedgerSource Source, Guid? CorrectsEntryId, bool Superseded, string Note, DateTimeOffset RecordedAt, string RecordedBy)
{
    public static LedgerEntryResponse From(LedgerEntry e, bool superseded) => new(
        e.Id, e.EffectiveOn, e.Status, e.EmployerCode, e.Position, e.ContractMonths, e.SocialInsurance, e.BusinessName, e.BusinessCode, e.Source,
        e.CorrectsEntryId, superseded, e.Note, e.RecordedAt, e.RecordedBy);
}

/// <summary>A training completed under a voucher (from the training vouchers module).</summary>
/// <param name="OccupationCode">The occupation.</param>
/// <param name="OccupationName">Its name.</param>
/// <param name="Level">The level.</param>
/// <param name="Passed">Whether the assessment was passed.</param>
/// <param name="CertificateNumber">The certificate, when passed.</param>
/// <param name="InstitutionCode">The institution.</param>
/// <param name="CompletedOn">The day of the assessment.</param>
internal sealed record TrainingRecordResponse(string OccupationCode, string OccupationName, string Level, bool Passed, string? CertificateNumber, string InstitutionCode, DateOnly CompletedOn);

/// <summary>A veteran's ledger and the status on a day.</summary>
/// <param name="VeteranId">The veteran.</param>
/// <param name="On">The day asked about (default today).</param>
/// <param name="StatusOn">The status in force on that day; null before the first entry.</param>
/// <param name="EntryInForce">The entry that gives it.</param>
/// <param name="Entries">Every entry, by effective day then recording time (the ledger is append-only).</param>
/// <param name="Trainings">Trainings completed under vouchers.</param>
internal sealed record LedgerResponse(Guid VeteranId, DateOnly On, EmploymentStatus? StatusOn, Guid? EntryInForce, IReadOnlyList<LedgerEntryResponse> Entries, IReadOnlyList<TrainingRecordResponse> Trainings);

internal static class LedgerEndpoints
{
    public static void MapLedgerEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/veterans/{id:guid}/ledger", RecordAsync)
            .WithName("VeteranEmployment_RecordEmploymentStatus")
            .RequirePermission(VeteranPermissions.LedgerWrite)
            .WithSummary("Record a veteran's employment status from a day on")
            .WithDescription("Appends to the ledger; nothing is changed or deleted. A correction is a new entry (name the corrected one in correctsEntryId) for the same or an earlier day: recorded later, it wins on that day. Refused before the discharge day (422 veterans.status_before_discharge) or after today (400). Publishes VeteranEmploymentChanged.")
            .ProducesApiProblem(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        routes.MapGet("/veterans/{id:guid}/ledger", GetAsync)
            .WithName("VeteranEmployment_GetLedger")
            .RequirePermission(VeteranPermissions.VeteransRead)
            .WithSummary("A veteran's employment ledger and the status on any day")
            .WithDescription("Every entry (superseded ones marked), the status in force on the day given by on (default today) and the trainings completed under vouchers.")
            .ProducesApiProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<LedgerEntryResponse>> RecordAsync(
        Guid id, LedgerEntryRequest request, VeteranEmploymentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var veteran = await VeteranAccess.VeteranAsync(db, id, cancellationToken);
        var entry = await LedgerWriter.AppendOneAsync(db, veteran, request, LedgerSource.Manual, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/veteran-employment/veterans/{id}/ledger", LedgerEntryResponse.From(entry, false));
    }

    /// <param name="on">The day to answer the status for (default today).</param>
    private static async Task<Ok<LedgerResponse>> GetAsync(Guid id, DateOnly? on, VeteranEmploymentDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var veteran = await db.Veterans.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw VeteranProblems.VeteranMissing(id);
        var day = on ?? ChinaCalendar.Today(time);
        var entries = await db.Ledger.AsNoTracking().Where(e => e.VeteranId == veteran.Id).ToListAsync(cancellationToken);
        var trainings = await db.TrainingRecords.AsNoTracking().Where(t => t.VeteranId == veteran.Id).OrderBy(t => t.CompletedOn).ToListAsync(cancellationToken);
        var winners = Domain.Ledger.Spells(entries).Select(s => s.Entry.Id).ToHashSet();
        var inForce = Domain.Ledger.InForceOn(entries, day);
        return TypedResults.Ok(new LedgerResponse(
            veteran.Id,
            day,
            inForce?.Status,
            inForce?.Id,
            entries.OrderBy(e => e.EffectiveOn).ThenBy(e => e.RecordedAt).ThenBy(e => e.Id).Select(e => LedgerEntryResponse.From(e, !winners.Contains(e.Id))).ToArray(),
            trainings.Select(t => new TrainingRecordResponse(t.OccupationCode, t.OccupationName, t.Level, t.Passed, t.CertificateNumber, t.InstitutionCode, t.CompletedOn)).ToArray()));
    }
}
