using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Modules.Platform.Persistence;

namespace Platform.Modules.Platform.Features.Audit;

/// <summary>The hash chain: each entry's hash covers its own fields and its predecessor's hash.</summary>
internal static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // Length-prefixed fields, so no two different entries share a canonical form.
        var builder = new StringBuilder();
        foreach (var field in new[]
        {
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.Subject, entry.Roles, entry.Region, entry.Action,
            entry.EntityType ?? "", entry.EntityId ?? "", entry.Outcome, entry.CorrelationId, entry.PreviousHash,
        })
        {
            builder.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>Checks a run of consecutive entries that follows <paramref name="previousHash"/> at <paramref name="previousSequence"/>.</summary>
    public static AuditBreak? FindBreak(IEnumerable<AuditEntry> entries, long previousSequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            if (entry.Sequence != previousSequence + 1)
            {
                return new AuditBreak(previousSequence + 1, "missing", $"Entry {previousSequence + 1} is missing: the next stored entry is {entry.Sequence}.");
            }

            if (entry.PreviousHash != previousHash)
            {
                return new AuditBreak(entry.Sequence, "link", $"Entry {entry.Sequence} does not link to the hash of entry {previousSequence}.");
            }

            if (HashOf(entry) != entry.Hash)
            {
                return new AuditBreak(entry.Sequence, "content", $"Entry {entry.Sequence} was changed after it was written.");
            }

            previousSequence = entry.Sequence;
            previousHash = entry.Hash;
        }

        return null;
    }
}

/// <summary>Where and how the chain breaks.</summary>
internal sealed record AuditBreak(long Sequence, string Kind, string Description);
