using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Idempotency;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.Platform.Persistence;

namespace Platform.Modules.Platform.Features.Idempotency;

/// <summary>Idempotency keys in the Platform module's database; the primary key (caller, key) decides races.</summary>
internal sealed class IdempotencyStore(PlatformDbContext db, IOptions<IdempotencyOptions> options, TimeProvider time, IPersonalDataProtector protector) : IIdempotencyStore
{
    public async Task<IdempotencyStart> BeginAsync(string subject, string key, string requestHash, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Subject == subject && r.Key == key, cancellationToken);
            if (existing is not null && existing.ExpiresAt > now)
            {
                if (existing.RequestHash != requestHash)
                {
                    return new IdempotencyStart(IdempotencyOutcome.KeyReused);
                }

                if (existing.Completed)
                {
                    return new IdempotencyStart(IdempotencyOutcome.Replay,
                        new IdempotentResponse(existing.StatusCode, existing.ContentType, Open(existing.Body), existing.Location, existing.ETag));
                }

                if (existing.CreatedAt + settings.InFlightTimeout > now)
                {
                    return new IdempotencyStart(IdempotencyOutcome.InFlight);
                }

                // The first attempt died mid-flight: take the key over, if nobody else just did.
                var taken = await db.WriteAsync(
                    token => db.IdempotencyRecords
                        .Where(r => r.Subject == subject && r.Key == key && !r.Completed && r.CreatedAt == existing.CreatedAt)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, now), token),
                    cancellationToken);
                if (taken == 1)
                {
                    return new IdempotencyStart(IdempotencyOutcome.Started);
                }

                continue;
            }

            if (existing is not null)
            {
                await db.WriteAsync(token => db.IdempotencyRecords.Where(r => r.Subject == subject && r.Key == key && r.ExpiresAt <= now).ExecuteDeleteAsync(token), cancellationToken);
            }

            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Subject = subject,
                Key = key,
                RequestHash = requestHash,
                CreatedAt = now,
                ExpiresAt = now + settings.Retention,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new IdempotencyStart(IdempotencyOutcome.Started);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // A duplicate arrived at the same moment; look again.
            }
        }

        return new IdempotencyStart(IdempotencyOutcome.InFlight);
    }

    public Task CompleteAsync(string subject, string key, IdempotentResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = Seal(response.Body);
        return db.WriteAsync(
            token => db.IdempotencyRecords
                .Where(r => r.Subject == subject && r.Key == key)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Completed, true)
                    .SetProperty(r => r.StatusCode, response.StatusCode)
                    .SetProperty(r => r.ContentType, response.ContentType)
                    .SetProperty(r => r.Body, body)
                    .SetProperty(r => r.Location, response.Location)
                    .SetProperty(r => r.ETag, response.ETag), token),
            cancellationToken);
    }

    // A response may show personal data unmasked (pii.read): keep it encrypted like any personal data at rest.
    private byte[] Seal(byte[] body) =>
        Encoding.ASCII.GetBytes(protector.Encrypt(PersonalDataKind.StoredResponse, Convert.ToBase64String(body)));

    private byte[] Open(byte[]? sealedBody) => sealedBody is null or { Length: 0 }
        ? []
        : Convert.FromBase64String(protector.Decrypt(PersonalDataKind.StoredResponse, Encoding.ASCII.GetString(sealedBody)));

    public Task AbandonAsync(string subject, string key, CancellationToken cancellationToken) =>
        db.WriteAsync(token => db.IdempotencyRecords.Where(r => r.Subject == subject && r.Key == key && !r.Completed).ExecuteDeleteAsync(token), cancellationToken);
}
